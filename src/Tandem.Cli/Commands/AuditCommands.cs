using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem audit verify|export|digest</c>: the tamper-evident audit log from the server's shell.</summary>
internal static class AuditCommands
{
    /// <summary>Exit code of <c>audit verify</c> when the chain is not intact, distinct from a usage or database error.</summary>
    public const int ChainBroken = 3;

    public static Command Build()
    {
        var audit = new Command("audit", "The tamper-evident audit log: verify the chain, export entries, print a signed digest for others to keep");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Digest());
        audit.Subcommands.Add(Export());
        return audit;
    }

    private static Command Verify()
    {
        var verify = new Command("verify",
            "Check the whole chain: sequence, hashes, signed checkpoints (key at Tandem:Audit:KeyPath), the tail, and the signed head digests "
            + "of the witness file (Tandem:Audit:WitnessPath) and of any --witness file. "
            + $"Exit 0 when intact; {ChainBroken} naming the first bad sequence number, a truncated tail or a rolled-back database.");
        var witnessFiles = new Option<FileInfo[]>("--witness")
        {
            Description = "A digest file received from elsewhere (lines printed by `tandem audit digest`), checked besides the local witness; may be repeated",
            AllowMultipleArgumentsPerToken = false,
        };
        verify.Options.Add(witnessFiles);
        verify.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var extra = parse.GetValue(witnessFiles) ?? [];
            if (extra.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                return CliOutput.Fail($"--witness: no file at {missing.FullName}.");
            }

            await using var services = CliServices.Create();
            var options = services.GetRequiredService<IOptions<AuditOptions>>().Value;
            using var signer = AuditSigner.LoadExisting(options);
            var (result, _) = await VerifyWithWitness(services, signer, options, extra, ct);
            if (!result.Intact)
            {
                Console.Error.WriteLine("tandem: audit chain NOT intact: " + result.Message);
                return ChainBroken;
            }

            Console.WriteLine(result.Summary);
            return CliOutput.Ok;
        }));
        return verify;
    }

    private static Command Digest()
    {
        var digest = new Command("digest",
            "Verify the chain, then print its signed head digest (one JSON line: sequence, hash, time, key id, signature) for the other party to keep; "
            + "it is also appended to the witness file. Check it later with `tandem audit verify --witness FILE`.");
        digest.SetAction((_, ct) => CliOutput.Guard(async () =>
        {
            await using var services = CliServices.Create();
            var options = services.GetRequiredService<IOptions<AuditOptions>>().Value;
            using var signer = AuditSigner.LoadExisting(options);
            var (result, witnessPath) = await VerifyWithWitness(services, signer, options, [], ct);
            if (!result.Intact)
            {
                // Signing the end of a tampered chain would lend it the key's word.
                Console.Error.WriteLine("tandem: audit chain NOT intact, no digest signed: " + result.Message);
                return ChainBroken;
            }

            if (result.LastSequence == 0)
            {
                return CliOutput.Fail("the audit log is empty: there is no chain end to digest yet.");
            }

            var signed = signer.SignDigest(result.LastSequence, result.LastHash, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            Console.WriteLine(signed.ToJsonLine());
            try
            {
                AuditWitnessFile.Append(witnessPath, signed);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliOutput.Fail($"Tandem:Audit:WitnessPath: the digest above could not be appended to {witnessPath} ({e.Message}).");
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Signed head digest of sequence {signed.Sequence}, also appended to {witnessPath}."));
            return CliOutput.Ok;
        }));
        return digest;
    }

    /// <summary>Reads the witness files first, then verifies: every digest read is then of a chain end the database has reached.</summary>
    private static async Task<(AuditVerification Result, string WitnessPath)> VerifyWithWitness(ServiceProvider services, AuditSigner signer, AuditOptions options,
        FileInfo[] extra, CancellationToken ct)
    {
        var witnessPath = options.WitnessFile;
        var witness = AuditWitnessFile.Read(witnessPath, mustExist: false);
        foreach (var file in extra)
        {
            witness = witness.Add(AuditWitnessFile.Read(file.FullName, mustExist: true, "--witness"));
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        return (await VerifyAuditChain.Handle(db, signer, witness, ct), witnessPath);
    }

    private static Command Export()
    {
        var export = new Command("export", "Write audit entries as JSON lines (sequence order) to standard output or a file; the export is itself audited");
        var from = new Option<string?>("--from") { Description = "First instant, UTC: a date (yyyy-MM-dd, from its start) or a date-time (yyyy-MM-ddTHH:mm:ssZ)" };
        var to = new Option<string?>("--to") { Description = "Last instant, UTC: a date (yyyy-MM-dd, to its end) or a date-time (exclusive)" };
        var output = new Option<FileInfo?>("--out") { Description = "File to write instead of standard output (overwritten)" };
        export.Options.Add(from);
        export.Options.Add(to);
        export.Options.Add(output);
        export.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var range = AuditQueries.ParseRange(parse.GetValue(from), parse.GetValue(to), "--from", "--to");
            if (!range.Succeeded)
            {
                foreach (var message in range.Error!.Fields.SelectMany(f => f.Value))
                {
                    Console.Error.WriteLine("tandem: " + message);
                }

                return CliOutput.Failed;
            }

            var file = parse.GetValue(output);
            if (file is not null && !(file.Directory?.Exists ?? false))
            {
                return CliOutput.Fail($"--out: folder {file.DirectoryName} does not exist.");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var actor = scope.ServiceProvider.GetRequiredService<AuditContext>().Actor;
            await using var writer = file is null ? null : new StreamWriter(file.Create(), new System.Text.UTF8Encoding(false));
            var result = await ExportAudit.Handle(db, actor, range.Value.From, range.Value.To, writer ?? Console.Out, ct);
            if (!result.Succeeded)
            {
                return CliOutput.Fail(result.Error!);
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Exported {result.Value} audit entries{(file is null ? "" : " to " + file.FullName)}."));
            return CliOutput.Ok;
        }));
        return export;
    }
}

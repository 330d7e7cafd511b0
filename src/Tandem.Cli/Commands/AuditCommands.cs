using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem audit verify|export</c>: the tamper-evident audit log from the server's shell (SECURITY.md row 15).</summary>
internal static class AuditCommands
{
    /// <summary>Exit code of <c>audit verify</c> when the chain is not intact, distinct from a usage or database error.</summary>
    public const int ChainBroken = 3;

    public static Command Build()
    {
        var audit = new Command("audit", "The tamper-evident audit log: verify the chain, export entries");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Export());
        return audit;
    }

    private static Command Verify()
    {
        var verify = new Command("verify",
            "Check the whole chain: sequence, hashes, signed checkpoints (key at Tandem:Audit:KeyPath) and the tail. "
            + $"Exit 0 when intact; {ChainBroken} naming the first bad sequence number, or a truncated tail.");
        verify.SetAction((_, ct) => CliOutput.Guard(async () =>
        {
            await using var services = CliServices.Create();
            using var signer = AuditSigner.LoadExisting(services.GetRequiredService<IOptions<AuditOptions>>().Value);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var result = await VerifyAuditChain.Handle(db, signer, ct);
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

using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem consultation export</c>: the secretariat's table of a call's submissions (C9).</summary>
internal static class ConsultationCommands
{
    public static Command Build()
    {
        var consultation = new Command("consultation", "Stakeholder consultation: calls for input and their submissions");
        var export = new Command("export",
            "Export a call's submissions to CSV or XLSX with the access of a secretariat officer: CBI parts appear only if that officer may read them. "
            + "The export is audited in the officer's name, with the operator noted.");
        var call = new Option<string>("--call") { Description = "The call's id", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output file; .csv or .xlsx decides the format", Required = true };
        var reader = new Option<string>("--as") { Description = "E-mail of the secretariat officer whose access the export uses", Required = true };
        export.Options.Add(call);
        export.Options.Add(output);
        export.Options.Add(reader);
        export.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            if (!Guid.TryParse(parse.GetValue(call), out var callId))
            {
                return CliOutput.Fail("--call: not a call id (a GUID such as 0193…).");
            }

            var file = parse.GetValue(output)!;
            var format = ExportSubmissions.ParseFormat(Path.GetExtension(file.Name).TrimStart('.'));
            if (!format.Succeeded)
            {
                return CliOutput.Fail("--out: the file name must end in .csv or .xlsx.");
            }

            if (file.Directory is { Exists: false } folder)
            {
                return CliOutput.Fail($"--out: folder {folder.FullName} does not exist.");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            var actor = await ActorOf(db, scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>(), parse.GetValue(reader)!, ct);
            if (actor is null)
            {
                return CliOutput.Fail($"--as: no active user with e-mail {parse.GetValue(reader)!.Trim()}.");
            }

            var audit = scope.ServiceProvider.GetRequiredService<AuditContext>();
            audit.Actor = actor with { Email = $"{actor.Email} (cli:{Environment.UserName})" };
            var result = await ExportSubmissions.Handle(db, actor, TimeProvider.System, callId, format.Value, ct);
            if (!result.Succeeded)
            {
                return result.Error!.Kind == ErrorKind.NotFound
                    ? CliOutput.Fail($"--call: no call {callId} that {actor.Email} may see.")
                    : CliOutput.Fail(result.Error);
            }

            await File.WriteAllBytesAsync(file.FullName, result.Value.Content, ct);
            Console.WriteLine($"Wrote {result.Value.Rows} submission(s) to {file.FullName} ({result.Value.Marking}).");
            return CliOutput.Ok;
        }));
        consultation.Subcommands.Add(export);
        return consultation;
    }

    /// <summary>The same facts the web host puts in a signed-in user's claims.</summary>
    private static async Task<Actor?> ActorOf(TandemDbContext db, UserManager<TandemUser> users, string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.Disabled, ct);
        if (user is null)
        {
            return null;
        }

        var agency = await db.Agencies.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Id == user.AgencyId, ct);
        var roles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        return new Actor(user.Id, user.Email, user.AgencyId, agency?.Party, roles, agency?.Kind == AgencyKind.Private);
    }
}

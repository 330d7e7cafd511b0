using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Data;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem compliance import|export</c>: historical compliance scores (C4).</summary>
internal static class ComplianceCommands
{
    public static Command Build()
    {
        var compliance = new Command("compliance", "Compliance: import historical scores, export a cycle's scores and averages");
        compliance.Subcommands.Add(Import());
        compliance.Subcommands.Add(Export());
        return compliance;
    }

    private static Command Import()
    {
        var import = new Command("import", "Import scores in the G7 Research Group layout (area,id,year,text,average,<member columns>; blank = not scored); one cycle per year");
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file" };
        var forum = new Option<string>("--forum") { Description = "Code of the forum the commitments belong to, e.g. EPCC", Required = true };
        var prefix = new Option<string>("--prefix") { Description = "Cycle names are '<prefix> <year>'", DefaultValueFactory = _ => "G7" };
        var unscored = new Option<UnscoredRule>("--unscored") { Description = "New cycles: Exclude unscored cells (default) or CountAsZero", DefaultValueFactory = _ => UnscoredRule.Exclude };
        var percent = new Option<PercentConvention>("--percent") { Description = "New cycles: Current ((s+1)/2×100, default) or Historic (s×100)", DefaultValueFactory = _ => PercentConvention.Current };
        import.Arguments.Add(file);
        import.Options.Add(forum);
        import.Options.Add(prefix);
        import.Options.Add(unscored);
        import.Options.Add(percent);
        import.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CliOutput.Fail($"FILE: {path.FullName} does not exist.");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            var actor = scope.ServiceProvider.GetRequiredService<AuditContext>().Actor;
            var code = parse.GetValue(forum)!.Trim();
            var forumId = await db.Forums.Where(f => f.Code == code).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);
            if (forumId is null)
            {
                return CliOutput.Fail($"--forum: '{code}' is not a forum.");
            }

            using var reader = new StreamReader(path.FullName, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var result = await ImportComplianceScores.Handle(db, actor,
                new ComplianceImportOptions(forumId, parse.GetValue(prefix), parse.GetValue(unscored), parse.GetValue(percent)), reader, ct);
            if (!result.Succeeded)
            {
                return CliOutput.Fail(result.Error!);
            }

            Console.Write(ImportComplianceScores.Describe(result.Value));
            return result.Value.Succeeded ? CliOutput.Ok : CliOutput.Failed;
        }));
        return import;
    }

    private static Command Export()
    {
        var export = new Command("export", "Write a cycle's scores and averages as CSV or XLSX (formula-safe)");
        var cycle = new Argument<Guid>("CYCLE") { Description = "Id of the assessment cycle" };
        var format = new Option<ExportFormat>("--format") { Description = "Csv or Xlsx", DefaultValueFactory = _ => ExportFormat.Csv };
        var output = new Option<FileInfo>("--out") { Description = "File to write", Required = true };
        export.Arguments.Add(cycle);
        export.Options.Add(format);
        export.Options.Add(output);
        export.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var actor = scope.ServiceProvider.GetRequiredService<AuditContext>().Actor;
            var result = await ComplianceExport.Handle(db, actor, parse.GetValue(cycle), parse.GetValue(format), ct);
            if (!result.Succeeded)
            {
                return CliOutput.Fail(result.Error!);
            }

            var target = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(target.FullName, result.Value.Content, ct);
            Console.WriteLine($"Wrote {target.FullName} ({result.Value.Content.Length:N0} bytes).");
            return CliOutput.Ok;
        }));
        return export;
    }
}

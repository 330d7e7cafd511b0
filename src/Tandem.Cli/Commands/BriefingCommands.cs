using System.CommandLine;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Audit;
using Tandem.Core.Briefing;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem meetings briefing-book</c> and <c>tandem report effectiveness</c>: the generated documents, as a named reader.</summary>
internal static class BriefingCommands
{
    public static Command Meetings()
    {
        var meetings = new Command("meetings", "Meetings: list, show and create them; write a meeting's briefing book");
        RecordCommands.AddMeetings(meetings);
        meetings.Subcommands.Add(BriefingBook());
        return meetings;
    }

    private static Command BriefingBook()
    {
        var command = new Command("briefing-book", "Write the briefing book of a meeting as one reader may see it (PDF or HTML; format from --format or the file's extension)");
        var meeting = new Option<Guid>("--meeting") { Description = "Id of the meeting", Required = true };
        var asUser = new Option<string>("--as") { Description = "E-mail of the reader: the book holds only what they may see", Required = true };
        var lang = new Option<string>("--lang") { Description = "en (default) or ja", DefaultValueFactory = _ => "en" };
        var format = new Option<string?>("--format") { Description = "pdf or html (default: from --out)" };
        var output = new Option<FileInfo>("--out") { Description = "File to write, e.g. book.pdf", Required = true };
        command.Options.Add(meeting);
        command.Options.Add(asUser);
        command.Options.Add(lang);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var target = parse.GetValue(output)!;
            var kind = Format(parse.GetValue(format), target, "pdf", "html");
            if (kind is null)
            {
                return CliOutput.Fail("--format: use pdf or html (or an --out file ending in .pdf or .html).");
            }

            if (Language(parse.GetValue(lang)) is not { } language)
            {
                return CliOutput.Fail("--lang: use en or ja.");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var actor = await Reader(scope.ServiceProvider, db, parse.GetValue(asUser), "cli:meetings briefing-book", ct);
            if (!actor.Succeeded)
            {
                return CliOutput.Fail(actor.Error!);
            }

            var book = await BuildBriefingBook.Handle(db, actor.Value, parse.GetValue(meeting), language, kind, DateTime.UtcNow, ct);
            if (!book.Succeeded)
            {
                return CliOutput.Fail(book.Error!);
            }

            var html = BriefingBookHtml.Render(book.Value);
            var bytes = kind == "html" ? Encoding.UTF8.GetBytes(html) : await Print(services, html, book.Value.Classification, language, ct);
            await File.WriteAllBytesAsync(target.FullName, bytes, ct);
            Console.WriteLine($"Wrote {target.FullName} ({bytes.Length:N0} bytes, {book.Value.Classification}): {book.Value.PaperCount} papers, "
                + $"{book.Value.HiddenPaperCount} not shown to {book.Value.Reader}.");
            return CliOutput.Ok;
        }));
        return command;
    }

    public static Command Report()
    {
        var report = new Command("report", "Reports: the annual effectiveness report of a forum");
        report.Subcommands.Add(Effectiveness());
        return report;
    }

    private static Command Effectiveness()
    {
        var command = new Command("effectiveness", "Write a forum's effectiveness report (PDF, HTML or XLSX; format from --format or the file's extension)");
        var forum = new Option<string>("--forum") { Description = "Code of the forum, e.g. EPCC", Required = true };
        var year = new Option<int?>("--year") { Description = "Cycles whose window ends in this year (default: every cycle)" };
        var asUser = new Option<string?>("--as") { Description = "E-mail of the reader (default: the operator, who sees every forum)" };
        var lang = new Option<string>("--lang") { Description = "en (default) or ja", DefaultValueFactory = _ => "en" };
        var format = new Option<string?>("--format") { Description = "pdf, html or xlsx (default: from --out)" };
        var output = new Option<FileInfo>("--out") { Description = "File to write, e.g. report.xlsx", Required = true };
        foreach (var option in new Option[] { forum, year, asUser, lang, format, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var target = parse.GetValue(output)!;
            var kind = Format(parse.GetValue(format), target, "pdf", "html", "xlsx");
            if (kind is null)
            {
                return CliOutput.Fail("--format: use pdf, html or xlsx (or an --out file ending in .pdf, .html or .xlsx).");
            }

            if (Language(parse.GetValue(lang)) is not { } language)
            {
                return CliOutput.Fail("--lang: use en or ja.");
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var code = parse.GetValue(forum)!.Trim();
            var forumId = await db.Forums.Where(f => f.Code == code).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(ct);
            if (forumId is null)
            {
                return CliOutput.Fail($"--forum: '{code}' is not a forum.");
            }

            var actor = await Reader(scope.ServiceProvider, db, parse.GetValue(asUser), "cli:report effectiveness", ct);
            if (!actor.Succeeded)
            {
                return CliOutput.Fail(actor.Error!);
            }

            var report = await BuildEffectivenessReport.Handle(db, actor.Value, forumId.Value, parse.GetValue(year), language, kind, DateTime.UtcNow, ct);
            if (!report.Succeeded)
            {
                return CliOutput.Fail(report.Error!);
            }

            var bytes = kind switch
            {
                "xlsx" => EffectivenessReportXlsx.Write(report.Value),
                "html" => Encoding.UTF8.GetBytes(EffectivenessReportHtml.Render(report.Value)),
                _ => await Print(services, EffectivenessReportHtml.Render(report.Value), report.Value.Classification, language, ct),
            };
            await File.WriteAllBytesAsync(target.FullName, bytes, ct);
            Console.WriteLine($"Wrote {target.FullName} ({bytes.Length:N0} bytes, {report.Value.Classification}): {report.Value.Cycles.Count} cycles, "
                + $"{report.Value.Partnership.Rows.Count} agencies, {report.Value.Verdicts.Count} commitments kept or broken.");
            return CliOutput.Ok;
        }));
        return command;
    }

    /// <summary>Prints with the Chromium of <c>Tandem__Briefing__ChromiumPath</c> (default /usr/bin/chromium).</summary>
    internal static async Task<byte[]> Print(IServiceProvider services, string html, string classification, string language, CancellationToken ct)
    {
        var options = services.GetRequiredService<IConfiguration>().GetSection(BriefingOptions.Section).Get<BriefingOptions>() ?? new BriefingOptions();
        await using var pdf = new ChromiumPdf(options);
        return await pdf.Render(html, classification, language, ct);
    }

    /// <summary>The reader named with --as; their e-mail (and the command) sign the audit entries.</summary>
    internal static async Task<Result<Actor>> Reader(IServiceProvider services, TandemDbContext db, string? email, string what, CancellationToken ct)
    {
        var actor = await ProgrammeCommands.ActorFor(services, email, what, ct);
        if (actor.Succeeded && actor.Value.AgencyId is { } agencyId)
        {
            var audit = services.GetRequiredService<AuditContext>();
            audit.Actor = actor.Value with { Email = $"{actor.Value.Email} ({what})" };
            audit.ActorAgencyCode = await db.Agencies.IgnoreQueryFilters().Where(a => a.Id == agencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
        }

        return actor;
    }

    internal static string? Format(string? format, FileInfo target, params string[] allowed)
    {
        var value = string.IsNullOrWhiteSpace(format) ? target.Extension.TrimStart('.') : format.Trim();
        return allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase)) ?? (value.Equals("htm", StringComparison.OrdinalIgnoreCase) && allowed.Contains("html") ? "html" : null);
    }

    internal static string? Language(string? lang) =>
        lang?.Trim() switch
        {
            null or "" => BriefingLanguage.English,
            var l when l.Equals("en", StringComparison.OrdinalIgnoreCase) => BriefingLanguage.English,
            var l when l.Equals("ja", StringComparison.OrdinalIgnoreCase) => BriefingLanguage.Japanese,
            _ => null,
        };
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tandem.Core.Briefing;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>Briefing books of meetings and effectiveness reports of forums, as HTML (print-ready) and PDF (and XLSX for reports).</summary>
public static class BriefingApi
{
    public const string PdfType = "application/pdf";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The policy of a served book or report: nothing loads from anywhere, and only the page's own style sheet applies
    /// (named by its hash, since the page is self-contained so that it prints and saves as one file).
    /// </summary>
    public static readonly string DocumentPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(BookHtml.Css)))}'; img-src data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/meetings/{id:guid}/briefing-book", BriefingBook).WithTags("Meetings").WithName("GetBriefingBook")
            .WithSummary("The meeting's briefing book for the caller (format=html or pdf, lang=en or ja): only what the caller may see; withheld items are counted. Audited with the records it contains.")
            .ProducesFile("text/html", PdfType).ProducesValidationProblem();
        api.MapGet("/forums/{id:guid}/effectiveness-report", EffectivenessReport).WithTags("Compliance").WithName("GetEffectivenessReport")
            .WithSummary("The forum's effectiveness report for a year (or every cycle when year is omitted): compliance per cycle and overall by party, track and agency, the partnership index, trends, commitments kept and broken (format=html, pdf or xlsx; lang=en or ja).")
            .ProducesFile("text/html", PdfType, XlsxType).ProducesValidationProblem();
    }

    private static async Task<IResult> EffectivenessReport(Guid id, string? year, string? format, string? lang, TandemDbContext db, HttpContext http, TimeProvider clock,
        ChromiumPdf pdf, CancellationToken ct)
    {
        var validation = new Validation();
        var kind = Format(format, validation, "html", "pdf", "xlsx");
        var language = Language(lang, validation);
        var wanted = Year(year, validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var report = await BuildEffectivenessReport.Handle(db, http.User.ToActor(), id, wanted, language, kind, clock.GetUtcNow().UtcDateTime, ct);
        if (!report.Succeeded)
        {
            return report.Error!.ToProblem();
        }

        var name = $"effectiveness-report-{report.Value.ForumCode}-{(wanted is { } y ? y.ToString(CultureInfo.InvariantCulture) : "all")}-{report.Value.Language}";
        if (kind == "xlsx")
        {
            return Results.File(EffectivenessReportXlsx.Write(report.Value), XlsxType, name + ".xlsx");
        }

        var html = EffectivenessReportHtml.Render(report.Value);
        if (kind == "html")
        {
            http.Response.Headers.ContentSecurityPolicy = DocumentPolicy;
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
        }

        return Results.File(await pdf.Render(html, report.Value.Classification, report.Value.Language, ct), PdfType, name + ".pdf");
    }

    private static async Task<IResult> BriefingBook(Guid id, string? format, string? lang, TandemDbContext db, HttpContext http, TimeProvider clock, ChromiumPdf pdf,
        CancellationToken ct)
    {
        var validation = new Validation();
        var kind = Format(format, validation, "html", "pdf");
        var language = Language(lang, validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var book = await BuildBriefingBook.Handle(db, http.User.ToActor(), id, language, kind, clock.GetUtcNow().UtcDateTime, ct);
        if (!book.Succeeded)
        {
            return book.Error!.ToProblem();
        }

        var html = BriefingBookHtml.Render(book.Value);
        if (kind == "html")
        {
            http.Response.Headers.ContentSecurityPolicy = DocumentPolicy;
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
        }

        var bytes = await pdf.Render(html, book.Value.Classification, book.Value.Language, ct);
        return Results.File(bytes, PdfType, BriefingBookHtml.FileName(book.Value, "pdf"));
    }

    /// <summary>
    /// The year asked for, or none for every cycle. Read from text because the page's form sends <c>year=</c> for
    /// "every cycle", which a number parameter would refuse.
    /// </summary>
    internal static int? Year(string? year, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(year))
        {
            return null;
        }

        if (int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1900 and <= 2200)
        {
            return value;
        }

        validation.Add("year", "year must be a year such as 2025, or left out for every cycle.");
        return null;
    }

    internal static string Format(string? format, Validation validation, params string[] allowed)
    {
        var value = string.IsNullOrWhiteSpace(format) ? allowed[0] : format.Trim().ToUpperInvariant();
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            validation.Add("format", $"format must be {string.Join(" or ", allowed)}.");
            return allowed[0];
        }

        return match;
    }

    /// <summary>The language asked for, or the language of the caller's session.</summary>
    internal static string Language(string? lang, Validation validation)
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return BriefingLanguage.Normalize(CultureInfo.CurrentUICulture.Name);
        }

        var value = lang.Trim();
        if (!string.Equals(value, BriefingLanguage.English, StringComparison.OrdinalIgnoreCase) && !string.Equals(value, BriefingLanguage.Japanese, StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("lang", "lang must be en or ja.");
        }

        return BriefingLanguage.Normalize(value);
    }
}

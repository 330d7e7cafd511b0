using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Web.Tests.Cycle;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Briefing.BriefingKit;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Briefing;

/// <summary>The EPCC's effectiveness report for 2025 over two scored cycles, in HTML, PDF and XLSX.</summary>
public sealed class EffectivenessReportTests
{
    private static readonly string[] SheetNames = ["Cycles", "By party", "By track", "By agency", "Partnership", "Trend", "Kept and broken"];

    /// <summary>
    /// Two cycles of 2025 over C03 (USA: DOS lead, USTR and TREAS support; JPN: MOFA lead, METI supports) and C06 (USA: DOC lead,
    /// NIST supports; JPN: METI lead). First half: C03 +1/0, C06 −1/+1. Second half: C03 +1/+1, C06 −1/+1.
    /// </summary>
    private static async Task Score(CycleKit kit)
    {
        var ids = await kit.Factory.WithDb(db => db.Set<Commitment>().Where(c => c.Code == "C03" || c.Code == "C06").ToDictionaryAsync(c => c.Code, c => c.Id));
        foreach (var (name, start, end, cells) in new[]
        {
            ("Report 2025 first half", "2025-01-01", "2025-06-30", new[] { ("C03", "USA", 1), ("C03", "JPN", 0), ("C06", "USA", -1), ("C06", "JPN", 1) }),
            ("Report 2025 second half", "2025-07-01", "2025-12-31", new[] { ("C03", "USA", 1), ("C03", "JPN", 1), ("C06", "USA", -1), ("C06", "JPN", 1) }),
        })
        {
            var cycle = await Post(kit.Secretariat, "/api/v1/compliance/cycles",
                new { forumId = kit.ForumId, name, kind = "Interim", windowStart = start, windowEnd = end }, HttpStatusCode.Created);
            var id = (Guid)cycle["id"]!;
            await Post(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/commitments", new { commitmentIds = ids.Values, version = (int)cycle["version"]! });
            foreach (var (code, party, value) in cells)
            {
                await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores",
                    new { commitmentId = ids[code], party, value, rationale = $"{code}/{party} in {name}", evidence = $"Evidence for {code}/{party} (test)" });
            }
        }
    }

    [Fact]
    public async Task Report2025_InThreeFormats_HasCyclesPartiesAgenciesPartnershipAndVerdicts()
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);
        await Score(kit);
        var url = $"/api/v1/forums/{kit.ForumId}/effectiveness-report?year=2025&lang=en";

        using var htmlResponse = await kit.Meti.GetAsync(new Uri(url + "&format=html", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await htmlResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, htmlResponse.StatusCode);
        Assert.Contains("Report 2025 first half", html, StringComparison.Ordinal);
        Assert.Contains("Report 2025 second half", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2023 interim", html, StringComparison.Ordinal);
        Assert.Contains("TLP:GREEN REL TO JPN, USA", html, StringComparison.Ordinal);
        Assert.Contains("data:image/svg+xml;base64,", html, StringComparison.Ordinal);
        Assert.Contains("true partner", html, StringComparison.Ordinal);

        // Kept: C03 by both parties and C06 by Japan on the second half's scores; broken: C06 by the United States, with its evidence.
        Assert.Contains("Kept (+1)", html, StringComparison.Ordinal);
        Assert.Contains("Broken (-1)", html, StringComparison.Ordinal);
        Assert.Contains("Evidence for C06/USA (test)", html, StringComparison.Ordinal);

        var pdf = await Pdf(kit.Meti, url + "&format=pdf");
        var (text, _) = PdfText(pdf);
        Assert.Contains("Effectiveness report", text, StringComparison.Ordinal);
        Assert.Contains("Compliance by agency", text, StringComparison.Ordinal);
        Assert.Contains("Report 2025 second half", text, StringComparison.Ordinal);
        Assert.Contains("TLP:GREEN REL TO JPN, USA", text, StringComparison.Ordinal);

        using var xlsxResponse = await kit.Meti.GetAsync(new Uri(url + "&format=xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(SheetNames, MiniExcel.GetSheetNames(workbook).ToArray());

        // First half: (1 + 0 − 1 + 1) ÷ 4 = 0.25 → 62.5 %; second half: (1 + 1 − 1 + 1) ÷ 4 = 0.5 → 75 %. Numbers are numbers.
        var cycles = Rows(workbook, "Cycles");
        Assert.Equal(62.5, (double)cycles.Single(r => (string)r["cycle"] == "Report 2025 first half")["percent"]);
        Assert.Equal(75.0, (double)cycles.Single(r => (string)r["cycle"] == "Report 2025 second half")["percent"]);

        // By agency, over both cycles: DOC leads C06 for the United States (−1 twice → 0 %); METI leads C06 and supports C03 for Japan
        // (C06 +1, +1; C03 0, +1 → 100, 100, 50, 100 → 87.5 %); in the first half alone METI stands at (0 + 1) ÷ 2 → 75 %.
        var agencies = Rows(workbook, "By agency");
        Assert.Equal(0.0, (double)agencies.Single(r => (string)r["cycle"] == "(all cycles)" && (string)r["agency"] == "DOC")["percent"]);
        Assert.Equal(87.5, (double)agencies.Single(r => (string)r["cycle"] == "(all cycles)" && (string)r["agency"] == "METI")["percent"]);
        Assert.Equal(75.0, (double)agencies.Single(r => (string)r["cycle"] == "Report 2025 first half" && (string)r["agency"] == "METI")["percent"]);
        var parties = Rows(workbook, "By party");
        Assert.Equal(50.0, (double)parties.Single(r => (string)r["cycle"] == "(all cycles)" && (string)r["party"] == "USA")["percent"]);

        var verdicts = Rows(workbook, "Kept and broken");
        Assert.Equal(3, verdicts.Count(r => (string)r["verdict"] == "kept"));
        Assert.Equal("C06", (string)verdicts.Single(r => (string)r["verdict"] == "broken")["commitment"]);
        var partnership = Rows(workbook, "Partnership");
        Assert.Contains(partnership, r => (string)r["agency"] == "DOS" && (string)r["verdict"] == "true partner");

        var audited = await kit.Factory.WithDb(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Export && e.ObjectType == "Forum" && e.ObjectId == kit.ForumId.ToString("D")).Select(e => e.Details).ToListAsync());
        Assert.Contains(audited, d => d.Contains("effectiveness report xlsx/en year=2025", StringComparison.Ordinal));
        Assert.Equal(3, audited.Count);
    }

    [Fact]
    public async Task Report_EveryCycleInJapanese_AndBadInput400_AndAnotherPartysForum404()
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);
        var html = await kit.Meti.GetStringAsync(new Uri($"/api/v1/forums/{kit.ForumId}/effectiveness-report?format=html&lang=ja", UriKind.Relative));

        Assert.Contains("有効性報告書", html, StringComparison.Ordinal);
        Assert.Contains("パートナーシップ指数", html, StringComparison.Ordinal);
        Assert.Contains("2023 interim (demo, unscored)", html, StringComparison.Ordinal);
        var format = await Get(kit.Meti, $"/api/v1/forums/{kit.ForumId}/effectiveness-report?format=docx", HttpStatusCode.BadRequest);
        var year = await Get(kit.Meti, $"/api/v1/forums/{kit.ForumId}/effectiveness-report?year=3000", HttpStatusCode.BadRequest);
        var word = await Get(kit.Meti, $"/api/v1/forums/{kit.ForumId}/effectiveness-report?year=last", HttpStatusCode.BadRequest);
        await Get(kit.Meti, $"/api/v1/forums/{Guid.NewGuid()}/effectiveness-report", HttpStatusCode.NotFound);

        // The page's form sends an empty year for "every cycle".
        var everyCycle = await kit.Meti.GetStringAsync(new Uri($"/api/v1/forums/{kit.ForumId}/effectiveness-report?year=&format=html&lang=en", UriKind.Relative));
        Assert.Contains("2023 interim (demo, unscored)", everyCycle, StringComparison.Ordinal);
        Assert.Contains("format", Fields(format));
        Assert.Contains("year", Fields(year));
        Assert.Contains("year", Fields(word));
    }

    private static List<IDictionary<string, object>> Rows(MemoryStream workbook, string sheet)
    {
        workbook.Position = 0;
        return workbook.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>().ToList();
    }
}

using Microsoft.Playwright;
using MiniExcelLibs;
using Tandem.Core.Demo;
using Tandem.Web.Tests.Briefing;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// A U.S. secretariat officer and a METI officer take the San Francisco ministerial's briefing book and the EPCC's
/// effectiveness report from the pages, as they would before a meeting: PDF in English, HTML in Japanese, a workbook.
/// </summary>
public sealed class BriefingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("secretariat.us@demo.tandem", "TLP:AMBER")]
    [InlineData("officer.meti@demo.tandem", "TLP:AMBER REL TO JPN, USA")]
    public async Task Reader_TakesTheBriefingBookAndTheEffectivenessReportFromThePages(string email, string banner)
    {
        await using var factory = BrowserFixture.StartApp(new Dictionary<string, string?> { ["Tandem:Briefing:ChromiumPath"] = BriefingKit.Chromium });
        var meeting = await BriefingKit.SanFrancisco(factory);
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, email, DemoScenario.Password);

        await page.GotoAsync($"/meetings/{meeting}");
        var book = page.Locator("form[data-document-download]").Filter(new() { Has = page.Locator("#briefing-book-format") });
        await book.Locator("#briefing-book-format").SelectOptionAsync("pdf");
        await book.Locator("#briefing-book-lang").SelectOptionAsync("en");
        var pdf = await page.RunAndWaitForDownloadAsync(() => book.GetByRole(AriaRole.Button, new() { Name = "Briefing book" }).ClickAsync());
        var (text, pages) = BriefingKit.PdfText(await File.ReadAllBytesAsync(await pdf.PathAsync()));
        Assert.EndsWith(".pdf", pdf.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(pages >= 2, $"{pages} pages");
        Assert.Contains("rules-based economic order", text, StringComparison.Ordinal);
        Assert.Contains(banner, text, StringComparison.Ordinal);

        await book.Locator("#briefing-book-format").SelectOptionAsync("html");
        await book.Locator("#briefing-book-lang").SelectOptionAsync("ja");
        var japanese = await page.Context.RunAndWaitForPageAsync(() => book.GetByRole(AriaRole.Button, new() { Name = "Briefing book" }).ClickAsync());
        await japanese.WaitForLoadStateAsync();
        await Assertions.Expect(japanese.Locator("h2").First).ToBeVisibleAsync();
        var bookText = await japanese.Locator("body").InnerTextAsync();
        Assert.Contains("目次", bookText, StringComparison.Ordinal);
        Assert.Contains("議題", bookText, StringComparison.Ordinal);
        Assert.Equal("ja", await japanese.Locator("html").GetAttributeAsync("lang"));
        await japanese.CloseAsync();

        await page.GotoAsync("/compliance");
        var report = page.Locator("form[data-document-download]").Filter(new() { Has = page.Locator("#report-EPCC-format") });
        await report.Locator("#report-EPCC-format").SelectOptionAsync("xlsx");
        var workbook = await page.RunAndWaitForDownloadAsync(() => report.GetByRole(AriaRole.Button, new() { Name = "Effectiveness report" }).ClickAsync());
        var sheets = MiniExcel.GetSheetNames(await workbook.PathAsync());
        Assert.EndsWith(".xlsx", workbook.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("By party", sheets);
        Assert.Contains("Partnership", sheets);

        await report.Locator("#report-EPCC-format").SelectOptionAsync("pdf");
        var reportPdf = await page.RunAndWaitForDownloadAsync(() => report.GetByRole(AriaRole.Button, new() { Name = "Effectiveness report" }).ClickAsync());
        Assert.Contains("Effectiveness report", BriefingKit.PdfText(await File.ReadAllBytesAsync(await reportPdf.PathAsync())).Text, StringComparison.Ordinal);

        await report.Locator("#report-EPCC-format").SelectOptionAsync("html");
        var reportHtml = await page.Context.RunAndWaitForPageAsync(() => report.GetByRole(AriaRole.Button, new() { Name = "Effectiveness report" }).ClickAsync());
        await reportHtml.WaitForLoadStateAsync();
        Assert.Contains("Partnership", await reportHtml.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }
}

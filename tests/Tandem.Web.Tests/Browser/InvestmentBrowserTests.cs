using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tandem.Analytics.Import;
using Tandem.Analytics.Store;
using Tandem.Core.Demo;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Investment coordination and disruption notices (C7, C8) as a newcomer meets them: the
/// semiconductor programmes of both sides in one currency, the matrix with its overlap and gap
/// flags, and a gallium and germanium notice with its 15-day clock and the parties' exposure.
/// </summary>
public sealed class InvestmentBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// BACI-shaped flows of 2023 in thousand USD (156 CHN, 842 USA, 392 JPN, 276 DEU, 410 KOR) for the
    /// two codes of the gallium-germanium basket. USA: 811292 600 of 1,000 from China, 811299 80 of 100;
    /// JPN: 811292 200 of 400, 811299 90 of 90. So the USA draws 680 of 1,100 from China (61.8%),
    /// Japan 290 of 490 (59.2%).
    /// </summary>
    private const string Flows = """
        t,i,j,k,v,q
        2023,156,842,811292,600,1
        2023,276,842,811292,400,1
        2023,156,392,811292,200,1
        2023,410,392,811292,200,1
        2023,156,842,811299,80,1
        2023,392,842,811299,20,1
        2023,156,392,811299,90,1
        """;

    [Fact]
    public async Task Newcomer_ComparesSemiconductorProgrammesThenOpensTheMatrix_SeesOneCurrencyOverlapAndGap()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "officer.meti@demo.tandem", DemoScenario.Password);

        await MainNav(page, "Programmes").ClickAsync();
        var compare = page.Locator("section[aria-labelledby=compare-heading]");
        await Assertions.Expect(compare.GetByRole(AriaRole.Heading, new() { Name = "Semiconductor programmes side by side" })).ToBeVisibleAsync();
        await Assertions.Expect(compare).ToContainTextAsync("Amounts in USD at the exchange rates of 2024-12-31.");
        var usa = compare.Locator("table").Filter(new() { Has = page.Locator("caption", new() { HasTextRegex = new Regex("^USA") }) });
        var jpn = compare.Locator("table").Filter(new() { Has = page.Locator("caption", new() { HasTextRegex = new Regex("^JPN") }) });
        await Assertions.Expect(usa.Locator("tbody tr").Filter(new() { HasText = "CHIPS manufacturing incentives" })).ToContainTextAsync("USD 39.00 bn");

        // ¥476 bn at 151.4 yen to the dollar is $3.14 bn; the yen amount stays beside it.
        var jasm = jpn.Locator("tbody tr").Filter(new() { HasText = "Subsidy for the Kumamoto foundry" });
        await Assertions.Expect(jasm).ToContainTextAsync("USD 3.14 bn");
        await Assertions.Expect(jasm).ToContainTextAsync("JPY 476.00 bn");

        // Side by side: the two parties' tables start level, one beside the other.
        var usaBox = await usa.BoundingBoxAsync();
        var jpnBox = await jpn.BoundingBoxAsync();
        Assert.True(Math.Abs(jpnBox!.Y - usaBox!.Y) < 2 && (jpnBox.X >= usaBox.X + usaBox.Width || usaBox.X >= jpnBox.X + jpnBox.Width), $"USA at {usaBox.X},{usaBox.Y}; JPN at {jpnBox.X},{jpnBox.Y}");
        await BrowserFixture.Screenshot(page, "invest-01-side-by-side");

        await page.GetByRole(AriaRole.Link, new() { Name = "Technology × stage matrix, overlaps and gaps" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Technology × value-chain stage × party");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Totals in USD at the exchange rates of 2024-12-31");
        var semiconductors = page.Locator("table.matrix tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextString = "Semiconductors" }) });
        var fabrication = semiconductors.Locator("td").Nth(StageColumn("Fabrication"));
        await Assertions.Expect(fabrication).ToContainTextAsync("USA");
        await Assertions.Expect(fabrication).ToContainTextAsync("JPN");
        await Assertions.Expect(fabrication.Locator(".pill", new() { HasTextString = "overlap" })).ToBeVisibleAsync();
        var design = semiconductors.Locator("td").Nth(StageColumn("Design"));
        await Assertions.Expect(design.Locator(".pill", new() { HasTextString = "gap" })).ToBeVisibleAsync();

        // The flags stand out from an unflagged cell, not only by their word.
        var plain = await Background(semiconductors.Locator("td").Nth(StageColumn("SupplyDiversification")));
        Assert.NotEqual(plain, await Background(fabrication));
        Assert.NotEqual(plain, await Background(design));
        Assert.NotEqual(await Background(fabrication), await Background(design));

        var overlaps = page.Locator("section[aria-labelledby=overlaps-heading]");
        await Assertions.Expect(overlaps.Locator("li").Filter(new() { HasText = "Fabrication" }).Filter(new() { HasText = "US-CHIPS-MFG" }).Filter(new() { HasText = "JP-JASM" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("section[aria-labelledby=gaps-heading] li", new() { HasTextString = "Semiconductors · Design" })).ToBeVisibleAsync();
        await BrowserFixture.Screenshot(page, "invest-02-matrix");
    }

    [Fact]
    public async Task Officer_SubmitsGalliumGermaniumNoticeFromChina_SeesFifteenDayClockAndBothPartiesExposure()
    {
        await using var factory = BrowserFixture.StartApp();
        await LoadStore(factory.Settings["Tandem:Trade:Store"]!);
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "officer.meti@demo.tandem", DemoScenario.Password);

        await MainNav(page, "Notices").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Disruption notices");
        // The demo's own notice from METI is already waiting; the new one joins it.
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(DemoNotice.Title);
        await page.GetByRole(AriaRole.Link, new() { Name = "Submit a notice" }).ClickAsync();
        await page.GetByLabel("Forum").SelectOptionAsync("EPCC");
        await page.GetByLabel("Title").FillAsync("China licenses exports of gallium and germanium");
        await page.GetByLabel("or a product basket").SelectOptionAsync("gallium-germanium");
        await page.GetByLabel("Source country (ISO 3166 alpha-3)").FillAsync("CHN");
        await page.GetByLabel("Cause").FillAsync("Export licensing imposed by a third country");
        await page.GetByLabel("Impact").FillAsync("Compound-semiconductor and optics makers face shortages");
        await page.GetByLabel("Expected duration").FillAsync("Indefinite");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the notice" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/notices/[0-9a-f-]+$"));

        var submitted = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = page.Locator("section[aria-labelledby=clock-heading]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("China licenses exports of gallium and germanium");
        await Assertions.Expect(clock).ToContainTextAsync($"Deadline: {submitted.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (15 days after submission)");
        await Assertions.Expect(clock).ToContainTextAsync("15 days left to schedule an emergency meeting.");
        await Assertions.Expect(page.Locator("dl.meta")).ToContainTextAsync("[gallium-germanium]");

        var exposure = page.Locator("section[aria-labelledby=exposure-heading]");
        await Assertions.Expect(exposure).ToContainTextAsync("Trade data of 2023");
        var totals = exposure.Locator("table").First;
        await Assertions.Expect(totals.Locator("thead")).ToContainTextAsync("From CHN");
        var usaTotal = totals.Locator("tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextString = "USA" }) }).Locator("td");
        var jpnTotal = totals.Locator("tbody tr").Filter(new() { Has = page.Locator("th", new() { HasTextString = "JPN" }) }).Locator("td");
        await Assertions.Expect(usaTotal.Nth(0)).ToHaveTextAsync("1,100");
        await Assertions.Expect(usaTotal.Nth(1)).ToHaveTextAsync("680");
        await Assertions.Expect(usaTotal.Nth(2)).ToHaveTextAsync("61.8%");
        await Assertions.Expect(jpnTotal.Nth(0)).ToHaveTextAsync("490");
        await Assertions.Expect(jpnTotal.Nth(1)).ToHaveTextAsync("290");
        await Assertions.Expect(jpnTotal.Nth(2)).ToHaveTextAsync("59.2%");
        await Assertions.Expect(exposure.Locator("table").Nth(1).Locator("tbody tr")).ToHaveCountAsync(4);
        await BrowserFixture.Screenshot(page, "invest-03-notice");

        await MainNav(page, "Notices").ClickAsync();
        var waiting = page.Locator("section[aria-labelledby=due-heading] tbody tr");
        await Assertions.Expect(waiting).ToHaveCountAsync(2);
        var chinaNotice = waiting.Filter(new() { HasText = "China licenses exports of gallium and germanium" });
        await Assertions.Expect(chinaNotice).ToHaveCountAsync(1);
        await Assertions.Expect(chinaNotice.Locator("td").Nth(3)).ToHaveTextAsync("15");
    }

    [Fact]
    public async Task Officer_NoTradeStore_MistypedCodeIsNamedThenNoticeSaysThereIsNoTradeData()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "officer.doc@demo.tandem", DemoScenario.Password);

        await MainNav(page, "Notices").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Submit a notice" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Germanium export licensing");
        await page.GetByLabel("Products (HS 2022 six-digit codes, comma-separated)").FillAsync("811292, 811299, 999999");
        await page.GetByLabel("Source country (ISO 3166 alpha-3)").FillAsync("CHN");
        await page.GetByLabel("Cause").FillAsync("Export licensing");
        await page.GetByLabel("Impact").FillAsync("Optical fibre and power-device makers face shortages");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the notice" }).ClickAsync();

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("'999999' is not a six-digit code of the HS 2022 nomenclature.");
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Germanium export licensing");
        await BrowserFixture.Screenshot(page, "invest-04-notice-error");
        await page.GetByLabel("Products (HS 2022 six-digit codes, comma-separated)").FillAsync("811292, 811299");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the notice" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/notices/[0-9a-f-]+$"));

        var exposure = page.Locator("section[aria-labelledby=exposure-heading]");
        await Assertions.Expect(exposure).ToContainTextAsync("The trade store has no data yet");
        await Assertions.Expect(exposure.Locator("table")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("section[aria-labelledby=clock-heading]")).ToContainTextAsync("(15 days after submission)");
        await BrowserFixture.Screenshot(page, "invest-05-notice-no-trade-data");
    }

    private static ILocator MainNav(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>The position of a stage's cell among a matrix row's data cells (the row header is a th).</summary>
    private static int StageColumn(string stage) => Array.IndexOf(Enum.GetNames<Tandem.Core.Programmes.ValueChainStage>(), stage);

    private static Task<string> Background(ILocator cell) => cell.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    private static async Task LoadStore(string path)
    {
        var folder = Path.Combine(Path.GetDirectoryName(path)!, "baci");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "BACI_HS22_Y2023_V202501.csv");
        await File.WriteAllTextAsync(file, Flows.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        using var store = TradeStore.Open(path).Value;
        var imported = await ImportTradeFile.RunAsync(store, new ImportRequest(file, TradeFileFormat.Baci));
        Assert.True(imported.IsSuccess, imported.Failure?.Message);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Tandem.Core.Demo;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// The working cycle as a newcomer meets it in the browser: the EPCC's meetings in both capitals'
/// time zones, the July 2022 ministerial with its agenda and outcomes, a commitment followed from
/// the joint statement to its progress reports, and a compliance cycle scored through the form.
/// </summary>
public sealed class WorkingCycleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Ministerial = "EPCC 1st ministerial meeting";

    [Fact]
    public async Task Officer_FollowsMinisterialToCommitmentAndReportsProgress_SeesTimesAgendaOutcomesAndReport()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "officer.doc@demo.tandem", DemoScenario.Password);

        await MainNav(page, "Meetings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meetings");
        // A U.S. officer sees both demo forums: the EPCC's six meetings and the Trade and Technology Council's six.
        await Assertions.Expect(page.Locator("main table tbody tr").Filter(new() { HasText = "TTC" })).ToHaveCountAsync(6);
        var rows = page.Locator("main table tbody tr").Filter(new() { HasText = "EPCC" });
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(rows.First).ToContainTextAsync("2022-05-06");
        await Assertions.Expect(rows.First).ToContainTextAsync("Vice-ministerial");
        await Assertions.Expect(rows.Last).ToContainTextAsync("2024-09-26");
        var row = rows.Filter(new() { HasText = Ministerial });
        await Assertions.Expect(row.Locator("td div").Filter(new() { HasText = "USA" })).ToContainTextAsync("2022-07-29 09:06–11:16 UTC-04:00");
        await Assertions.Expect(row.Locator("td div").Filter(new() { HasText = "JPN" })).ToContainTextAsync("2022-07-29 22:06–2022-07-30 00:16 UTC+09:00");
        await BrowserFixture.Screenshot(page, "cycle-01-meetings");

        await row.GetByRole(AriaRole.Link, new() { Name = Ministerial, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Ministerial);
        var times = page.Locator("section[aria-labelledby=times] tbody tr");
        await Assertions.Expect(times.Filter(new() { HasText = "Capital of USA" })).ToContainTextAsync("2022-07-29 09:06");
        await Assertions.Expect(times.Filter(new() { HasText = "Capital of JPN" })).ToContainTextAsync("2022-07-29 22:06");
        var agenda = page.Locator("section[aria-labelledby=agenda] tbody tr");
        await Assertions.Expect(agenda).ToHaveCountAsync(5);
        await Assertions.Expect(agenda.Nth(2)).ToContainTextAsync("Critical and emerging technologies, including next-generation semiconductors");
        await Assertions.Expect(agenda.Nth(2)).ToContainTextAsync("DOC");
        await Assertions.Expect(agenda.Nth(4)).ToContainTextAsync("Adopt the Joint Statement and the Action Plan");
        var outcomes = page.Locator("section[aria-labelledby=outcomes] li");
        await Assertions.Expect(outcomes).ToHaveCountAsync(4);
        await Assertions.Expect(outcomes.First).ToContainTextAsync("The ministers adopted the Joint Statement and the Action Plan.");
        var statement = page.Locator("section[aria-labelledby=papers] article");
        await Assertions.Expect(statement).ToContainTextAsync("Joint Statement of the U.S.-Japan Economic Policy Consultative Committee");
        await Assertions.Expect(statement.Locator(".pill")).ToHaveTextAsync("Joint statement");
        await BrowserFixture.Screenshot(page, "cycle-02-ministerial");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Add to calendar (.ics)" }).ClickAsync());
        var ics = await File.ReadAllTextAsync(await download.PathAsync());
        var calendar = Unfold(ics);
        Assert.Equal("BEGIN:VCALENDAR", calendar[0]);
        Assert.Equal("END:VCALENDAR", calendar[^1]);
        var entry = Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);
        Assert.Equal(Ministerial, entry.Summary);

        // The venue's wall clock with its zone, which the calendar defines, so Outlook shows 29 July 13:06 UTC right.
        Assert.Equal(new DateTime(2022, 7, 29, 13, 6, 0, DateTimeKind.Utc), entry.DtStart!.AsUtc);
        Assert.False(string.IsNullOrEmpty(entry.DtStart.TzId));
        Assert.Contains(Ical.Net.Calendar.Load(ics)!.TimeZones, z => z.TzId == entry.DtStart.TzId);
        Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);

        await outcomes.Filter(new() { HasText = "next-generation semiconductors" }).GetByRole(AriaRole.Link, new() { Name = "C06" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("C06");
        await Assertions.Expect(page.Locator(".page-head .pill")).ToHaveTextAsync("In progress");
        var source = page.Locator("dl.meta dd").Nth(3);
        await Assertions.Expect(source).ToContainTextAsync("Joint Statement and Action Plan");
        await Assertions.Expect(source.GetByRole(AriaRole.Link, new() { Name = Ministerial })).ToBeVisibleAsync();
        var reports = page.Locator("section[aria-labelledby=reports]");
        // The demo carries the progress later public texts reported (METI's, after the 2023 ministerial); DOC adds its own.
        var reportsBefore = await reports.Locator("article").CountAsync();

        await reports.Locator("summary", new() { HasText = "Report progress" }).ClickAsync();
        await page.GetByLabel("Percent complete").FillAsync("40");
        await page.GetByLabel("Narrative").FillAsync("Joint research programme agreed with the partner institute (browser test).");
        await page.GetByRole(AriaRole.Button, new() { Name = "File report" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        await Assertions.Expect(reports.Locator("article")).ToHaveCountAsync(reportsBefore + 1);
        var filed = reports.Locator("article").Filter(new() { HasText = "Joint research programme agreed with the partner institute (browser test)." });
        await Assertions.Expect(filed).ToContainTextAsync("DOC");
        await Assertions.Expect(filed).ToContainTextAsync("40 %");
        await Assertions.Expect(reports).Not.ToContainTextAsync("No progress reports");
        await BrowserFixture.Screenshot(page, "cycle-03-commitment-report");

        await source.GetByRole(AriaRole.Link, new() { Name = Ministerial }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Ministerial);
    }

    [Fact]
    public async Task Secretariat_ScoresCycleAndCompletesCommitment_SeesAggregatesPartnershipIndexAndXlsxChange()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "secretariat.us@demo.tandem", DemoScenario.Password);

        await MainNav(page, "Compliance");
        await page.GetByRole(AriaRole.Link, new() { Name = "Partnership index" }).ClickAsync();
        var doc = page.Locator("main table tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "DOC", Exact = true }) });
        var meti = page.Locator("main table tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "METI", Exact = true }) });
        // The demo already counts what later public texts report as delivered; this walk adds one for each agency.
        await Assertions.Expect(Cell(doc, "Delivered")).ToHaveTextAsync(new Regex("^[0-9]+$"));
        var docBefore = int.Parse(await Cell(doc, "Delivered").InnerTextAsync(), CultureInfo.InvariantCulture);
        var metiBefore = int.Parse(await Cell(meti, "Delivered").InnerTextAsync(), CultureInfo.InvariantCulture);
        await BrowserFixture.Screenshot(page, "cycle-04-partnership-before");

        await MainNav(page, "Compliance");
        await page.GetByRole(AriaRole.Link, new() { Name = "2023 interim (demo, unscored)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("2023 interim (demo, unscored)");
        var averages = page.Locator("section[aria-labelledby=aggregates]");
        var overall = averages.Locator("p").First;
        await Assertions.Expect(overall).ToContainTextAsync("0 of 36 cells scored");
        await BrowserFixture.Screenshot(page, "cycle-04-cycle-unscored");

        await Score(page, "C06", "USA", "+1 full compliance", "Research hub opened (browser test).");
        await Assertions.Expect(overall).ToContainTextAsync("+1.00 = 100 %");
        await Assertions.Expect(overall).ToContainTextAsync("1 of 36 cells scored");
        await Score(page, "C06", "JPN", "0 partial compliance", "Pilot line not yet started (browser test).");
        await Assertions.Expect(overall).ToContainTextAsync("+0.50 = 75 %");
        await Assertions.Expect(overall).ToContainTextAsync("2 of 36 cells scored");
        var byParty = averages.Locator("table").First.Locator("tbody tr");
        await Assertions.Expect(byParty.Filter(new() { HasText = "USA" })).ToContainTextAsync("+1.00");
        await Assertions.Expect(byParty.Filter(new() { HasText = "JPN" })).ToContainTextAsync("0.00");
        var c06 = page.Locator("section[aria-labelledby=grid] tbody tr").Filter(new() { HasText = "C06" });
        await Assertions.Expect(c06).ToContainTextAsync("+0.50");
        await BrowserFixture.Screenshot(page, "cycle-05-cycle-scored");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download XLSX" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await using (var xlsx = File.OpenRead(await download.PathAsync()))
        {
            var aggregates = xlsx.Query(useHeaderRow: true, sheetName: "Aggregates").Cast<IDictionary<string, object?>>().ToList();
            var all = aggregates.First(r => (string?)r["key"] == "all scored cells");
            Assert.Equal(0.5, Convert.ToDouble(all["mean"], CultureInfo.InvariantCulture), 6);
            Assert.Equal(75, Convert.ToDouble(all["percent"], CultureInfo.InvariantCulture), 6);
            Assert.Equal(2, Convert.ToInt32(all["scored"], CultureInfo.InvariantCulture));
        }

        await using (var xlsx = File.OpenRead(await download.PathAsync()))
        {
            var scores = xlsx.Query(useHeaderRow: true, sheetName: "Scores").Cast<IDictionary<string, object?>>().ToList();
            var usa = scores.Single(r => (string?)r["commitment"] == "C06" && (string?)r["party"] == "USA");
            Assert.Equal("Research hub opened (browser test).", usa["rationale"]);
            Assert.Equal(1, Convert.ToInt32(usa["value"], CultureInfo.InvariantCulture));
        }

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Compliance" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Partnership index" }).ClickAsync();
        // C06 is led by DOC for the U.S. and METI for Japan: full compliance scored for the U.S. counts as delivered by DOC.
        await Assertions.Expect(Cell(doc, "Delivered")).ToHaveTextAsync(Count(docBefore + 1));
        await Assertions.Expect(Cell(meti, "Delivered")).ToHaveTextAsync(Count(metiBefore));
        await BrowserFixture.Screenshot(page, "cycle-06-partnership-scored");

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "2023 interim (demo, unscored)" }).ClickAsync();
        await c06.GetByRole(AriaRole.Link, new() { Name = "C06" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("C06");
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Completed" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Change the status of C06 from")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, change the status" }).ClickAsync();
        await Assertions.Expect(page.Locator(".page-head .pill")).ToHaveTextAsync("Completed");

        await MainNav(page, "Compliance");
        await page.GetByRole(AriaRole.Link, new() { Name = "Partnership index" }).ClickAsync();
        await Assertions.Expect(Cell(doc, "Delivered")).ToHaveTextAsync(Count(docBefore + 1));
        await Assertions.Expect(Cell(meti, "Delivered")).ToHaveTextAsync(Count(metiBefore + 1));
        await BrowserFixture.Screenshot(page, "cycle-07-partnership-completed");
    }

    [Fact]
    public async Task Secretariat_CreatesMeetingFixesTimeZoneAndRemovesAgendaItem_IsAskedToConfirmFirst()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "secretariat.jp@demo.tandem", DemoScenario.Password);

        await MainNav(page, "Meetings");
        var create = page.Locator("section[aria-labelledby=new-meeting] form");
        await create.GetByLabel("Tier", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Vice-ministerial" });
        await create.GetByLabel("Title (English)").FillAsync("EPCC 5th vice-ministerial meeting (browser test)");
        await create.GetByLabel("Venue", new() { Exact = true }).FillAsync("Tokyo");
        await create.GetByLabel("Venue time zone (IANA)").FillAsync("Asia/Tokio");
        await create.GetByLabel("Starts (venue local time)").FillAsync("2025-03-10T10:00");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();

        var error = page.Locator("section[aria-labelledby=new-meeting]").GetByRole(AriaRole.Alert);
        await Assertions.Expect(error).ToContainTextAsync("'Asia/Tokio' is not a known IANA time zone");
        await Assertions.Expect(create.GetByLabel("Title (English)")).ToHaveValueAsync("EPCC 5th vice-ministerial meeting (browser test)");
        await Assertions.Expect(create.GetByLabel("Tier", new() { Exact = true })).ToHaveValueAsync("ViceMinisterial");
        await BrowserFixture.Screenshot(page, "cycle-08-create-error");
        await create.GetByLabel("Venue time zone (IANA)").FillAsync("Asia/Tokyo");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("EPCC 5th vice-ministerial meeting (browser test)");
        await Assertions.Expect(page.Locator(".page-head .pill")).ToHaveTextAsync("Draft");

        await page.Locator("summary", new() { HasText = "Add an agenda item" }).ClickAsync();
        var add = page.Locator("section[aria-labelledby=agenda] form");
        await add.GetByLabel("Title (English)").FillAsync("Semiconductor supply chain review");
        await add.GetByLabel("Duration (minutes)").FillAsync("30");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        var agenda = page.Locator("section[aria-labelledby=agenda] tbody tr");
        await Assertions.Expect(agenda).ToHaveCountAsync(1);

        await agenda.GetByRole(AriaRole.Link, new() { Name = "Remove Semiconductor supply chain review" }).ClickAsync();
        var confirm = page.Locator("section[aria-labelledby=agenda] .confirm-box");
        await Assertions.Expect(confirm).ToContainTextAsync("Remove agenda item 1 “Semiconductor supply chain review”?");
        await Assertions.Expect(agenda).ToHaveCountAsync(1);
        await BrowserFixture.Screenshot(page, "cycle-09-confirm-remove");
        await confirm.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        await Assertions.Expect(agenda).ToHaveCountAsync(1);

        await agenda.GetByRole(AriaRole.Link, new() { Name = "Remove Semiconductor supply chain review" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator("section[aria-labelledby=agenda]")).ToContainTextAsync("No agenda yet.");
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
    }

    private static async Task MainNav(IPage page, string name) =>
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();

    private static async Task Score(IPage page, string code, string party, string value, string rationale)
    {
        var form = page.Locator("section[aria-labelledby=score] form");
        await form.GetByLabel("Commitment code").FillAsync(code);
        await form.GetByLabel("Party").SelectOptionAsync(party);
        await form.GetByLabel("Score").SelectOptionAsync(new SelectOptionValue { Label = value });
        await form.GetByLabel("Rationale").FillAsync(rationale);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save score" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>The cell of a table row under the column with the given header.</summary>
    private static ILocator Cell(ILocator row, string header) =>
        row.Locator($"xpath=td[count(ancestor::table[1]/thead/tr/th[normalize-space()='{header}']/preceding-sibling::th) + 1]");

    /// <summary>The lines of an iCalendar file with folded lines joined (RFC 5545 §3.1).</summary>
    private static List<string> Unfold(string ics) =>
        Regex.Replace(ics, "\r\n[ \t]", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tandem.Core.Commitments;
using Tandem.Core.Demo;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// axe-core (vendored under Browser/axe) on every page a user reaches, in English and Japanese, for an agency officer,
/// a secretariat officer and an auditor (every route, every kind of record page with its edit and delete pages, and the
/// forms sent empty): any WCAG 2.1 A/AA violation fails the test, naming its rule, page and element. Also the skip link,
/// the audit log's place in the navigation and the English passages of Japanese pages.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("officer.meti@demo.tandem")]
    [InlineData("secretariat.us@demo.tandem")]
    [InlineData("auditor@demo.tandem")]
    public async Task EveryPage_InBothLanguages_HasNoAxeViolation(string email)
    {
        await using var factory = BrowserFixture.StartApp();
        await using var context = await PageSweep.NewContext(browser.Browser, factory);
        var page = await context.NewPageAsync();

        // The pages met before signing in: the sign-in form (also after a refused attempt) and the missing-page answer.
        var (before, _, _) = await PageSweep.Visit(context, page, factory, ["/account/sign-in", "/no-such-page"], PageSweep.Axe);
        await PageSweep.UseLanguage(context, factory, "en");
        await page.GotoAsync("/account/sign-in");
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        before.AddRange((await PageSweep.Axe(page)).Select(p => "en refused sign-in: " + p));

        // The harness itself must see a violation when there is one: an image without a text alternative.
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/favicon.svg\">')");
        Assert.Contains(await PageSweep.Axe(page), v => v.StartsWith("axe image-alt ", StringComparison.Ordinal));

        await BrowserFixture.SignIn(page, email, DemoScenario.Password);
        var (problems, pages, records) = await PageSweep.Visit(context, page, factory, PageSweep.Routes, PageSweep.Axe);
        var (refused, refusedPages) = await PageSweep.VisitRefusedForms(context, page, factory, PageSweep.Axe);
        problems.AddRange(refused);

        Assert.True(records.Count >= 5, "record pages found: " + string.Join(", ", records));
        Assert.True(pages >= 2 * (PageSweep.Routes.Length + 5), $"{pages} pages checked");
        Assert.True(refusedPages >= 4, $"{refusedPages} refused forms checked");
        var all = before.Concat(problems).ToList();
        Assert.True(all.Count == 0, $"{all.Count} axe violations for {email}:{Environment.NewLine}" + string.Join(Environment.NewLine, all));
    }

    [Fact]
    public async Task SkipLink_MovesTheFocusToTheMainContent_OfTheSamePage()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "secretariat.us@demo.tandem", DemoScenario.Password);
        await page.GotoAsync("/commitments?status=Active");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'main'");

        Assert.EndsWith("/commitments?status=Active#main", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("main h1").CountAsync());

        // The next Tab goes on inside the content, not back through the header.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
    }

    [Theory]
    [InlineData("auditor@demo.tandem", true)]
    [InlineData("secretariat.us@demo.tandem", false)]
    [InlineData("officer.meti@demo.tandem", false)]
    public async Task AuditLog_IsLinkedFromTheNavigation_ForTheRolesThatMayReadIt(string email, bool linked)
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, email, DemoScenario.Password);
        await page.GotoAsync("/");

        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Audit log" });
        Assert.Equal(linked ? 1 : 0, await link.CountAsync());
        var answer = await page.GotoAsync("/audit");
        Assert.Equal(linked ? 200 : 403, answer!.Status);
        if (linked)
        {
            await page.GotoAsync("/");
            await link.ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/audit", StringComparison.Ordinal));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Audit");
        }
    }

    [Fact]
    public async Task JapanesePages_MarkEnglishRecordText_WithLangEn()
    {
        await using var factory = BrowserFixture.StartApp();
        await using var context = await PageSweep.NewContext(browser.Browser, factory);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignIn(page, "officer.meti@demo.tandem", DemoScenario.Password);

        // The demo holds no notice: one is submitted in English first.
        await page.GotoAsync("/notices/new");
        await page.GetByLabel("Forum").SelectOptionAsync("EPCC");
        await page.GetByLabel("Title").FillAsync("Export licensing of gallium by a third country");
        await page.Locator("#products").FillAsync("811292");
        await page.GetByLabel("Source country (ISO 3166 alpha-3)").FillAsync("CHN");
        await page.GetByLabel("Cause").FillAsync("Export licensing imposed by a third country");
        await page.GetByLabel("Impact").FillAsync("Compound-semiconductor makers face shortages");
        await page.GetByLabel("Expected duration").FillAsync("Indefinite");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the notice" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/notices/[0-9a-f-]+$"));

        // A record written only in English: the demo's commitments all have Japanese text, so one loses it here.
        var english = await factory.WithDb(async db =>
        {
            var commitment = await db.Set<Commitment>().OrderBy(c => c.Code).FirstAsync();
            commitment.TextJa = "";
            await db.SaveChangesAsync();
            return commitment.TextEn;
        });

        await PageSweep.UseLanguage(context, factory, "ja");
        var routes = new List<string> { "/commitments", "/meetings", "/documents", "/notices" };
        var problems = new List<string>();
        var checkedPassages = 0;
        for (var i = 0; i < routes.Count; i++)
        {
            await page.GotoAsync(routes[i]);
            if (i < 4)
            {
                // The first record of each list: its detail page is checked too.
                var detail = (await PageSweep.RecordLinks(page)).FirstOrDefault(l => l.StartsWith(routes[i] + "/", StringComparison.Ordinal));
                Assert.True(detail is not null, $"no record linked from {routes[i]}");
                routes.Add(detail);
            }

            var found = await page.EvaluateAsync<string[][]>(PageSweep.EnglishPassages);
            checkedPassages += found.Length;
            problems.AddRange(found.Where(f => f[1] != "en").Select(f => $"{routes[i]}: \"{f[0]}\" is read as {f[1]}"));
        }

        await page.GotoAsync("/commitments?search=" + Uri.EscapeDataString(english[..Math.Min(30, english.Length)]));
        var listText = await page.EvaluateAsync<string[][]>(PageSweep.EnglishPassages);
        Assert.Contains(listText, f => f[0].StartsWith(english[..Math.Min(30, english.Length)], StringComparison.Ordinal) && f[1] == "en");

        Assert.True(checkedPassages >= 8, $"{checkedPassages} English passages found");
        Assert.True(problems.Count == 0, $"{problems.Count} English passages without lang=\"en\":{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Distinct()));
    }
}

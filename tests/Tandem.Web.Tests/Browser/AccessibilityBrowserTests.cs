using Tandem.Core.Demo;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// axe-core (vendored under Browser/axe) on every page a user reaches, in English and Japanese, for an agency officer,
/// a secretariat officer and an auditor: any WCAG 2.1 A/AA violation fails the test, naming its rule, page and element.
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

        Assert.True(records.Count >= 5, "record pages found: " + string.Join(", ", records));
        Assert.True(pages >= 2 * (PageSweep.Routes.Length + 5), $"{pages} pages checked");
        var all = before.Concat(problems).ToList();
        Assert.True(all.Count == 0, $"{all.Count} axe violations for {email}:{Environment.NewLine}" + string.Join(Environment.NewLine, all));
    }
}

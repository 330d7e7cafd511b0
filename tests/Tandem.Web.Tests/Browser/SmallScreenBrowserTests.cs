using Microsoft.Playwright;
using Tandem.Core.Demo;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// On a phone in a corridor: every page fits 320 and 360 px, the header's controls stay on screen, and no page shows a
/// record id, raw JSON or a long decimal. Each page is photographed at 320 px in both languages.
/// </summary>
public sealed class SmallScreenBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EveryPage_FitsA320And360PixelScreen_WithSignOutOnScreen_AndNoRawValues_InBothLanguages()
    {
        await using var factory = BrowserFixture.StartApp();
        await using var context = await PageSweep.NewContext(browser.Browser, factory);
        var page = await context.NewPageAsync();
        await BrowserFixture.SignIn(page, "secretariat.us@demo.tandem", DemoScenario.Password);

        var (problems, _, records) = await PageSweep.Visit(context, page, factory, PageSweep.Routes,
            async p => (await PageSweep.LayoutProblems(p)).Concat(await PageSweep.Photograph(p)));

        foreach (var (culture, name) in new[] { ("en", "Sign out"), ("ja", "サインアウト") })
        {
            await PageSweep.UseLanguage(context, factory, culture);
            await page.GotoAsync("/");
            var box = await page.GetByRole(AriaRole.Button, new() { Name = name }).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= PageSweep.Narrowest, $"{culture}: {name} lies at {box.X}–{box.X + box.Width} px on a {PageSweep.Narrowest} px screen");
        }

        Assert.True(records.Count >= 8, "record pages found: " + string.Join(", ", records));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryPage_AtDesktopWidth_ForTheOtherParty_ShowsNoRawValues_InBothLanguages()
    {
        await using var factory = BrowserFixture.StartApp();
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = factory.ServerAddress.ToString().TrimEnd('/'),
            Locale = "en-US",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await BrowserFixture.SignIn(page, "officer.meti@demo.tandem", DemoScenario.Password);

        var (problems, pages, records) = await PageSweep.Visit(context, page, factory, PageSweep.Routes, PageSweep.Photograph);

        Assert.True(records.Count >= 8, "record pages found: " + string.Join(", ", records));
        Assert.True(pages >= 2 * PageSweep.Routes.Length, $"{pages} pages visited");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}

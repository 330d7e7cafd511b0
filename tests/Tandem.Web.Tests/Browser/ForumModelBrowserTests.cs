using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tandem.Core.Demo;

namespace Tandem.Web.Tests.Browser;

public sealed class ForumModelBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Secretariat_FollowsTrackToCoLeadSwitchesToJapaneseAndEditsTrack_SeesEachStep()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "secretariat.us@demo.tandem", DemoScenario.Password);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Forums" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "U.S.-Japan Economic Policy Consultative Committee" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("U.S.-Japan Economic Policy Consultative Committee");
        await BrowserFixture.Screenshot(page, "01-forum-en");
        await page.GetByRole(AriaRole.Link, new() { Name = "Promoting and protecting critical and emerging technologies and critical infrastructure" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("P3");
        await BrowserFixture.Screenshot(page, "02-track-en");

        await page.Locator("section[aria-labelledby=coleads-heading]").GetByRole(AriaRole.Link, new() { Name = "METI" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ministry of Economy, Trade and Industry");
        var roles = page.Locator("section[aria-labelledby=roles-heading] tbody tr");
        await Assertions.Expect(roles.Filter(new() { HasText = "P3" })).ToContainTextAsync("Co-lead");
        await Assertions.Expect(roles.Filter(new() { HasText = "P4" })).ToContainTextAsync("Co-lead");
        await BrowserFixture.Screenshot(page, "03-agency-en");

        await page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("経済産業省");
        await Assertions.Expect(roles.Filter(new() { HasText = "P3" })).ToContainTextAsync("重要新興技術や重要インフラの促進と保護");
        await Assertions.Expect(roles.Filter(new() { HasText = "P3" })).ToContainTextAsync("共同リード");
        await BrowserFixture.Screenshot(page, "04-agency-ja");

        await roles.Filter(new() { HasText = "P3" }).GetByRole(AriaRole.Link, new() { Name = "P3" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "トラックを編集" }).ClickAsync();
        await BrowserFixture.Screenshot(page, "05-track-edit-ja");
        await page.GetByLabel("説明").FillAsync("Export controls, research security and critical infrastructure (edited in the browser test).");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/tracks/[0-9a-f-]+$"));
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("p.description")).ToHaveTextAsync("Export controls, research security and critical infrastructure (edited in the browser test).");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("重要新興技術や重要インフラの促進と保護");
        await BrowserFixture.Screenshot(page, "06-track-ja-after-edit");
    }

    [Fact]
    public async Task Member_OpensTrack_SeesNoEditButtonAndEditIsRefused()
    {
        await using var factory = BrowserFixture.StartApp();
        var trackId = await factory.WithDb(db => db.Tracks.Where(t => t.Code == "P3").Select(t => t.Id).SingleAsync());
        var page = await browser.NewPage(factory);
        await BrowserFixture.SignIn(page, "officer.meti@demo.tandem", DemoScenario.Password);

        await page.GotoAsync($"/tracks/{trackId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("P3");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit track" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove" })).ToHaveCountAsync(0);
        await BrowserFixture.Screenshot(page, "07-track-member");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        var edit = await page.GotoAsync($"/tracks/{trackId}/edit");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only the secretariat or an administrator");
        await Assertions.Expect(page.Locator("#nameEn")).ToHaveCountAsync(0);
        await BrowserFixture.Screenshot(page, "08-track-edit-member");
        var post = await page.Context.APIRequest.PostAsync($"/tracks/{trackId}/edit", new()
        {
            Form = FormFor(page, token!),
        });

        Assert.Equal(403, edit!.Status);
        Assert.Equal(403, post.Status);
        var name = await factory.WithDb(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.NameEn).SingleAsync());
        Assert.StartsWith("Promoting and protecting", name, StringComparison.Ordinal);
    }

    private static IFormData FormFor(IPage page, string token)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("_handler", "track-edit");
        form.Set("Input.Version", "1");
        form.Set("Input.NameEn", "Renamed by a member");
        form.Set("colead.USA", "DOC");
        form.Set("colead.JPN", "METI");
        return form;
    }
}

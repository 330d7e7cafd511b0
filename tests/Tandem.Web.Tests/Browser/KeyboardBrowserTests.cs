using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tandem.Core.Common;
using Tandem.Core.Demo;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Without a mouse: sign in, record an Action outcome (which creates a commitment) and upload a document with
/// Tab, typing, Space and Enter only; after each refused submit the focus lands on the error, which the field names.
/// </summary>
public sealed class KeyboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_CreateCommitment_UploadDocument_WithTheKeyboardOnly_FocusMovesToErrors()
    {
        await using var factory = BrowserFixture.StartApp();
        var page = await browser.NewPage(factory);

        // Sign in: an empty password first, then a wrong one, then the right one.
        await page.GotoAsync("/account/sign-in");
        await TabTo(page, "#email");
        await page.Keyboard.TypeAsync("secretariat.us@demo.tandem");
        await Submit(page);
        Assert.Equal("password", await Focused(page, "id"));
        Assert.Equal("true", await Focused(page, "aria-invalid"));
        Assert.Equal("password-error", await Focused(page, "aria-describedby"));
        Assert.Contains("Password is required.", await page.Locator("#password-error").InnerTextAsync(), StringComparison.Ordinal);

        await page.Keyboard.TypeAsync("not the password");
        await Submit(page);
        Assert.Equal("email", await Focused(page, "id"));
        Assert.Equal("sign-in-error", await Focused(page, "aria-describedby"));

        await TabTo(page, "#password");
        await page.Keyboard.TypeAsync(DemoScenario.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

        // A commitment is born from an Action outcome of a held meeting; a malformed code is refused first.
        // (the demo's meetings are all concluded, so one is held for the test).
        var held = await factory.WithDb(async db =>
        {
            var actor = Actor.System("keyboard test");
            var forum = await db.Forums.Where(f => f.Code == "EPCC").Select(f => f.Id).FirstAsync();
            var start = new DateTimeOffset(2026, 1, 15, 1, 0, 0, TimeSpan.Zero);
            var meeting = (await CreateMeeting.Handle(db, actor, new MeetingInput(forum, Tier.ViceMinisterial, 50, "Keyboard working meeting", null, "Tokyo", "Asia/Tokyo", start, start.AddHours(2)), default)).Value;
            var version = (await ChangeMeetingStatus.Handle(db, actor, meeting.Id, new MeetingStatusInput(MeetingStatus.Scheduled, null, meeting.Version), default)).Value.Version;
            return (await ChangeMeetingStatus.Handle(db, actor, meeting.Id, new MeetingStatusInput(MeetingStatus.Held, null, version), default)).Value.Id;
        });
        await page.GotoAsync($"/meetings/{held}");
        await FillOutcome(page, "Agree a keyboard-only follow-up", "not a code!");
        Assert.Equal("form-errors", await Focused(page, "id"));
        Assert.Contains("commitmentCode", await page.Locator("#form-errors").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#o-code", "aria-invalid"));
        Assert.Equal("form-errors", await page.GetAttributeAsync("#o-code", "aria-describedby"));

        await FillOutcome(page, "Agree a keyboard-only follow-up", "KB-1");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Agree a keyboard-only follow-up");
        await page.GotoAsync("/commitments?search=KB-1");
        await Assertions.Expect(page.Locator("main table tbody")).ToContainTextAsync("KB-1");

        // Upload: a program is refused and the focus lands on the file field; a text file goes through.
        await page.GotoAsync("/documents/upload");
        await TabTo(page, "#title");
        await page.Keyboard.TypeAsync("Keyboard notes");
        await ChooseFile(page, new FilePayload { Name = "tool.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] });
        await TabTo(page, "main button[type=submit]");
        await Submit(page);
        Assert.Equal("file", await Focused(page, "id"));
        Assert.Equal("true", await Focused(page, "aria-invalid"));
        Assert.Equal("file-error", await Focused(page, "aria-describedby"));

        await ChooseFile(page, new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "Notes typed without a mouse."u8.ToArray() });
        await TabTo(page, "main button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/documents/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Keyboard notes");
    }

    private static async Task FillOutcome(IPage page, string text, string code)
    {
        if (!await page.EvaluateAsync<bool>("() => document.querySelector('details:has(#o-kind)').open"))
        {
            await TabTo(page, "details:has(#o-kind) > summary");
            await page.Keyboard.PressAsync("Enter");
        }

        await TabTo(page, "#o-kind");
        await page.Keyboard.TypeAsync("Action");
        await TabTo(page, "#o-en");
        await page.Keyboard.TypeAsync(text);
        await TabTo(page, "#o-code");
        await page.Keyboard.TypeAsync(code);
        await Submit(page);
    }

    /// <summary>
    /// Enter submits the form; the answer is a new document at the same address. The old document is marked first so
    /// the wait ends only once the answer has replaced it and the browser has run autofocus (after a rendering step).
    /// </summary>
    private static async Task Submit(IPage page)
    {
        await page.EvaluateAsync("() => { window.beforeSubmit = true; }");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => !window.beforeSubmit && document.readyState === 'complete'");
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }

    /// <summary>Presses Tab until the element matching the selector has the focus (as a keyboard user would).</summary>
    private static async Task TabTo(IPage page, string selector)
    {
        for (var i = 0; i < 120; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached {selector} on {page.Url}");
    }

    /// <summary>The file field opens its chooser with Space, as it does for a keyboard user.</summary>
    private static async Task ChooseFile(IPage page, FilePayload file)
    {
        await TabTo(page, "#file");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(file);
    }

    private static Task<string?> Focused(IPage page, string attribute) =>
        page.EvaluateAsync<string?>("a => document.activeElement ? document.activeElement.getAttribute(a) : null", attribute);
}

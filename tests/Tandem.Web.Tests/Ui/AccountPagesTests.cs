using System.Net;
using System.Text.RegularExpressions;
using Tandem.Core.Accounts;
using Tandem.Core.Demo;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

public sealed partial class AccountPagesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoFactor_RequiredRoleEnrolsWithAuthenticator_ThenSignsInWithCodeAndRecoveryCode(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true, settings: new Dictionary<string, string?> { ["Tandem:Security:RequireSecondFactor"] = "true" });
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.us@demo.tandem", DemoScenario.Password);

        var gated = await ui.Get("/forums");
        Assert.Equal(HttpStatusCode.Redirect, gated.Status);
        Assert.Equal("/account/two-factor", gated.Location);

        var enrol = await ui.Get("/account/two-factor");
        var uri = OtpAuthUri().Match(enrol.Text);
        Assert.True(uri.Success, "The enrolment page shows an otpauth:// URI.");
        var key = uri.Groups[1].Value;
        var wrong = await ui.Post("/account/two-factor", enrol.AntiforgeryToken!, "enable-2fa", [new("Verify.Code", "000000")]);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("The code is not valid", wrong.Text, StringComparison.Ordinal);

        var enabled = await ui.Post("/account/two-factor", enrol.AntiforgeryToken!, "enable-2fa", [new("Verify.Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
        Assert.Contains("Two-factor authentication is on.", enabled.Text, StringComparison.Ordinal);
        var recoveryCodes = RecoveryCode().Matches(enabled.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await ui.Get("/forums")).Status);

        // A new session: password, then the authenticator code.
        using var second = new UiSession(factory);
        var afterPassword = await second.SignIn("secretariat.us@demo.tandem", DemoScenario.Password);
        Assert.StartsWith("/account/two-factor-sign-in", afterPassword.Location, StringComparison.Ordinal);
        var challenge = await second.Get(afterPassword.Location!);
        var signedIn = await second.Post("/account/two-factor-sign-in", challenge.AntiforgeryToken!, "totp", [new("Totp.Code", Totp.Code(key, DateTimeOffset.UtcNow)), new("Totp.ReturnUrl", "/forums")]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/forums", signedIn.Location);
        Assert.Equal(HttpStatusCode.OK, (await second.Get("/forums")).Status);

        // A third session with a recovery code; the same code cannot be used twice.
        using var third = new UiSession(factory);
        var next = await third.SignIn("secretariat.us@demo.tandem", DemoScenario.Password);
        var recoveryPage = await third.Get(next.Location!);
        var recovered = await third.Post("/account/two-factor-sign-in", recoveryPage.AntiforgeryToken!, "recovery", [new("Recovery.Code", recoveryCodes[0])]);
        Assert.Equal(HttpStatusCode.Redirect, recovered.Status);
        var left = await third.Get("/account/two-factor");
        Assert.Contains("You have 9 recovery codes left.", left.Text, StringComparison.Ordinal);
        var signIns = await factory.WithDb(db => Task.FromResult(db.AuditEntries.Count(e => e.Action == Core.Audit.AuditAction.SignIn && e.Details == "recovery code")));
        Assert.Equal(1, signIns);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tokens_CreateThenRevoke_SecretWorksOnceShownAndStopsAfterRevocation(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.meti@demo.tandem", DemoScenario.Password);

        var created = await ui.Submit("/account/tokens", "token-create", [new("NewToken.Name", "nightly export"), new("NewToken.Expires", "")]);
        var secret = created.InputValue("secret") ?? SecretInput().Match(created.Html).Groups[1].Value;
        Assert.StartsWith(PersonalAccessTokens.SecretPrefix, secret, StringComparison.Ordinal);
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);

        var list = await ui.Get("/account/tokens");
        Assert.DoesNotContain(secret, list.Html, StringComparison.Ordinal);
        var tokenId = await factory.WithDb(db => Task.FromResult(db.PersonalAccessTokens.Single(t => t.Name == "nightly export").Id));
        var revoked = await ui.Post("/account/tokens", list.AntiforgeryToken!, "token-revoke", [new("Revocation.TokenId", tokenId.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        Assert.Contains("Revoked", (await ui.Get("/account/tokens")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangePassword_CorrectCurrentPassword_OtherSessionsEndAndNewPasswordWorks(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        using var other = new UiSession(factory);
        await ui.SignIn("officer.doc@demo.tandem", DemoScenario.Password);
        await other.SignIn("officer.doc@demo.tandem", DemoScenario.Password);

        var mismatch = await ui.Submit("/account/password", "change-password", [new("Input.Current", "wrong password here"), new("Input.New", "a brand new passphrase 2026"), new("Input.Confirm", "a brand new passphrase 2026")]);
        var changed = await ui.Submit("/account/password", "change-password", [new("Input.Current", DemoScenario.Password), new("Input.New", "a brand new passphrase 2026"), new("Input.Confirm", "a brand new passphrase 2026")]);

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Contains("The current password is wrong.", mismatch.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.OK, (await ui.Get("/account")).Status);
        var ended = await other.Get("/account");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.StartsWith("/account/sign-in", new Uri(new Uri("https://localhost"), ended.Location).PathAndQuery, StringComparison.Ordinal);
        using var again = new UiSession(factory);
        await again.SignIn("officer.doc@demo.tandem", "a brand new passphrase 2026");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Admin_CreatesAndDisablesUser_DisabledUserCannotSignInAndActionIsAudited(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var admin = new UiSession(factory);
        await admin.SignIn("admin@demo.tandem", DemoScenario.Password);

        var created = await admin.Submit("/admin", "user-create",
        [
            new("NewUser.Email", "new.officer@mofa.example"), new("NewUser.DisplayName", "New Officer"), new("NewUser.AgencyCode", "MOFA"),
            new("role", "Member"), new("NewUser.Password", "a long enough passphrase 77"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        using (var user = new UiSession(factory))
        {
            await user.SignIn("new.officer@mofa.example", "a long enough passphrase 77");
        }

        var page = await admin.Get("/admin");
        Assert.Contains("new.officer@mofa.example", page.Text, StringComparison.Ordinal);
        var id = await factory.WithDb(db => Task.FromResult(db.Users.Single(u => u.Email == "new.officer@mofa.example").Id));
        var disabled = await admin.Post("/admin", page.AntiforgeryToken!, "user-status", [new("Status.Disable", id.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, disabled.Status);
        Assert.Contains("Disabled", (await admin.Get("/admin")).Text, StringComparison.Ordinal);
        using var blocked = new UiSession(factory);
        var attempt = await blocked.Submit("/account/sign-in", "sign-in", [new("Input.Email", "new.officer@mofa.example"), new("Input.Password", "a long enough passphrase 77")]);
        Assert.NotEqual(HttpStatusCode.Redirect, attempt.Status);
        var audited = await factory.WithDb(db => Task.FromResult(db.AuditEntries.Count(e => e.Action == Core.Audit.AuditAction.Admin && e.ObjectId == id.ToString("D") && e.Details.StartsWith("disabled"))));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Admin_NonAdmin_IsSentToDenied()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.us@demo.tandem", DemoScenario.Password);

        var page = await ui.Get("/admin");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/account/denied", page.Location, StringComparison.Ordinal);
    }

    [GeneratedRegex("otpauth://totp/[^?]+\\?secret=([A-Z2-7]+)&")]
    private static partial Regex OtpAuthUri();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("id=\"secret\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex SecretInput();
}

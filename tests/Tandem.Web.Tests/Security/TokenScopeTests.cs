using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Ui;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// Personal access tokens carry scopes (read, write, admin) checked on every request, cannot mint tokens, and stop
/// working when their owner's password changes or the account is disabled or locked out.
/// </summary>
public sealed class TokenScopeTests
{
    private static readonly string[] Ministerial = ["Ministerial"];
    private static readonly string[] UsaJpn = ["USA", "JPN"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadScope_ReadsButEveryChangeIsRefusedAndAudited(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var secretariat = await factory.CreateUser("reader@example.org", SecurityKit.UsaAgency, Roles.Secretariat);
        using var reader = Client(factory, await Token(factory, secretariat, TokenScopes.Read));
        using var writer = Client(factory, await Token(factory, secretariat, null));
        var parties = await factory.WithDb(db => db.Parties.CountAsync());

        var read = await reader.GetAsync(new Uri("/api/v1/parties", UriKind.Relative));
        var refused = await reader.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), new { iso3 = "KOR", nameEn = "Korea", capitalTimeZone = "Asia/Seoul" });
        var deleted = await reader.DeleteAsync(new Uri($"/api/v1/parties/{Guid.NewGuid()}?version=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'read' scope only", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Equal(parties, await factory.WithDb(db => db.Parties.CountAsync()));
        Assert.Equal(2, (await SecurityKit.AuditEntries(factory, e => e.Decision == AuditDecision.Denied && e.Details.Contains("read scope", StringComparison.Ordinal))).Count);

        // A token created without a scope keeps what tokens always did: it writes within its owner's roles.
        var written = await writer.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), new { iso3 = "KOR", nameEn = "Korea", capitalTimeZone = "Asia/Seoul" });
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AdministratorsToken_WithoutAdminScope_CannotAdminister_WithItCan(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin.script@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var everyday = Client(factory, await Token(factory, admin, null));
        using var administering = Client(factory, await Token(factory, admin, TokenScopes.Admin));
        var forum = new { code = "EPCC", shortName = "EPCC", nameEn = "Economic 2+2", tiers = Ministerial, parties = UsaJpn };

        var me = await everyday.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/me", UriKind.Relative));
        var refused = await everyday.PostAsJsonAsync(new Uri("/api/v1/forums", UriKind.Relative), forum);
        var adminPage = await everyday.GetAsync(new Uri("/admin", UriKind.Relative));
        var created = await administering.PostAsJsonAsync(new Uri("/api/v1/forums", UriKind.Relative), forum);

        Assert.DoesNotContain(Roles.Admin, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, adminPage.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TokenCreation_WithAToken_IsRefused_FromASignedInSessionWorksWithScopes(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("owner@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var api = factory.ClientFor(user);

        var minted = await api.PostAsJsonAsync(new Uri("/api/v1/tokens", UriKind.Relative), new { name = "child" });

        Assert.Equal(HttpStatusCode.Forbidden, minted.StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.PersonalAccessTokens.CountAsync(t => t.Name == "child")));

        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, user.Email, user.Password);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/tokens", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "reporting", scopes = "read" }),
        };
        request.Headers.Add("X-CSRF-TOKEN", await SecurityKit.ApiAntiforgeryToken(browser));
        var created = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("read", body.GetProperty("token").GetProperty("scopes").GetString());

        using var reporting = Client(factory, body.GetProperty("secret").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await reporting.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        var page = await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative));
        Assert.Contains("<td>read</td>", page, StringComparison.Ordinal);

        var unknown = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/tokens", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "x", scopes = "root" }),
            Headers = { { "X-CSRF-TOKEN", await SecurityKit.ApiAntiforgeryToken(browser) } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("scopes", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PasswordChange_RevokesEveryTokenOfTheUser(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("changer@example.org", SecurityKit.UsaAgency, Roles.Member);
        var other = await factory.CreateUser("bystander@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var api = factory.ClientFor(user);
        using var bystander = factory.ClientFor(other);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        using var ui = new UiSession(factory);
        await ui.SignIn(user.Email, user.Password);

        var changed = await ui.Submit("/account/password", "change-password",
            [new("Input.Current", user.Password), new("Input.New", "a brand new passphrase 2026"), new("Input.Confirm", "a brand new passphrase 2026")]);

        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.All(await factory.WithDb(db => db.PersonalAccessTokens.Where(t => t.UserId == user.Id).ToListAsync()), t => Assert.NotNull(t.RevokedAt));
        Assert.Single(await SecurityKit.AuditEntries(factory, e => e.Details.Contains("revoked: password changed", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AdministratorDisablesAccount_ItsTokensAreRevokedAndStayRevokedWhenReEnabled(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        var user = await factory.CreateUser("leaver@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var api = factory.ClientFor(user);
        using var ui = new UiSession(factory);
        await ui.SignIn(admin.Email, admin.Password);

        var page = await ui.Get("/admin");
        var disabled = await ui.Post("/admin", page.AntiforgeryToken!, "user-status", [new("Status.Disable", user.Id.ToString())]);
        page = await ui.Get("/admin");
        var enabled = await ui.Post("/admin", page.AntiforgeryToken!, "user-status", [new("Status.Enable", user.Id.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, disabled.Status);
        Assert.Equal(HttpStatusCode.Redirect, enabled.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.NotNull((await factory.WithDb(db => db.PersonalAccessTokens.SingleAsync(t => t.UserId == user.Id))).RevokedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LockedOutAccount_TokenIsRefusedUntilTheLockoutEnds(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("guessed@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var api = factory.ClientFor(user);

        await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15))));
        var locked = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var after = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static Task<string> Token(TandemFactory factory, TestUser user, string? scopes) => factory.WithDb(async db =>
        (await PersonalAccessTokens.Create(db, user.Id, "scoped " + scopes, null, scopes, DateTime.UtcNow, CancellationToken.None)).Value.Secret);

    private static HttpClient Client(TandemFactory factory, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

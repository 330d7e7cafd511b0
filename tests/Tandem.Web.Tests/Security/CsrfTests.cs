using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 8: state changes carried by the session cookie need an antiforgery token.</summary>
public sealed class CsrfTests
{
    private static readonly object NewParty = new { iso3 = "KOR", nameEn = "Korea", capitalTimeZone = "Asia/Seoul" };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CookieApiChanges_WithoutCsrfHeader_Get400AndChangeNothing(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, admin.Email, admin.Password);
        var usa = await factory.WithDb(db => db.Parties.SingleAsync(p => p.Iso3 == "USA"));

        var post = await browser.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), NewParty);
        var put = await browser.PutAsJsonAsync(new Uri($"/api/v1/parties/{usa.Id}", UriKind.Relative),
            new { nameEn = "Changed", capitalTimeZone = "America/New_York", version = usa.Version });
        var delete = await browser.DeleteAsync(new Uri($"/api/v1/parties/{usa.Id}?version={usa.Version}", UriKind.Relative));
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/parties") { Content = JsonContent.Create(NewParty) };
        forged.Headers.Add("X-CSRF-TOKEN", "forged-token");
        var withForgedToken = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withForgedToken.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDb(db => db.Parties.AnyAsync(p => p.Iso3 == "KOR")));
        Assert.Equal("USA name", (await factory.WithDb(db => db.Parties.SingleAsync(p => p.Iso3 == "USA"))).NameEn);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CookieApiChange_WithTokenFromAntiforgeryEndpoint_IsAccepted(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, admin.Email, admin.Password);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/parties") { Content = JsonContent.Create(NewParty) };
        request.Headers.Add("X-CSRF-TOKEN", await SecurityKit.ApiAntiforgeryToken(browser));
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(await factory.WithDb(db => db.Parties.AnyAsync(p => p.Iso3 == "KOR")));
    }

    [Fact]
    public async Task BearerApiChange_WithoutCsrfHeader_IsAccepted()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var script = factory.ClientFor(admin);

        var response = await script.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), NewParty);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FormPosts_WithoutVerificationToken_Get400(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("frank@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);
        var page = await (await browser.GetAsync(new Uri("/account/sign-in", UriKind.Relative))).Content.ReadAsStringAsync();
        var fields = SecurityKit.FormFields(page);
        fields.Remove("__RequestVerificationToken");
        fields[SecurityKit.InputName(page, "email")] = user.Email;
        fields[SecurityKit.InputName(page, "password")] = user.Password;

        var signIn = await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(fields));
        await SecurityKit.SignInOk(browser, user.Email, user.Password);
        var signOut = await browser.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()));
        var culture = await browser.PostAsync(new Uri("/culture", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "ja" }));

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(SecurityKit.SetCookie(signIn, "__Host-Tandem"));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, culture.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
    }
}

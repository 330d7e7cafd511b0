using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 7: the session cookie, its rotation, and its end.</summary>
public sealed class SessionTests
{
    private const string Cookie = "__Host-Tandem";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_IssuesHostPrefixedCookie_SecureHttpOnlySameSite(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("alice@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);

        var response = await SecurityKit.SignIn(browser, user.Email, user.Password);

        var setCookie = SecurityKit.SetCookie(response, Cookie);
        Assert.NotNull(setCookie);
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_WithAPlantedCookie_RotatesToANewOne(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("bob@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var first = SecurityKit.Browser(factory);
        using var second = SecurityKit.Browser(factory);
        first.DefaultRequestHeaders.Add("Cookie", Cookie + "=planted-by-an-attacker");

        var one = SecurityKit.SetCookie(await SecurityKit.SignIn(first, user.Email, user.Password), Cookie);
        var two = SecurityKit.SetCookie(await SecurityKit.SignIn(second, user.Email, user.Password), Cookie);

        Assert.NotNull(one);
        Assert.NotNull(two);
        Assert.NotEqual("planted-by-an-attacker", SecurityKit.CookieValue(one));
        Assert.NotEqual(SecurityKit.CookieValue(one), SecurityKit.CookieValue(two));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cookie_AfterSignOut_IsRefused(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("carol@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);
        var session = await SignedInCookie(browser, user);
        Assert.Equal(HttpStatusCode.OK, await Me(factory, session));

        var home = await (await browser.GetAsync(new Uri("/", UriKind.Relative))).Content.ReadAsStringAsync();
        var signOut = await browser.PostAsync(new Uri("/account/sign-out", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SecurityKit.FormFields(home)["__RequestVerificationToken"] }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(factory, session));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cookie_AfterUserDisabled_IsRefusedOnTheNextRequest(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("dave@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);
        var session = await SignedInCookie(browser, user);
        Assert.Equal(HttpStatusCode.OK, await Me(factory, session));

        await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true)));

        Assert.Equal(HttpStatusCode.Unauthorized, await Me(factory, session));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cookie_AfterPasswordChange_IsRefusedOnTheNextRequest(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("erin@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);
        var session = await SignedInCookie(browser, user);
        Assert.Equal(HttpStatusCode.OK, await Me(factory, session));

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
            var changed = await users.ChangePasswordAsync((await users.FindByIdAsync(user.Id.ToString()))!, user.Password, "a brand new passphrase 7");
            Assert.True(changed.Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Me(factory, session));
    }

    private static async Task<string> SignedInCookie(HttpClient browser, TestUser user)
    {
        var response = await SecurityKit.SignIn(browser, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return SecurityKit.CookieValue(SecurityKit.SetCookie(response, Cookie)!);
    }

    /// <summary>A request carrying only the given session cookie, as a copy of it stolen earlier would.</summary>
    internal static async Task<HttpStatusCode> Me(TandemFactory factory, string session)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", Cookie + "=" + session);
        return (await client.SendAsync(request)).StatusCode;
    }
}

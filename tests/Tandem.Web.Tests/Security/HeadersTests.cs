using System.Net;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 10: security headers on every answer, HSTS outside Development, no caching of records.</summary>
public sealed class HeadersTests
{
    [Fact]
    public async Task PagesAndRecords_CarryCspNosniffAndNoStore()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("reader@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var script = factory.ClientFor(user);
        using var browser = SecurityKit.Browser(factory);
        var partyId = await factory.WithDb(async db => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Parties)).Id);

        foreach (var response in new[]
                 {
                     await browser.GetAsync(new Uri("/account/sign-in", UriKind.Relative)),
                     await browser.GetAsync(new Uri("/", UriKind.Relative)),
                     await script.GetAsync(new Uri($"/api/v1/parties/{partyId}", UriKind.Relative)),
                     await script.GetAsync(new Uri("/api/v1/agencies", UriKind.Relative)),
                 })
        {
            var where = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.True(response.IsSuccessStatusCode, where);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, $"{where} must not be cached");
        }
    }

    [Fact]
    public async Task OutsideDevelopment_HttpsAnswers_CarryHsts()
    {
        await using var factory = new SecurityFactory(TestDatabase.Sqlite, environment: "Production");
        using var browser = SecurityKit.Browser(factory, new Uri("https://tandem.example.org"));

        var response = await browser.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopment_NoHsts()
    {
        await using var factory = new SecurityFactory(TestDatabase.Sqlite, new Dictionary<string, string?> { ["AllowedHosts"] = "tandem.example.org" }, "Development");
        using var browser = SecurityKit.Browser(factory, new Uri("https://tandem.example.org"));

        var response = await browser.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("frame-ancestors 'none'", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}

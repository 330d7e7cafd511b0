using System.Net;
using System.Net.Http.Json;
using Tandem.Core.Accounts;
using Tandem.Web.Infrastructure;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 9: bursts on the sign-in and token endpoints get 429 with Retry-After.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task SignIn_Burst_Gets429WithRetryAfter()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        using var browser = SecurityKit.Browser(factory);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= RateLimits.PermitsPerWindow + 1; i++)
        {
            answers.Add(await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.org", ["Input.Password"] = "guess " + i })));
        }

        var limited = answers.Last();
        Assert.All(answers.Take(RateLimits.PermitsPerWindow), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TokenCreation_Burst_Gets429WithRetryAfter()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("script@example.org", SecurityKit.UsaAgency, Roles.Member);
        // Tokens are created from a signed-in session (a token cannot mint tokens).
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, user.Email, user.Password);
        var antiforgery = await SecurityKit.ApiAntiforgeryToken(browser);

        var answers = new List<HttpResponseMessage>();
        // The sign-in above took one permit of the same window.
        for (var i = 0; i < RateLimits.PermitsPerWindow; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/tokens", UriKind.Relative)) { Content = JsonContent.Create(new { name = "burst " + i }) };
            request.Headers.Add("X-CSRF-TOKEN", antiforgery);
            answers.Add(await browser.SendAsync(request));
        }

        Assert.All(answers.Take(RateLimits.PermitsPerWindow - 1), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers.Last().StatusCode);
        Assert.NotEmpty(answers.Last().Headers.GetValues("Retry-After").Single());
    }
}

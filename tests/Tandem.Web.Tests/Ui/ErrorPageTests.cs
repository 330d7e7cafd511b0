using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tandem.Core.Accounts;
using Tandem.Web.Infrastructure;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Security;

namespace Tandem.Web.Tests.Ui;

/// <summary>A person in a browser meets an error as a page in their language with a way back; scripts keep ProblemDetails.</summary>
public sealed class ErrorPageTests
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static HttpClient JapaneseBrowser(TandemFactory factory)
    {
        var browser = SecurityKit.Browser(factory);
        browser.DefaultRequestHeaders.Accept.ParseAdd(BrowserAccept);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        return browser;
    }

    private static async Task<string> AssertHtmlPage(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains("トップページに戻る", html, StringComparison.Ordinal);
        return html;
    }

    [Fact]
    public async Task MissingPage_InABrowser_IsAJapanesePageWithAWayBack_WhileTheApiKeepsProblemDetails()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        using var browser = JapaneseBrowser(factory);
        using var script = SecurityKit.Browser(factory);

        var html = await AssertHtmlPage(await browser.GetAsync(new Uri("/no-such-page", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Contains("ページが見つかりません", html, StringComparison.Ordinal);

        var api = await browser.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.NotEqual("text/html", api.Content.Headers.ContentType?.MediaType);

        using var json = new HttpRequestMessage(HttpMethod.Get, new Uri("/no-such-page", UriKind.Relative));
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var scripted = await script.SendAsync(json);
        Assert.Equal(HttpStatusCode.NotFound, scripted.StatusCode);
        Assert.Equal("application/problem+json", scripted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonDocument.Parse(await scripted.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PageOutsideYourRole_AnswersA403PageInYourLanguage()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        await SecurityKit.SeedAgencies(factory);
        var member = await factory.CreateUser("member.errors@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = JapaneseBrowser(factory);
        await SecurityKit.SignInOk(browser, member.Email, member.Password);

        var refused = await browser.GetAsync(new Uri("/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var html = await AssertHtmlPage(await browser.GetAsync(refused.Headers.Location!), HttpStatusCode.Forbidden);
        Assert.Contains("アクセス権がありません", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManySignIns_InABrowser_IsA429PageWithRetryAfter_AndAWayBackToSignIn()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        using var browser = JapaneseBrowser(factory);

        HttpResponseMessage last = default!;
        for (var i = 0; i <= RateLimits.PermitsPerWindow; i++)
        {
            last = await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.org", ["Input.Password"] = "guess " + i }));
        }

        var html = await AssertHtmlPage(last, HttpStatusCode.TooManyRequests);
        Assert.Contains("試行回数が多すぎます", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/sign-in\"", html, StringComparison.Ordinal);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task UnexpectedFailure_InABrowser_IsA500PageWithTheTraceId_AndNoStackTrace()
    {
        await using var factory = new SecurityFactory(TestDatabase.Sqlite, environment: "Production");
        await SecurityKit.SeedAgencies(factory);
        var member = await factory.CreateUser("member.failure@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = JapaneseBrowser(factory);

        // The sign-in writes its audit entry; the armed interceptor makes that write fail.
        factory.FailAfterWrite.Arm();
        var response = await SecurityKit.SignIn(browser, member.Email, member.Password);

        var html = await AssertHtmlPage(response, HttpStatusCode.InternalServerError);
        Assert.Contains("エラーが発生しました", html, StringComparison.Ordinal);
        Assert.DoesNotContain(FailAfterWriteInterceptor.Message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }
}

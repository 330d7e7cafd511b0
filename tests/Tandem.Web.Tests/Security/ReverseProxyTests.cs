using System.Net;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// Production behind a reverse proxy that terminates TLS: the app listens on plain HTTP and the proxy says, in
/// X-Forwarded-* headers, who the client is and that it came over HTTPS. Only the listed proxies are believed.
/// These tests run the real server on a loopback port, so the proxy is 127.0.0.1.
/// </summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task FromTheListedProxy_HttpsIsBelieved_SignInPageWorksWithSecureCookies()
    {
        await using var factory = Started(knownProxies: "127.0.0.1");
        using var client = new ProxiedClient(factory.ServerAddress);

        var page = await client.Get("/account/sign-in", forwardedFor: "203.0.113.7");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Tandem-XSRF=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromAnUnlistedAddress_ForwardedHttpsIsIgnored_AndPlainHttpIsRedirectedToHttps()
    {
        await using var factory = Started(knownProxies: "10.20.30.40");
        using var client = new ProxiedClient(factory.ServerAddress);

        var page = await client.Get("/account/sign-in", forwardedFor: "203.0.113.7");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.StartsWith("https://", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInFailureLimit_CountsTheForwardedClientAddress_AndAClientCannotForgeAnotherOne()
    {
        await using var factory = Started(knownProxies: "127.0.0.1", new Dictionary<string, string?> { ["Tandem:Security:SignInFailuresPerAddress"] = "2" });
        using var guesser = new ProxiedClient(factory.ServerAddress);
        using var colleague = new ProxiedClient(factory.ServerAddress);

        Assert.Equal(HttpStatusCode.OK, (await guesser.SignIn("nobody@example.org", "guess one", "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guesser.SignIn("nobody@example.org", "guess two", "203.0.113.7")).StatusCode);
        var limited = await guesser.SignIn("nobody@example.org", "guess three", "203.0.113.7");
        // The guesser puts a made-up address in front; the proxy appends the real one, which is what counts.
        var forged = await guesser.SignIn("nobody@example.org", "guess four", "198.51.100.9, 203.0.113.7");
        var other = await colleague.SignIn("someone@example.org", "a typo in here", "198.51.100.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("E-mail or password is wrong", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static SecurityFactory Started(string knownProxies, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "tandem.example.org;127.0.0.1",
            ["Urls"] = "http://127.0.0.1:0",
            ["Tandem:Proxy:KnownProxies"] = knownProxies,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var factory = new SecurityFactory(TestDatabase.Sqlite, settings, "Production");
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    /// <summary>
    /// A browser as the app sees it through the proxy: every request carries the headers the proxy adds.
    /// Cookies are kept by hand, because the connection itself is plain HTTP and an HTTP client would not send Secure cookies over it.
    /// </summary>
    private sealed class ProxiedClient(Uri server) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server };
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public Task<HttpResponseMessage> Get(string path, string forwardedFor) => Send(HttpMethod.Get, path, forwardedFor, null);

        public async Task<HttpResponseMessage> SignIn(string email, string password, string forwardedFor)
        {
            var page = await Get("/account/sign-in", forwardedFor);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            var form = SecurityKit.FormFields(html);
            form[SecurityKit.InputName(html, "email")] = email;
            form[SecurityKit.InputName(html, "password")] = password;
            return await Send(HttpMethod.Post, "/account/sign-in", forwardedFor, new FormUrlEncodedContent(form));
        }

        private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string forwardedFor, HttpContent? content)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "tandem.example.org");
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await _http.SendAsync(request);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = setCookie.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..equals]] = pair[(equals + 1)..];
            }

            return response;
        }

        public void Dispose() => _http.Dispose();
    }
}

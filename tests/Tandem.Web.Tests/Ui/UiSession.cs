using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

/// <summary>
/// A browser without a browser: keeps cookies, reads pages as text and posts forms with the
/// antiforgery token taken from the page, as a person's browser would.
/// </summary>
public sealed class UiSession : IDisposable
{
    private readonly HttpClient _client;

    public UiSession(TandemFactory factory, string? culture = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = true,
            AllowAutoRedirect = false,
        });
        if (culture is not null)
        {
            _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        }
    }

    public HttpClient Client => _client;

    public async Task<Page> Get(string url)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await _client.GetAsync(new Uri(url, UriKind.Relative), timeout.Token);
            return await Page.Read(response);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"GET {url} took longer than {RequestTimeout}.", e);
        }
    }

    /// <summary>A page that does not answer within this time is a bug (a deadlock), not slowness.</summary>
    public static TimeSpan RequestTimeout { get; } = TimeSpan.FromSeconds(90);

    /// <summary>GETs <paramref name="pageUrl"/>, then posts its form <paramref name="formName"/> with the given fields.</summary>
    public async Task<Page> Submit(string pageUrl, string? formName, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await Get(pageUrl);
        var token = page.AntiforgeryToken ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl} ({page.Status}).");
        return await Post(action ?? pageUrl, token, formName, fields);
    }

    public async Task<Page> Post(string url, string token, string? formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var all = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        if (formName is not null)
        {
            all.Add(new("_handler", formName));
        }

        all.AddRange(fields);
        using var content = new FormUrlEncodedContent(all);
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await _client.PostAsync(new Uri(url, UriKind.Relative), content, timeout.Token);
            return await Page.Read(response);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"POST {url} ({formName}) took longer than {RequestTimeout}.", e);
        }
    }

    public async Task<Page> SignIn(string email, string password)
    {
        var page = await Submit("/account/sign-in", "sign-in", [new("Input.Email", email), new("Input.Password", password)]);
        if (page.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} did not redirect ({page.Status}): {page.Text[..Math.Min(page.Text.Length, 2000)]}");
        }

        return page;
    }

    public void Dispose() => _client.Dispose();

    public sealed record Page(HttpStatusCode Status, string Html, string? Location)
    {
        /// <summary>The page's text with entities decoded (Blazor escapes non-ASCII text as character references).</summary>
        public string Text => WebUtility.HtmlDecode(Html);

        public string? AntiforgeryToken => HtmlPage.AntiforgeryToken(Html);

        public static async Task<Page> Read(HttpResponseMessage response)
        {
            ArgumentNullException.ThrowIfNull(response);
            // Redirects from pages are absolute (https://localhost/...); tests compare paths.
            var location = response.Headers.Location is { } l && l.IsAbsoluteUri ? l.PathAndQuery : response.Headers.Location?.OriginalString;
            return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), location);
        }

        /// <summary>The value of the input named <paramref name="name"/>, e.g. a hidden version field.</summary>
        public string? InputValue(string name) => HtmlPage.InputValue(Html, name);
    }
}

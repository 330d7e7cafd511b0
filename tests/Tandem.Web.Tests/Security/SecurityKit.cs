using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Forums;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>Data and browser steps the security tests share: two parties with one agency each, and a cookie sign-in.</summary>
internal static class SecurityKit
{
    public const string UsaAgency = "STATE";
    public const string JpnAgency = "METI";

    /// <summary>USA and JPN with an agency each (STATE, METI): enough for users to belong somewhere.</summary>
    public static Task SeedAgencies(TandemFactory factory) => factory.WithDb(async db =>
    {
        var system = Actor.System("test");
        foreach (var (iso3, zone) in new[] { ("USA", "America/New_York"), ("JPN", "Asia/Tokyo") })
        {
            var party = await PartyUseCases.Create(db, system, new PartyInput(iso3, iso3 + " name", "", zone), CancellationToken.None);
            Assert.True(party.Succeeded, party.Error?.Message);
        }

        foreach (var (code, party) in new[] { (UsaAgency, "USA"), (JpnAgency, "JPN") })
        {
            var agency = await AgencyUseCases.Create(db, system, new AgencyInput(code, party, null, AgencyKind.Ministry, code + " ministry", null), CancellationToken.None);
            Assert.True(agency.Succeeded, agency.Error?.Message);
        }
    });

    public static Task<List<AuditEntry>> AuditEntries(TandemFactory factory, Func<AuditEntry, bool>? where = null) =>
        factory.WithDb(async db =>
        {
            var all = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
            return where is null ? all : all.Where(where).ToList();
        });

    /// <summary>A browser: keeps cookies, never follows redirects, so each answer can be inspected.</summary>
    public static HttpClient Browser(TandemFactory factory, Uri? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = baseAddress ?? new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
    }

    /// <summary>Loads the sign-in page and posts its form like a browser would (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> SignIn(HttpClient browser, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = FormFields(html);
        form[InputName(html, "email")] = email;
        form[InputName(html, "password")] = password;
        return await browser.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in and checks it worked (a redirect away from the sign-in page).</summary>
    public static async Task SignInOk(HttpClient browser, string email, string password)
    {
        var response = await SignIn(browser, email, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}: {HtmlPage.AlertText(body)}");
    }

    /// <summary>The hidden fields of the first form of a page (antiforgery token, form name).</summary>
    public static Dictionary<string, string> FormFields(string html) => HtmlPage.HiddenFields(html);

    public static string InputName(string html, string id)
    {
        var input = HtmlPage.InputById(html, id);
        Assert.True(input is not null, $"no input #{id} on the page");
        return input.GetAttribute("name") ?? throw new InvalidOperationException($"input #{id} has no name");
    }

    /// <summary>An antiforgery token for cookie-authenticated API calls (row 8).</summary>
    public static async Task<string> ApiAntiforgeryToken(HttpClient browser)
    {
        var token = await browser.GetFromJsonAsync<AntiforgeryToken>(new Uri("/api/v1/antiforgery", UriKind.Relative));
        return token!.Token;
    }

    public static string? SetCookie(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;
    }

    public static string CookieValue(string setCookie) => setCookie[(setCookie.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(';')[0];

    private sealed record AntiforgeryToken(string HeaderName, string Token);
}

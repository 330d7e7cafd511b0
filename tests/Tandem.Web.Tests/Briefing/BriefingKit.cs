using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Meetings;
using Tandem.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Tandem.Web.Tests.Briefing;

/// <summary>The demo with Chromium configured, clients for demo accounts, and PDF text extraction.</summary>
internal static partial class BriefingKit
{
    public static string Chromium => Environment.GetEnvironmentVariable("TANDEM_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public static TandemFactory Start(string provider = TestDatabase.Sqlite) =>
        new(provider, demo: true, settings: new Dictionary<string, string?> { ["Tandem:Briefing:ChromiumPath"] = Chromium });

    /// <summary>A client with a fresh token of a demo account (every scope, so it acts with all the account's roles).</summary>
    public static async Task<HttpClient> ClientOf(TandemFactory factory, string email)
    {
        var secret = await factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return (await PersonalAccessTokens.Create(db, user.Id, "briefing test", null, TokenScopes.Admin, DateTime.UtcNow, CancellationToken.None)).Value.Secret;
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>The November 2023 EPCC ministerial in San Francisco.</summary>
    public static Task<Guid> SanFrancisco(TandemFactory factory) => factory.WithDb(db =>
    {
        var from = new DateTime(2023, 11, 14, 0, 0, 0, DateTimeKind.Utc);
        return db.Set<Meeting>().Where(m => m.StartsAt >= from && m.StartsAt < from.AddDays(2) && m.Tier == Core.Forums.Tier.Ministerial).Select(m => m.Id).SingleAsync();
    });

    /// <summary>The book as HTML, entities decoded (<paramref name="raw"/> keeps them, to check what a browser would parse).</summary>
    public static async Task<string> Html(HttpClient client, Guid meeting, string lang = "en", bool raw = false)
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/meetings/{meeting}/briefing-book?format=html&lang={lang}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return raw ? body : WebUtility.HtmlDecode(body);
    }

    public static async Task<byte[]> Pdf(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return bytes;
    }

    /// <summary>The words of every page, single-spaced, as a reader copying the text would get them.</summary>
    public static (string Text, int Pages) PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text);
        return (Spaces().Replace(string.Join(" ", words), " "), document.NumberOfPages);
    }

    /// <summary>The titles of the PDF's bookmarks (its outline), depth first.</summary>
    public static List<string> Bookmarks(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        if (!document.TryGetBookmarks(out var bookmarks))
        {
            return [];
        }

        return bookmarks.GetNodes().Select(n => n.Title).ToList();
    }

    public static int Count(string html, string marker) => Regex.Count(html, Regex.Escape(marker));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

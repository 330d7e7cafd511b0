using System.Net;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

/// <summary>Posts a page's form as a browser would: the antiforgery token read from the page, the form named by its handler.</summary>
internal static class PageForm
{
    public sealed record Answer(HttpStatusCode Status, string Text, string? Location);

    public static async Task<Answer> Post(HttpClient client, string page, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var token = HtmlPage.AntiforgeryToken(html) ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("_handler", handler), .. fields]);
        using var response = await client.PostAsync(new Uri(page, UriKind.Relative), content);
        var location = response.Headers.Location is { } l && l.IsAbsoluteUri ? l.PathAndQuery : response.Headers.Location?.OriginalString;
        return new Answer(response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), location);
    }
}

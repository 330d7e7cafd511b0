using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// Reads a page's markup as a browser's HTML parser does (AngleSharp), for the form fields, tokens and texts tests
/// post back or check: attribute order, quoting and character references then never decide what a test finds.
/// </summary>
public static class HtmlPage
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The antiforgery token of the page's first form that has one; null when the page has no form.</summary>
    public static string? AntiforgeryToken(string html) =>
        Inputs(Parse(html)).Where(i => i.GetAttribute("name") == "__RequestVerificationToken")
            .Select(i => i.GetAttribute("value")).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    /// <summary>The first input named <paramref name="name"/>: its value ("" without one), or null when there is no such input.</summary>
    public static string? InputValue(string html, string name) =>
        Inputs(Parse(html)).FirstOrDefault(i => i.GetAttribute("name") == name) is { } input ? input.GetAttribute("value") ?? "" : null;

    /// <summary>The input with id <paramref name="id"/>, or null when there is none.</summary>
    public static IElement? InputById(string html, string id) => Inputs(Parse(html)).FirstOrDefault(i => i.Id == id);

    /// <summary>Every hidden input's name and value, the first of a name winning.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in Inputs(Parse(html)).Where(i => string.Equals(i.GetAttribute("type"), "hidden", StringComparison.OrdinalIgnoreCase)))
        {
            if (input.GetAttribute("name") is { } name)
            {
                fields.TryAdd(name, input.GetAttribute("value") ?? "");
            }
        }

        return fields;
    }

    /// <summary>The text of the first element with role "alert" (a form's error summary), or "" when there is none.</summary>
    public static string AlertText(string html) => Parse(html).QuerySelector("[role=alert]")?.TextContent.Trim() ?? "";

    private static IEnumerable<IElement> Inputs(IDocument document) => document.QuerySelectorAll("input");
}

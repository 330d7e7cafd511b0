using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Tandem.Core.Search;

/// <summary>A short passage of a record's text around its first match, HTML-escaped, with the matches marked.</summary>
public static partial class Snippets
{
    public const int Radius = 80;

    public static string Make(string text, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (string.IsNullOrWhiteSpace(text) || terms.Count == 0)
        {
            return "";
        }

        var first = terms.Select(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (first < 0)
        {
            return "";
        }

        var start = Math.Max(0, first - Radius);
        var end = Math.Min(text.Length, first + (2 * Radius));
        var window = text[start..end];
        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append('…');
        }

        var at = 0;
        while (at < window.Length)
        {
            var (index, length) = NextMatch(window, at, terms);
            if (index < 0)
            {
                html.Append(Encode(window[at..]));
                break;
            }

            html.Append(Encode(window[at..index])).Append("<mark>").Append(Encode(window.Substring(index, length))).Append("</mark>");
            at = index + length;
        }

        if (end < text.Length)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    private static (int Index, int Length) NextMatch(string window, int from, IReadOnlyList<string> terms)
    {
        var best = (Index: -1, Length: 0);
        foreach (var term in terms)
        {
            var i = window.IndexOf(term, from, StringComparison.OrdinalIgnoreCase);
            if (i >= 0 && (best.Index < 0 || i < best.Index || (i == best.Index && term.Length > best.Length)))
            {
                best = (i, term.Length);
            }
        }

        return best;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(Spaces().Replace(text, " "));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

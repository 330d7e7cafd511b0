using System.Globalization;
using System.Net;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Tandem.Core.Briefing;

/// <summary>
/// HTML building blocks shared by the briefing book and the effectiveness report: one self-contained page with print
/// CSS (A4, running classification banner, page breaks before sections) that the browser shows and Chromium prints.
/// Everything from records is encoded; Markdown is rendered with raw HTML disabled and only web links kept.
/// </summary>
public static class BookHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public const string Css = """
        :root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --band: #f6f8fa; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans", "Noto Sans CJK JP", "IPAexGothic", "IPAPGothic", "DejaVu Sans", sans-serif; color: var(--ink); font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; }
        .banner { text-align: center; font-weight: 700; letter-spacing: .04em; border: 2px solid var(--ink); padding: .25rem .5rem; margin: 0 0 1rem; }
        .banner.tlp-clear { background: #fff; } .banner.tlp-green { background: #d1f5d3; } .banner.tlp-amber, .banner.tlp-amberstrict { background: #ffe8b3; } .banner.tlp-red { background: #ffd6d6; }
        h1 { font-size: 20pt; margin: 1.5rem 0 .5rem; } h2 { font-size: 14pt; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 1.6rem; }
        h3 { font-size: 11.5pt; margin: 1.1rem 0 .3rem; } h4 { font-size: 10.5pt; margin: .8rem 0 .2rem; }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: 9.5pt; }
        th, td { border: 1px solid var(--rule); padding: .2rem .35rem; text-align: left; vertical-align: top; }
        th { background: var(--band); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .cover { min-height: 60vh; } .cover dl { display: grid; grid-template-columns: 11rem 1fr; gap: .25rem 1rem; } .cover dt { font-weight: 600; color: var(--muted); }
        .marking { font-size: 8.5pt; font-weight: 700; border: 1px solid var(--ink); padding: 0 .25rem; white-space: nowrap; }
        .withheld { font-style: italic; color: var(--muted); } .fallback { font-size: 8.5pt; color: var(--muted); }
        .overdue { color: #a40e26; font-weight: 700; } .paper { border-left: 3px solid var(--rule); padding-left: .75rem; margin: .6rem 0 1rem; }
        .paper pre { white-space: pre-wrap; font-family: inherit; margin: .3rem 0; } .muted { color: var(--muted); }
        nav.toc ol { padding-left: 1.2rem; } nav.toc a { color: inherit; text-decoration: none; }
        figure { margin: .5rem 0 1rem; } figure svg { max-width: 100%; height: auto; }
        @page { size: A4; margin: 22mm 16mm 18mm 16mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 9.5pt; }
          .banner.screen-only { display: none; }
          section.chapter { break-before: page; }
          h2, h3, h4 { break-after: avoid; } tr, .paper > header { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    /// <summary>The CSS class of a banner at a level.</summary>
    public static string LevelClass(Sharing.Tlp level) => level switch
    {
        Sharing.Tlp.Clear => "tlp-clear",
        Sharing.Tlp.Green => "tlp-green",
        Sharing.Tlp.Amber => "tlp-amber",
        Sharing.Tlp.AmberStrict => "tlp-amberstrict",
        _ => "tlp-red",
    };

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Num(double? value, string format = "0.0") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "–";

    /// <summary>A record's text, marked when it is the English stand-in for a missing Japanese one or an unofficial translation.</summary>
    public static string Text(BookText text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Fallback
            ? $"{E(text.Text)} <span class=\"fallback\" title=\"{E(BookWords.Get(language, "English text: no Japanese text is recorded."))}\">{E(BookWords.Get(language, "(English)"))}</span>"
            : text.Unofficial
                ? $"{E(text.Text)} <span class=\"fallback\">{E(BookWords.Get(language, "(unofficial translation)"))}</span>"
                : E(text.Text);
    }

    public static string Marking(string marking) => $"<span class=\"marking\">{E(marking)}</span>";

    /// <summary>Markdown as HTML: raw HTML is shown as text, and links other than http, https or in-app paths lose their target.</summary>
    public static string Markdown(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "";
            }
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static bool IsSafeUrl(string? url) =>
        string.IsNullOrEmpty(url)
        || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || url.StartsWith('#')
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public static string Link(string? url, string text) =>
        IsSafeUrl(url) && !string.IsNullOrEmpty(url) ? $"<a href=\"{E(url)}\">{E(text)}</a>" : E(text);

    public static void Table(StringBuilder html, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? numeric = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        html.Append("<table><thead><tr>");
        for (var i = 0; i < header.Count; i++)
        {
            html.Append(numeric?.Contains(i) == true ? "<th class=\"num\">" : "<th>").Append(E(header[i])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(numeric?.Contains(i) == true ? "<td class=\"num\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    public static void Open(StringBuilder html, string language, string title, string classification, string levelClass)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<!DOCTYPE html><html lang=\"").Append(E(language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"classification\" content=\"").Append(E(classification)).Append("\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body>")
            .Append("<div class=\"banner ").Append(E(levelClass)).Append("\" role=\"note\">").Append(E(classification)).Append("</div>");
    }

    public static void Close(StringBuilder html, string classification, string levelClass)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<div class=\"banner screen-only ").Append(E(levelClass)).Append("\">").Append(E(classification)).Append("</div></body></html>");
    }
}

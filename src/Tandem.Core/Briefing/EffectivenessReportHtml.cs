using System.Globalization;
using System.Text;
using Tandem.Core.Compliance;
using static Tandem.Core.Briefing.BookHtml;

namespace Tandem.Core.Briefing;

/// <summary>The effectiveness report as one HTML page (the PDF prints it), with the trend as an SVG chart beside its table.</summary>
public static class EffectivenessReportHtml
{
    public static string Render(EffectivenessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lang = report.Language;
        string W(string english) => BookWords.Get(lang, english);
        var level = LevelClass(report.Level);
        var period = report.Year is { } y ? y.ToString(CultureInfo.InvariantCulture) : W("Every cycle");
        var html = new StringBuilder(64 * 1024);
        Open(html, lang, $"{W("Effectiveness report")} — {report.ForumCode} {period}", report.Classification, level);
        html.Append("<section class=\"cover\" id=\"cover\"><p class=\"muted\">").Append(E(W("Effectiveness report"))).Append("</p><h1>")
            .Append(E(report.ForumCode)).Append(" — ").Append(Text(report.ForumName, lang)).Append("</h1><dl>")
            .Append("<dt>").Append(E(W("Year"))).Append("</dt><dd>").Append(E(period)).Append("</dd>")
            .Append("<dt>").Append(E(W("Cycles"))).Append("</dt><dd>").Append(report.Cycles.Count.ToString(CultureInfo.InvariantCulture)).Append("</dd>")
            .Append("<dt>").Append(E(W("Classification"))).Append("</dt><dd>").Append(Marking(report.Classification)).Append("</dd>")
            .Append("<dt>").Append(E(W("Prepared for"))).Append("</dt><dd>").Append(E(report.Reader)).Append("</dd>")
            .Append("<dt>").Append(E(W("Generated"))).Append("</dt><dd>").Append(E(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append("</dd></dl></section>");

        var chapters = new[] { ("overall", W("Overall")), ("cycles", W("Cycles")), ("trends", W("Trends across cycles")), ("partnership", W("Partnership index")), ("verdicts", W("Commitments kept and broken")) };
        html.Append("<nav class=\"toc\"><h2>").Append(E(W("Contents"))).Append("</h2><ol>");
        foreach (var (id, title) in chapters)
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(E(title)).Append("</a></li>");
        }

        html.Append("</ol></nav>");

        html.Append("<section class=\"chapter\" id=\"overall\"><h2>").Append(E(W("Overall"))).Append("</h2>");
        if (report.Cycles.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(W("No assessment cycle in this period."))).Append("</p>");
        }

        html.Append("<p class=\"muted\">").Append(E(EffectivenessReport.OverallRule)).Append("</p>");
        Aggregates(html, W("Compliance by party"), W("Party"), report.OverallByParty, W);
        Aggregates(html, W("Compliance by track"), W("Track"), report.OverallByTrack, W);
        Aggregates(html, W("Compliance by agency"), W("Agency"), report.OverallByAgency, W);
        html.Append("</section>");

        html.Append("<section class=\"chapter\" id=\"cycles\"><h2>").Append(E(W("Cycles"))).Append("</h2>");
        foreach (var cycle in report.Cycles)
        {
            html.Append("<h3 id=\"cycle-").Append(cycle.Id.ToString("D")).Append("\">").Append(E(cycle.Name)).Append("</h3><p>").Append(E(W("Window"))).Append(": ")
                .Append(E($"{Date(cycle.WindowStart)} – {Date(cycle.WindowEnd)} · {cycle.Kind} · {cycle.Scheme}")).Append(" · ").Append(E(W("Overall"))).Append(": ")
                .Append(E(Num(cycle.Overall.Percent))).Append(" % (").Append(E($"{cycle.Overall.Scored}/{cycle.Overall.Cells}")).Append(")</p><p class=\"muted\">")
                .Append(E(cycle.PercentRule)).Append("</p>");
            Aggregates(html, W("Compliance by party"), W("Party"), cycle.ByParty, W, 4);
            Aggregates(html, W("Compliance by track"), W("Track"), cycle.ByTrack, W, 4);
            Aggregates(html, W("Compliance by agency"), W("Agency"), cycle.ByAgency, W, 4);
        }

        html.Append("</section>");

        html.Append("<section class=\"chapter\" id=\"trends\"><h2>").Append(E(W("Trends across cycles"))).Append("</h2>");
        if (report.Trend.Count > 0)
        {
            var svg = ComplianceCharts.Trend(report.Trend);
            html.Append("<figure><img alt=\"").Append(E(W("Trends across cycles"))).Append("\" src=\"data:image/svg+xml;base64,")
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))).Append("\"></figure>");
            var parties = report.Trend.SelectMany(t => t.ByParty.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Table(html, [W("Cycle"), W("Window"), W("Overall"), .. parties],
                report.Trend.Select(t => (IReadOnlyList<string>)[t.Name, Date(t.WindowEnd), Num(t.Overall.Percent), .. parties.Select(p => t.ByParty.TryGetValue(p, out var a) ? Num(a.Percent) : "–")]),
                Enumerable.Range(2, parties.Count + 1).ToHashSet());
        }
        else
        {
            html.Append("<p class=\"muted\">").Append(E(W("No assessment cycle in this period."))).Append("</p>");
        }

        html.Append("</section>");

        html.Append("<section class=\"chapter\" id=\"partnership\"><h2>").Append(E(W("Partnership index"))).Append("</h2><p class=\"muted\">")
            .Append(E(report.Partnership.Rule)).Append("</p>");
        Table(html, [W("Agency"), W("Party"), W("Leads"), W("Supports"), W("Owned"), W("Delivered"), W("Lead share"), W("Verdict")],
            report.Partnership.Rows.Select(r => (IReadOnlyList<string>)[r.Code, r.Party,
                (r.TracksLed + r.TracksCoLed + r.CommitmentsOwned + r.AgendaItemsPresented).ToString(CultureInfo.InvariantCulture),
                (r.TracksSupported + r.CommitmentsSupported).ToString(CultureInfo.InvariantCulture), r.CommitmentsOwned.ToString(CultureInfo.InvariantCulture),
                r.CommitmentsDelivered.ToString(CultureInfo.InvariantCulture), Num(r.LeadShare, "0.000"), W(Verdict(r))]),
            new HashSet<int> { 2, 3, 4, 5, 6 });
        html.Append("</section>");

        html.Append("<section class=\"chapter\" id=\"verdicts\"><h2>").Append(E(W("Commitments kept and broken"))).Append("</h2>");
        if (report.Verdicts.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(W("No commitment is kept or broken on the scores so far."))).Append("</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>").Append(E(W("Commitment"))).Append("</th><th>").Append(E(W("Party"))).Append("</th><th>").Append(E(W("Verdict")))
                .Append("</th><th>").Append(E(W("Cycle"))).Append("</th><th>").Append(E(W("Evidence"))).Append("</th></tr></thead><tbody>");
            foreach (var v in report.Verdicts)
            {
                html.Append("<tr><td>").Append(E(v.Code)).Append(' ').Append(Text(v.Text, lang)).Append("</td><td>").Append(E(v.Party)).Append("</td><td>")
                    .Append(E($"{W(v.Kept ? "Kept" : "Broken")} ({v.Score})")).Append("</td><td>").Append(E(v.Cycle)).Append("</td><td>").Append(E(v.Evidence));
                if (v.Rationale.Length > 0)
                {
                    html.Append("<br><span class=\"muted\">").Append(E(v.Rationale)).Append("</span>");
                }

                html.Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section>");
        Close(html, report.Classification, level);
        return html.ToString();
    }

    /// <summary>"true partner" or "supporter" (an agency that only supports, in the partnership index's sense).</summary>
    public static string Verdict(PartnershipRowDto row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.OnlySupports ? "supporter" : "true partner";
    }

    private static void Aggregates(StringBuilder html, string title, string keyHeader, IReadOnlyList<ReportAggregate> rows, Func<string, string> w, int heading = 3)
    {
        html.Append("<h").Append(heading.ToString(CultureInfo.InvariantCulture)).Append('>').Append(E(title)).Append("</h").Append(heading.ToString(CultureInfo.InvariantCulture)).Append('>');
        if (rows.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(w("Not scored."))).Append("</p>");
            return;
        }

        Table(html, [keyHeader, "%", w("Scored")], rows.Select(a => (IReadOnlyList<string>)[a.Key, Num(a.Percent), $"{a.Scored}/{a.Cells}"]), new HashSet<int> { 1, 2 });
    }
}

using System.Globalization;
using System.Text;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using static Tandem.Core.Briefing.BookHtml;

namespace Tandem.Core.Briefing;

/// <summary>The briefing book as one HTML page: cover, contents, agenda with papers, commitments, scorecard, notices, attendance.</summary>
public static class BriefingBookHtml
{
    public static string Render(BriefingBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        var lang = book.Language;
        string W(string english) => BookWords.Get(lang, english);
        var level = LevelClass(book.Level);
        var html = new StringBuilder(64 * 1024);
        Open(html, lang, $"{W("Briefing book")} — {book.Cover.MeetingTitle.Text}", book.Classification, level);

        // Cover
        html.Append("<section class=\"cover\" id=\"cover\"><p class=\"muted\">").Append(E(W("Briefing book"))).Append("</p><h1>")
            .Append(Text(book.Cover.MeetingTitle, lang)).Append("</h1><dl>");
        Row(html, W("Forum"), $"{E(book.Cover.ForumCode)} — {Text(book.Cover.ForumName, lang)}");
        Row(html, W("Tier"), E(TierName(book.Cover.Tier, lang) + (book.Cover.Number is { } n ? $" #{n.ToString(CultureInfo.InvariantCulture)}" : "")));
        Row(html, W("Status"), E(book.Cover.Status.ToString()));
        Row(html, W("Place"), E(book.Cover.Venue));
        foreach (var time in book.Cover.Times)
        {
            var label = time.Label == MeetingTimes.VenueLabel ? W("Venue") : time.Label;
            Row(html, $"{W("Date and time")} ({label})",
                E($"{time.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}–{time.End.ToString("HH:mm", CultureInfo.InvariantCulture)} {time.Zone} ({time.UtcOffset})"));
        }

        Row(html, W("Classification"), Marking(book.Classification));
        Row(html, W("Prepared for"), E($"{book.Reader} ({book.ReaderAgency})"));
        Row(html, W("Generated"), E(book.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        html.Append("</dl></section>");

        // Contents
        var chapters = new List<(string Id, string Title)>
        {
            ("agenda", W("Agenda")),
            ("commitments", W("Commitments under the meeting's tracks")),
            ("scorecard", W("Compliance scorecard")),
            ("notices", W("Open notices and coercion incidents")),
            ("attendance", W("Attendance")),
        };
        html.Append("<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">").Append(E(W("Contents"))).Append("</h2><ol>");
        foreach (var (id, title) in chapters)
        {
            html.Append("<li><a href=\"#").Append(id).Append("\">").Append(E(title)).Append("</a>");
            if (id == "agenda" && book.Agenda.Count > 0)
            {
                html.Append("<ol>");
                foreach (var item in book.Agenda)
                {
                    html.Append("<li><a href=\"#item-").Append(item.Position.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(E(item.Title.Text)).Append("</a></li>");
                }

                html.Append("</ol>");
            }

            html.Append("</li>");
        }

        html.Append("</ol></nav>");

        Agenda(html, book, W);
        Commitments(html, book, W);
        Scorecard(html, book, W);
        Notices(html, book, W);
        Attendance(html, book, W);
        Close(html, book.Classification, level);
        return html.ToString();
    }

    private static void Agenda(StringBuilder html, BriefingBook book, Func<string, string> w)
    {
        var lang = book.Language;
        html.Append("<section class=\"chapter\" id=\"agenda\"><h2>").Append(E(w("Agenda"))).Append("</h2>");
        foreach (var item in book.Agenda)
        {
            html.Append("<h3 id=\"item-").Append(item.Position.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(item.Position.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(Text(item.Title, lang)).Append("</h3><p class=\"muted\">");
            var facts = new List<string>();
            if (item.TrackCode is not null)
            {
                facts.Add($"{E(w("Track"))}: {E(item.TrackCode)}{(item.TrackName is null ? "" : " — " + Text(item.TrackName, lang))}");
            }

            if (item.PresentingAgency is not null)
            {
                facts.Add($"{E(w("Presented by"))}: {E(item.PresentingAgency)}");
            }

            facts.Add($"{E(w("Duration"))}: {item.DurationMinutes.ToString(CultureInfo.InvariantCulture)} {E(w("minutes"))}");
            if (item.CommitmentCodes.Count > 0)
            {
                facts.Add($"{E(w("Linked commitments"))}: {E(string.Join(", ", item.CommitmentCodes))}");
            }

            html.Append(string.Join(" · ", facts)).Append("</p>");
            if (item.DecisionSought.Length > 0)
            {
                html.Append("<p><strong>").Append(E(w("Decision sought"))).Append(":</strong> ").Append(E(item.DecisionSought)).Append("</p>");
            }

            Papers(html, item.Papers, item.HiddenPapers, lang, w, $"item-{item.Position.ToString(CultureInfo.InvariantCulture)}");
        }

        html.Append("<h3 id=\"meeting-papers\">").Append(E(w("Meeting papers"))).Append("</h3>");
        Papers(html, book.MeetingPapers, book.HiddenPapers, lang, w, "meeting");
        html.Append("</section>");
    }

    private static void Papers(StringBuilder html, IReadOnlyList<BookPaper> papers, int hidden, string lang, Func<string, string> w, string prefix)
    {
        if (papers.Count == 0 && hidden == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(w("No papers."))).Append("</p>");
        }

        for (var i = 0; i < papers.Count; i++)
        {
            var paper = papers[i];
            html.Append("<article class=\"paper\" data-record=\"").Append(paper.Id.ToString("D")).Append("\"><header><h4 id=\"").Append(prefix).Append("-paper-")
                .Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\">").Append(E(paper.Title)).Append("</h4><p>").Append(Marking(paper.Marking))
                .Append(" <span class=\"muted\">").Append(E(paper.Agency)).Append("</span>");
            if (paper.Link is not null)
            {
                html.Append(" · ").Append(Link(paper.Link, w("Open the original")));
            }

            html.Append("</p></header>");
            switch (paper.Body)
            {
                case PaperBody.Markdown:
                    html.Append(Markdown(paper.Text));
                    break;
                case PaperBody.Plain:
                    html.Append("<pre>").Append(E(paper.Text)).Append("</pre>");
                    break;
                case PaperBody.Excerpt:
                    html.Append("<p class=\"muted\">").Append(E(w("Excerpt of the original"))).Append("</p><pre>").Append(E(paper.Text)).Append("</pre>");
                    break;
                case PaperBody.Summary:
                    html.Append("<p>").Append(E(paper.Text)).Append("</p>");
                    break;
                case PaperBody.Table:
                    if (paper.Text.Length > 0)
                    {
                        html.Append("<p>").Append(E(paper.Text)).Append("</p>");
                    }

                    if (paper.Columns.Count > 0)
                    {
                        Table(html, paper.Columns, paper.Rows);
                        html.Append("<p class=\"muted\">").Append(paper.Rows.Count.ToString(CultureInfo.InvariantCulture)).Append(' ')
                            .Append(E(w("rows shown of"))).Append(' ').Append(paper.TotalRows.ToString(CultureInfo.InvariantCulture))
                            .Append(BriefingLanguage.IsJapanese(lang) ? "行）" : "").Append("</p>");
                    }

                    break;
            }

            html.Append("</article>");
        }

        if (hidden > 0)
        {
            html.Append("<p class=\"withheld\">").Append(E(BookWords.Withheld(lang, hidden, "paper", "papers", "資料"))).Append("</p>");
        }
    }

    private static void Commitments(StringBuilder html, BriefingBook book, Func<string, string> w)
    {
        var lang = book.Language;
        html.Append("<section class=\"chapter\" id=\"commitments\"><h2>").Append(E(w("Commitments under the meeting's tracks"))).Append("</h2>");
        if (book.Commitments.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(w("No commitments under the meeting's tracks."))).Append("</p>");
        }

        foreach (var c in book.Commitments)
        {
            html.Append("<h3 id=\"commitment-").Append(E(c.Code)).Append("\">").Append(E(c.Code)).Append(" — ").Append(Text(c.Text, lang)).Append("</h3><p>")
                .Append(E(w("Track"))).Append(": ").Append(E(c.TrackCode ?? "–")).Append(" · ").Append(E(w("Status"))).Append(": ").Append(E(c.Status.ToString()))
                .Append(" · ").Append(E(w("Due"))).Append(": ").Append(E(Date(c.DueDate))).Append(" · ").Append(E(w("Progress"))).Append(": ")
                .Append(E(c.Progress is { } p ? Num(p) + " %" : "–"));
            if (c.Overdue)
            {
                html.Append(" · <span class=\"overdue\">").Append(E(w("Overdue"))).Append("</span>");
            }

            html.Append("</p>");
            if (c.Responsibilities.Count > 0)
            {
                html.Append("<p><strong>").Append(E(w("Responsible agencies"))).Append(":</strong> ").Append(string.Join("; ", c.Responsibilities.Select(r =>
                    E($"{r.Party}: {r.Lead ?? "–"} ({w("lead")})" + (r.Supporting.Count > 0 ? $", {string.Join(", ", r.Supporting)} ({w("supporting")})" : ""))))).Append("</p>");
            }

            if (c.Milestones.Count > 0)
            {
                html.Append("<h4>").Append(E(w("Milestones"))).Append("</h4><table><thead><tr><th>").Append(E(w("Milestones"))).Append("</th><th class=\"num\">")
                    .Append(E(w("Weight"))).Append("</th><th class=\"num\">").Append(E(w("Progress"))).Append("</th><th>").Append(E(w("Due"))).Append("</th></tr></thead><tbody>");
                foreach (var m in c.Milestones)
                {
                    html.Append("<tr><td>").Append(Text(m.Title, lang)).Append("</td><td class=\"num\">").Append(E(Num(m.Weight, "0.##"))).Append("</td><td class=\"num\">")
                        .Append(E(m.Progress is { } mp ? mp.ToString(CultureInfo.InvariantCulture) + " %" : "–")).Append("</td><td>").Append(E(Date(m.DueDate)));
                    if (m.Overdue)
                    {
                        html.Append(" <span class=\"overdue\">").Append(E(w("Overdue"))).Append("</span>");
                    }

                    html.Append("</td></tr>");
                }

                html.Append("</tbody></table>");
            }

            html.Append("<h4>").Append(E(w("Last progress report"))).Append("</h4>");
            if (c.LastReport is { } r)
            {
                html.Append("<p>").Append(Marking(r.Marking)).Append(' ').Append(E($"{Date(r.ReportedOn)} · {r.Agency} · {r.Percent.ToString(CultureInfo.InvariantCulture)} %"))
                    .Append("</p><p>").Append(E(r.Narrative)).Append("</p>");
                if (r.EvidenceLinks.Count > 0)
                {
                    html.Append("<ul>");
                    foreach (var link in r.EvidenceLinks)
                    {
                        html.Append("<li>").Append(Link(link, link)).Append("</li>");
                    }

                    html.Append("</ul>");
                }
            }
            else
            {
                html.Append("<p class=\"muted\">").Append(E(w("No progress report."))).Append("</p>");
            }

            if (c.HiddenReports > 0)
            {
                html.Append("<p class=\"withheld\">").Append(E(BookWords.Withheld(lang, c.HiddenReports, "progress report", "progress reports", "進捗報告"))).Append("</p>");
            }
        }

        html.Append("</section>");
    }

    private static void Scorecard(StringBuilder html, BriefingBook book, Func<string, string> w)
    {
        var lang = book.Language;
        html.Append("<section class=\"chapter\" id=\"scorecard\"><h2>").Append(E(w("Compliance scorecard"))).Append("</h2>");
        if (book.Scorecard is not { } s)
        {
            html.Append("<p class=\"muted\">").Append(E(w("No assessment cycle covers these commitments yet."))).Append("</p></section>");
            return;
        }

        html.Append("<p><strong>").Append(E(s.Name)).Append("</strong> · ").Append(E(w("Window"))).Append(": ").Append(E($"{Date(s.WindowStart)} – {Date(s.WindowEnd)}"))
            .Append("</p><p class=\"muted\">").Append(E(s.PercentRule)).Append("</p>");
        html.Append("<h3>").Append(E(w("By party"))).Append("</h3>");
        Table(html, [w("Party"), "%", w("Scored")], s.ByParty.Select(a => (IReadOnlyList<string>)[a.Key, Num(a.Percent), $"{a.Scored}/{a.Cells}"]), new HashSet<int> { 1, 2 });
        html.Append("<h3>").Append(E(w("By track"))).Append("</h3>");
        Table(html, [w("Track"), "%", w("Scored")], s.ByTrack.Select(a => (IReadOnlyList<string>)[a.Key, Num(a.Percent), $"{a.Scored}/{a.Cells}"]), new HashSet<int> { 1, 2 });
        html.Append("<table><thead><tr><th>").Append(E(w("Commitment"))).Append("</th><th>").Append(E(w("Track"))).Append("</th>");
        foreach (var party in s.Parties)
        {
            html.Append("<th class=\"num\">").Append(E(party)).Append("</th>");
        }

        html.Append("<th class=\"num\">").Append(E(w("Average"))).Append(" %</th></tr></thead><tbody>");
        foreach (var row in s.Rows)
        {
            html.Append("<tr><td>").Append(E(row.Code)).Append(' ').Append(Text(row.Text, lang)).Append("</td><td>").Append(E(row.Group)).Append("</td>");
            foreach (var cell in row.Cells)
            {
                html.Append("<td class=\"num\">").Append(E(cell.Display.Length == 0 ? "–" : cell.Display)).Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(E(Num(row.Percent))).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static void Notices(StringBuilder html, BriefingBook book, Func<string, string> w)
    {
        var lang = book.Language;
        html.Append("<section class=\"chapter\" id=\"notices\"><h2>").Append(E(w("Open notices and coercion incidents"))).Append("</h2><h3>")
            .Append(E(w("Disruption notices"))).Append("</h3>");
        if (book.Notices.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(w("None open."))).Append("</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>").Append(E(w("Disruption notices"))).Append("</th><th>").Append(E(w("Notifying party"))).Append("</th><th>")
                .Append(E(w("Status"))).Append("</th><th>").Append(E(w("Deadline"))).Append("</th><th>").Append(E(w("Classification"))).Append("</th></tr></thead><tbody>");
            foreach (var n in book.Notices)
            {
                html.Append("<tr><td>").Append(E(n.Title)).Append("</td><td>").Append(E(n.NotifyingParty)).Append("</td><td>").Append(E(n.State)).Append("</td><td>")
                    .Append(E(Date(n.Deadline))).Append("</td><td>").Append(Marking(n.Marking)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (book.HiddenNotices > 0)
        {
            html.Append("<p class=\"withheld\">").Append(E(BookWords.Withheld(lang, book.HiddenNotices, "notice", "notices", "通報"))).Append("</p>");
        }

        html.Append("<h3>").Append(E(w("Coercion incidents"))).Append("</h3>");
        if (book.Incidents.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(w("None open."))).Append("</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>").Append(E(w("Coercion incidents"))).Append("</th><th>").Append(E(w("Target"))).Append("</th><th>")
                .Append(E(w("Coercing party"))).Append("</th><th>").Append(E(w("Phase"))).Append("</th><th>").Append(E(w("Started"))).Append("</th><th>")
                .Append(E(w("Classification"))).Append("</th></tr></thead><tbody>");
            foreach (var i in book.Incidents)
            {
                html.Append("<tr><td>").Append(E(i.Title)).Append("</td><td>").Append(E(i.TargetParty)).Append("</td><td>").Append(E(i.CoercingParty)).Append("</td><td>")
                    .Append(E(i.Phase)).Append("</td><td>").Append(E(Date(i.StartedOn))).Append("</td><td>").Append(Marking(i.Marking)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (book.HiddenIncidents > 0)
        {
            html.Append("<p class=\"withheld\">").Append(E(BookWords.Withheld(lang, book.HiddenIncidents, "incident", "incidents", "事案"))).Append("</p>");
        }

        html.Append("</section>");
    }

    private static void Attendance(StringBuilder html, BriefingBook book, Func<string, string> w)
    {
        html.Append("<section class=\"chapter\" id=\"attendance\"><h2>").Append(E(w("Attendance"))).Append("</h2>");
        if (book.Attendance.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(w("No attendance recorded."))).Append("</p>");
        }
        else
        {
            Table(html, [w("Name"), w("Agency"), w("Party"), w("Role")], book.Attendance.Select(a => (IReadOnlyList<string>)[a.Name, a.Agency, a.Party, a.Role]));
        }

        html.Append("</section>");
    }

    private static void Row(StringBuilder html, string term, string definitionHtml) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(definitionHtml).Append("</dd>");

    public static string TierName(Tier tier, string language) => (tier, BriefingLanguage.IsJapanese(language)) switch
    {
        (Tier.Leaders, true) => "首脳級",
        (Tier.Ministerial, true) => "閣僚級",
        (Tier.ViceMinisterial, true) => "次官級",
        (Tier.WorkingLevel, true) => "実務者級",
        (Tier.TrackWorkingGroup, true) => "分野別作業部会",
        (Tier.Leaders, false) => "Leaders",
        (Tier.Ministerial, false) => "Ministerial",
        (Tier.ViceMinisterial, false) => "Vice-ministerial",
        (Tier.WorkingLevel, false) => "Working level",
        _ => "Track working group",
    };

    /// <summary>A file name for the book: meeting date and language, no text from records.</summary>
    public static string FileName(BriefingBook book, string extension)
    {
        ArgumentNullException.ThrowIfNull(book);
        var date = book.Cover.Times.Count > 0 ? book.Cover.Times[0].Start : book.GeneratedAt;
        return $"briefing-book-{book.Cover.ForumCode}-{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{book.Language}.{extension}";
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Cycle;
using static Tandem.Web.Tests.Briefing.BriefingKit;

namespace Tandem.Web.Tests.Briefing;

/// <summary>The briefing book of the San Francisco ministerial (November 2023) for a U.S. and a Japanese reader.</summary>
public sealed class BriefingBookTests
{
    private const string UsOnlyTitle = "U.S. delegation's talking points for San Francisco (test)";

    private static readonly string[] AgendaTitles =
    [
        "Strengthening the rules-based economic order in the Indo-Pacific region",
        "Enhancing economic resilience and promoting and protecting critical and emerging technologies",
    ];

    [Fact]
    public async Task TwoReadersOfDifferentParties_GetBooksThatDifferExactlyAsThePolicySays_InHtmlPdfAndTheAudit()
    {
        await using var factory = Start();
        using var us = await ClientOf(factory, "secretariat.us@demo.tandem");
        using var meti = await ClientOf(factory, "officer.meti@demo.tandem");
        var meeting = await SanFrancisco(factory);
        var paper = await CycleKit.Post(us, $"/api/v1/meetings/{meeting}/papers", new
        {
            kind = "Other",
            title = UsOnlyTitle,
            text = "**Hold** the line on export controls.\n\n<script>alert(1)</script>",
            label = new { level = "Green", originatorOnly = true },
        }, HttpStatusCode.Created);
        var paperId = (string)paper["id"]!;

        var usHtml = await Html(us, meeting);
        var metiHtml = await Html(meti, meeting);

        foreach (var title in AgendaTitles)
        {
            Assert.Contains(title, usHtml, StringComparison.Ordinal);
            Assert.Contains(title, metiHtml, StringComparison.Ordinal);
        }

        // The U.S. reader sees the public fact sheet and the U.S.-only paper; the METI officer sees the fact sheet and is told one paper is withheld.
        Assert.Equal(2, Count(usHtml, "class=\"paper\""));
        Assert.Equal(1, Count(metiHtml, "class=\"paper\""));
        Assert.Contains(UsOnlyTitle, usHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(UsOnlyTitle, metiHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(paperId, metiHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Hold", metiHtml, StringComparison.Ordinal);
        Assert.Contains("1 paper is not shown to you.", metiHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("not shown to you", usHtml, StringComparison.Ordinal);
        Assert.Contains("EPCC fact sheet (demo)", metiHtml, StringComparison.Ordinal);

        // Markdown is rendered; raw HTML in a paper is shown as text, never run.
        Assert.Contains("<strong>Hold</strong>", usHtml, StringComparison.Ordinal);
        var usRaw = await Html(us, meeting, raw: true);
        Assert.DoesNotContain("<script>", usRaw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", usRaw, StringComparison.Ordinal);

        // The same commitments (the 12 filed under the meeting's two topics, the tracks on its agenda) and attendance for both.
        Assert.Equal(12, Count(usHtml, "id=\"commitment-"));
        Assert.Equal(12, Count(metiHtml, "id=\"commitment-"));
        Assert.Contains("KAMIKAWA Yoko", metiHtml, StringComparison.Ordinal);

        // The banner is the most restrictive label inside: the U.S.-only paper makes the U.S. book U.S.-only, and the demo's
        // open AMBER disruption notice (from METI, sent to State, Commerce and MOFA) raises both books to AMBER.
        Assert.Equal("TLP:AMBER USA ONLY", Classification(usHtml));
        Assert.Equal("TLP:AMBER REL TO JPN, USA", Classification(metiHtml));
        Assert.DoesNotContain("USA ONLY", metiHtml, StringComparison.Ordinal);

        var usPdf = await Pdf(us, $"/api/v1/meetings/{meeting}/briefing-book?format=pdf&lang=en");
        var metiPdf = await Pdf(meti, $"/api/v1/meetings/{meeting}/briefing-book?format=pdf&lang=en");
        var (usText, usPages) = PdfText(usPdf);
        var (metiText, _) = PdfText(metiPdf);
        foreach (var title in AgendaTitles)
        {
            Assert.Contains(title, usText, StringComparison.Ordinal);
            Assert.Contains(title, metiText, StringComparison.Ordinal);
        }

        Assert.Contains("TLP:AMBER USA ONLY", usText, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER REL TO JPN, USA", metiText, StringComparison.Ordinal);
        Assert.Contains(UsOnlyTitle, usText, StringComparison.Ordinal);
        Assert.DoesNotContain(UsOnlyTitle, metiText, StringComparison.Ordinal);
        Assert.DoesNotContain("USA ONLY", metiText, StringComparison.Ordinal);
        Assert.Contains("1 paper is not shown to you.", metiText, StringComparison.Ordinal);

        // Running footer with page numbers, and bookmarks from the headings.
        Assert.True(usPages > 3, $"{usPages} pages");
        Assert.Contains($"Page 1 of {usPages}", usText, StringComparison.Ordinal);
        Assert.Contains($"Page {usPages} of {usPages}", usText, StringComparison.Ordinal);
        var bookmarks = Bookmarks(usPdf);
        Assert.Contains("Agenda", bookmarks);
        Assert.Contains("Attendance", bookmarks);

        // Each generation is audited under the book's classification with the records it contained.
        var entries = await factory.WithDb(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Export && e.ObjectType == "Meeting" && e.ObjectId == meeting.ToString("D")).OrderBy(e => e.Sequence).ToListAsync());
        var factSheet = await factory.WithDb(db => db.Documents.Where(d => d.Title == "EPCC fact sheet (demo)").Select(d => d.Id).SingleAsync());
        var usEntries = entries.Where(e => e.ActorName == "secretariat.us@demo.tandem").ToList();
        var metiEntries = entries.Where(e => e.ActorName == "officer.meti@demo.tandem").ToList();
        Assert.Equal(3, usEntries.Select(e => e.RequestId).Distinct().Count());
        Assert.Equal(2, metiEntries.Select(e => e.RequestId).Distinct().Count());
        Assert.All(usEntries, e => Assert.Equal("TLP:AMBER USA ONLY", e.Label));
        Assert.Contains(usEntries, e => e.Details.Contains("html/en", StringComparison.Ordinal) && e.Details.Contains(paperId, StringComparison.Ordinal));
        Assert.Contains(usEntries, e => e.Details.Contains("pdf/en", StringComparison.Ordinal) && e.Details.Contains(factSheet.ToString("D"), StringComparison.Ordinal));
        Assert.DoesNotContain(metiEntries, e => e.Details.Contains(paperId, StringComparison.Ordinal));
        Assert.Contains(metiEntries, e => e.Details.Contains(factSheet.ToString("D"), StringComparison.Ordinal) && e.Details.Contains("1 withheld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JapaneseBook_HasJapaneseHeadingsAndTexts_AndMarksEnglishStandIns()
    {
        await using var factory = Start();
        using var meti = await ClientOf(factory, "officer.meti@demo.tandem");
        var meeting = await SanFrancisco(factory);

        var html = await Html(meti, meeting, "ja");

        Assert.Contains("<html lang=\"ja\"", html, StringComparison.Ordinal);
        foreach (var heading in new[] { "目次", "議題", "会合の分野におけるコミットメント", "遵守状況スコアカード", "出席者" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }

        Assert.Contains("インド太平洋地域におけるルールに基づく経済秩序の強化", html, StringComparison.Ordinal);
        Assert.Contains("日米経済政策協議委員会(経済版「2+2」)閣僚会合", html, StringComparison.Ordinal);

        // Commitments carry Japanese texts; one MOFA/METI did not publish is shown marked as an unofficial translation, not in English.
        Assert.Contains("インド太平洋のパートナーが経済的脆弱性を特定し低減することを支援する <span class=\"fallback\">（非公式訳）</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Help Indo-Pacific partners identify and reduce their economic vulnerabilities", html, StringComparison.Ordinal);
        // A text MOFA published is shown as it stands, unmarked.
        Assert.Contains("科学的根拠に基づかない輸入制限措置は直ちに撤廃されるべきであることについて確認しました</", html, StringComparison.Ordinal);

        var pdf = await Pdf(meti, $"/api/v1/meetings/{meeting}/briefing-book?format=pdf&lang=ja");
        var (text, pages) = PdfText(pdf);
        Assert.Contains("TLP:AMBER REL TO JPN, USA", text, StringComparison.Ordinal);
        Assert.Contains($"1 / {pages}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFormatOrLanguage_400NamingTheField_AndAHiddenMeeting404()
    {
        await using var factory = Start();
        using var meti = await ClientOf(factory, "officer.meti@demo.tandem");
        var meeting = await SanFrancisco(factory);

        var format = await CycleKit.Get(meti, $"/api/v1/meetings/{meeting}/briefing-book?format=docx", HttpStatusCode.BadRequest);
        var lang = await CycleKit.Get(meti, $"/api/v1/meetings/{meeting}/briefing-book?lang=fr", HttpStatusCode.BadRequest);
        await CycleKit.Get(meti, $"/api/v1/meetings/{Guid.NewGuid()}/briefing-book", HttpStatusCode.NotFound);

        Assert.Contains("format", CycleKit.Fields(format));
        Assert.Contains("lang", CycleKit.Fields(lang));
    }

    /// <summary>The book's classification as its header states it.</summary>
    private static string Classification(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<dt>(?:Classification|区分)</dt><dd><span class=\"marking\">([^<]*)</span>");
        Assert.True(match.Success, "the book states no classification");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

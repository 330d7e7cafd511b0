using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Documents;
using Tandem.Core.Evidence;
using Tandem.Core.Meetings;
using Tandem.Core.Notices;
using Tandem.Core.Sharing;

namespace Tandem.Core.Briefing;

/// <summary>
/// Assembles a meeting's briefing book for one reader: the meeting (forum community), each agenda item's pre-read
/// documents and linked analyses, the meeting's papers, every commitment of the tracks on the agenda with its last
/// progress report, the latest compliance scorecard of those tracks, the forum's open disruption notices and coercion
/// incidents, and attendance. Every labelled record is read through the access policy in SQL; what the reader may not
/// see is counted, never named. The generation is audited with the list of records the book contained.
/// </summary>
public static class BuildBriefingBook
{
    public const string ObjectType = "BriefingBook";

    public static async Task<Result<BriefingBook>> Handle(TandemDbContext db, Actor actor, Guid meetingId, string? language, string format, DateTime now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var lang = BriefingLanguage.Normalize(language);
        var today = DateOnly.FromDateTime(now);
        var viewer = Viewer.Of(actor, today);
        var meeting = await db.Set<Meeting>().AsNoTracking().Visible(db, actor).Where(m => m.Id == meetingId).Include(m => m.Forum).FirstOrDefaultAsync(ct);
        if (meeting is null)
        {
            return Error.NotFound("Meeting");
        }

        var records = new List<BookRecord>();
        var forum = meeting.Forum!;
        var capitals = await db.ForumParties.AsNoTracking().Where(fp => fp.ForumId == meeting.ForumId)
            .Join(db.Parties, fp => fp.Party, p => p.Iso3, (fp, p) => new { p.Iso3, p.CapitalTimeZone, p.OtherTimeZones })
            .OrderBy(p => p.Iso3).ToListAsync(ct);
        var times = MeetingTimes.For(meeting.StartsAt, meeting.EndsAt, meeting.TimeZone, PartyTimeZones.Pairs(capitals, c => c.Iso3, c => c.CapitalTimeZone, c => c.OtherTimeZones), null)
            .Where(t => t.Label != MeetingTimes.ViewerLabel).ToList();
        var cover = new BookCover(forum.Code, BookText.Pick(lang, forum.NameEn, forum.NameJa), BookText.Pick(lang, meeting.TitleEn, meeting.TitleJa), meeting.Tier,
            meeting.Number, meeting.Status, meeting.Venue, times);

        var items = await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Position)
            .Include(a => a.Track).Include(a => a.PresentingAgency).ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        var documents = await Documents(db, viewer, items.SelectMany(i => i.PreReadDocumentIds), records, ct);
        var analyses = await Analyses(db, viewer, itemIds, records, ct);
        var commitmentCodes = await CommitmentCodes(db, items.SelectMany(i => i.CommitmentIds), ct);
        var agenda = items.Select(item =>
        {
            var papers = item.PreReadDocumentIds.Where(documents.Shown.ContainsKey).Select(id => documents.Shown[id])
                .Concat(analyses.Shown.Where(a => a.Target == item.Id).Select(a => a.Paper)).ToList();
            var hidden = item.PreReadDocumentIds.Count(documents.Hidden.Contains) + analyses.Hidden.Count(h => h == item.Id);
            return new BookAgendaItem(item.Position, BookText.Pick(lang, item.TitleEn, item.TitleJa), item.Track?.Code,
                item.Track is null ? null : BookText.Pick(lang, item.Track.NameEn, item.Track.NameJa), item.PresentingAgency?.Code, item.DurationMinutes,
                item.DecisionSought, item.CommitmentIds.Where(commitmentCodes.ContainsKey).Select(c => commitmentCodes[c]).Order(StringComparer.Ordinal).ToList(),
                papers, hidden);
        }).ToList();

        var (meetingPapers, hiddenPapers) = await MeetingPapers(db, viewer, meetingId, records, ct);
        var trackIds = items.Where(i => i.TrackId != null).Select(i => i.TrackId!.Value).Distinct().ToList();
        var commitments = await Commitments(db, viewer, meeting.ForumId, trackIds, lang, today, records, ct);
        var scorecard = await Scorecard(db, actor, meeting.ForumId, commitments.Select(c => c.Id).ToHashSet(), lang, ct);
        var (notices, hiddenNotices) = await Notices(db, viewer, meeting.ForumId, records, ct);
        var (incidents, hiddenIncidents) = await Incidents(db, viewer, meeting.ForumId, records, ct);
        var attendance = await db.Set<MeetingAttendee>().AsNoTracking().Where(a => a.MeetingId == meetingId)
            .OrderBy(a => a.Agency!.Party).ThenBy(a => a.Agency!.Code).ThenBy(a => a.PersonName)
            .Select(a => new BookAttendee(a.PersonName, a.Agency!.Code, a.Agency.Party, a.Role)).ToListAsync(ct);

        // The book as a whole reaches no further than the meeting's own audience and any record inside it.
        var label = records.Select(r => r.Label).Aggregate(await ForumCommunity.Audience(db, meeting.ForumId, ct), (a, b) => a.CombineWith(b));
        var agencyCode = actor.AgencyId is { } agencyId ? await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "" : "";
        var book = new BriefingBook(meetingId, lang, now, actor.Email ?? "", agencyCode, label.Marking, label.Level, cover, agenda, meetingPapers, hiddenPapers,
            commitments, scorecard, notices, hiddenNotices, incidents, hiddenIncidents, attendance, records);
        await Audit(db, book, format, ct);
        return book;
    }

    /// <summary>One entry per kind of record the book contained (continued over several entries for long lists), under the book's classification.</summary>
    private static Task Audit(TandemDbContext db, BriefingBook book, string format, CancellationToken ct)
    {
        var parts = new List<string>();
        var withheld = book.HiddenPaperCount + book.HiddenNotices + book.HiddenIncidents + book.Commitments.Sum(c => c.HiddenReports);
        var head = $"briefing book {format}/{book.Language}: {book.Records.Count} records shown, {withheld} withheld";
        var kinds = book.Records.GroupBy(r => r.Type, StringComparer.Ordinal).ToList();
        if (kinds.Count == 0)
        {
            parts.Add(head);
        }

        foreach (var kind in kinds)
        {
            parts.AddRange(ListReadAudit.Describe($"{head}; {kind.Key}", kind.Select(r => r.Id).ToList(), null));
        }

        return db.AuditReadsAsync(AuditAction.Export, nameof(Meeting), book.MeetingId.ToString("D"), book.Classification, parts, ct);
    }

    private sealed record DocumentPapers(Dictionary<Guid, BookPaper> Shown, HashSet<Guid> Hidden);

    private static async Task<DocumentPapers> Documents(TandemDbContext db, Viewer viewer, IEnumerable<Guid> ids, List<BookRecord> records, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var visible = await db.Documents.AsNoTracking().Where(d => wanted.Contains(d.Id)).VisibleTo(viewer)
            .Select(d => new { d.Id, d.Title, d.Description, d.Label, d.OwnerAgencyId, d.CurrentVersion }).ToListAsync(ct);
        var existing = await db.Documents.AsNoTracking().Where(d => wanted.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        var visibleIds = visible.Select(d => d.Id).ToList();
        var current = visible.ToDictionary(d => d.Id, d => d.CurrentVersion);
        var versions = (await db.DocumentVersions.AsNoTracking().Where(v => visibleIds.Contains(v.DocumentId)).ToListAsync(ct))
            .Where(v => current[v.DocumentId] == v.Number).ToList();
        var keys = versions.Select(v => v.StorageKey).ToList();
        var contents = await db.DocumentContents.AsNoTracking().Where(c => keys.Contains(c.StorageKey)).ToDictionaryAsync(c => c.StorageKey, c => c.Bytes, ct);
        var owners = await AgencyCodes(db, visible.Select(d => d.OwnerAgencyId), ct);
        var shown = new Dictionary<Guid, BookPaper>();
        foreach (var d in visible)
        {
            var version = versions.FirstOrDefault(v => v.DocumentId == d.Id);
            var extracted = version is not null && contents.TryGetValue(version.StorageKey, out var bytes)
                ? PaperContent.FromFile(bytes, version.FileName, version.ContentType, d.Description)
                : new PaperContent.Extracted(PaperBody.Summary, d.Description, [], [], 0);
            var label = d.Label.ToLabel();
            shown[d.Id] = new BookPaper("document", d.Id, d.Title, label.Marking, owners.GetValueOrDefault(d.OwnerAgencyId, ""), extracted.Body, extracted.Text,
                extracted.Columns, extracted.Rows, extracted.TotalRows, $"/documents/{d.Id:D}");
            records.Add(new BookRecord(nameof(Document), d.Id, label));
        }

        return new DocumentPapers(shown, existing.Where(id => !shown.ContainsKey(id)).ToHashSet());
    }

    private sealed record AnalysisPapers(List<(Guid Target, BookPaper Paper)> Shown, List<Guid> Hidden);

    private static async Task<AnalysisPapers> Analyses(TandemDbContext db, Viewer viewer, List<Guid> itemIds, List<BookRecord> records, CancellationToken ct)
    {
        var links = await db.Set<AnalysisLink>().AsNoTracking().Where(l => l.TargetType == "AgendaItem" && itemIds.Contains(l.TargetId))
            .OrderBy(l => l.LinkedAt).Select(l => new { l.AnalysisId, l.TargetId }).ToListAsync(ct);
        var ids = links.Select(l => l.AnalysisId).Distinct().ToList();
        var visible = await db.Set<Analysis>().AsNoTracking().Where(a => ids.Contains(a.Id)).VisibleTo(viewer)
            .Select(a => new { a.Id, a.Title, a.Summary, a.ResultCsv, a.Label, a.OwnerAgencyId }).ToListAsync(ct);
        var existing = await db.Set<Analysis>().AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        var owners = await AgencyCodes(db, visible.Select(a => a.OwnerAgencyId), ct);
        var papers = visible.ToDictionary(a => a.Id, a =>
        {
            var table = PaperContent.FromCsv(a.ResultCsv);
            return new BookPaper("analysis", a.Id, a.Title, a.Label.ToLabel().Marking, owners.GetValueOrDefault(a.OwnerAgencyId, ""), PaperBody.Table, a.Summary,
                table.Columns, table.Rows, table.TotalRows, $"/evidence/analyses/{a.Id:D}");
        });
        foreach (var a in visible)
        {
            records.Add(new BookRecord(nameof(Analysis), a.Id, a.Label.ToLabel()));
        }

        return new AnalysisPapers(
            links.Where(l => papers.ContainsKey(l.AnalysisId)).Select(l => (l.TargetId, papers[l.AnalysisId])).ToList(),
            links.Where(l => !papers.ContainsKey(l.AnalysisId) && existing.Contains(l.AnalysisId)).Select(l => l.TargetId).ToList());
    }

    private static async Task<(List<BookPaper>, int)> MeetingPapers(TandemDbContext db, Viewer viewer, Guid meetingId, List<BookRecord> records, CancellationToken ct)
    {
        var all = db.Set<MeetingPaper>().AsNoTracking().Where(p => p.MeetingId == meetingId);
        var rows = await all.VisibleTo(viewer).OrderBy(p => p.Kind).ThenBy(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Kind, p.Title, p.Text, p.DocumentId, p.Agency!.Code, p.Label }).ToListAsync(ct);
        var total = await all.CountAsync(ct);
        var documents = await DocumentLinks.Readable(db, viewer, rows.Where(r => r.DocumentId != null).Select(r => r.DocumentId!.Value), ct);
        var papers = new List<BookPaper>();
        foreach (var p in rows)
        {
            var label = p.Label.ToLabel();
            var content = PaperContent.FromText(p.Text, markdown: true);

            // The paper's document is linked only for a reader who may read the document too.
            var link = p.DocumentId is { } d && documents.ContainsKey(d) ? $"/documents/{d:D}" : null;
            papers.Add(new BookPaper(p.Kind.ToString(), p.Id, p.Title, label.Marking, p.Code, content.Body, content.Text, [], [], 0, link));
            records.Add(new BookRecord(nameof(MeetingPaper), p.Id, label));
        }

        return (papers, total - rows.Count);
    }

    private static async Task<List<BookCommitment>> Commitments(TandemDbContext db, Viewer viewer, Guid forumId, List<Guid> trackIds, string lang, DateOnly today,
        List<BookRecord> records, CancellationToken ct)
    {
        if (trackIds.Count == 0)
        {
            return [];
        }

        var commitments = await db.Set<Commitment>().AsNoTracking().Where(c => c.ForumId == forumId && c.TrackId != null && trackIds.Contains(c.TrackId.Value))
            .Include(c => c.Track).Include(c => c.Milestones).Include(c => c.Responsibilities).ThenInclude(r => r.Agency)
            .OrderBy(c => c.Code).AsSplitQuery().ToListAsync(ct);
        var ids = commitments.Select(c => c.Id).ToList();
        var allReports = db.Set<ProgressReport>().AsNoTracking().Where(r => ids.Contains(r.CommitmentId));
        var reports = await allReports.VisibleTo(viewer).OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new { r.Id, r.CommitmentId, r.Agency!.Code, r.ReportedOn, r.Percent, r.Narrative, r.EvidenceLinks, r.Label }).ToListAsync(ct);
        var reportCounts = await allReports.GroupBy(r => r.CommitmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var list = new List<BookCommitment>();
        foreach (var c in commitments)
        {
            var mine = reports.Where(r => r.CommitmentId == c.Id).ToList();
            var last = mine.FirstOrDefault();
            BookReport? lastReport = null;
            if (last is not null)
            {
                var label = last.Label.ToLabel();
                lastReport = new BookReport(last.ReportedOn, last.Code, last.Percent, last.Narrative, last.EvidenceLinks, label.Marking);
                records.Add(new BookRecord(nameof(ProgressReport), last.Id, label));
            }

            var responsibilities = c.Responsibilities.GroupBy(r => r.Party, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new BookResponsibility(g.Key, g.FirstOrDefault(r => r.Role == ResponsibilityRole.Lead)?.Agency?.Code,
                    g.Where(r => r.Role == ResponsibilityRole.Supporting).Select(r => r.Agency!.Code).Order(StringComparer.Ordinal).ToList()))
                .ToList();
            var milestones = c.Milestones.OrderBy(m => m.Position)
                .Select(m => new BookMilestone(BookText.Pick(lang, m.TitleEn, m.TitleJa), m.Weight, m.Progress, m.DueDate,
                    m.DueDate is { } due && due < today && (m.Progress ?? 0) < 100)).ToList();
            list.Add(new BookCommitment(c.Id, c.Code, BookText.Pick(lang, c.TextEn, c.TextJa, c.JapaneseSource), c.Track?.Code, c.Status, c.DueDate,
                CommitmentQueries.IsOverdue(c.DueDate, c.Status, today), c.Progress, responsibilities, milestones, lastReport,
                reportCounts.GetValueOrDefault(c.Id) - mine.Count));
        }

        return list;
    }

    /// <summary>The latest cycle (by window end) assessing any of the commitments, restricted to them.</summary>
    private static async Task<BookScorecard?> Scorecard(TandemDbContext db, Actor actor, Guid forumId, HashSet<Guid> commitments, string lang, CancellationToken ct)
    {
        if (commitments.Count == 0)
        {
            return null;
        }

        var ids = commitments.ToList();
        var cycleId = await db.Set<AssessmentCycle>().AsNoTracking().Visible(db, actor)
            .Where(c => c.ForumId == forumId && c.Commitments.Any(cc => ids.Contains(cc.CommitmentId)))
            .OrderByDescending(c => c.WindowEnd).ThenByDescending(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (cycleId is null)
        {
            return null;
        }

        var dashboard = await ComplianceDashboard.Handle(db, actor, cycleId.Value, 1, 1, null, ct);
        if (!dashboard.Succeeded)
        {
            return null;
        }

        var cycle = dashboard.Value.Cycle;
        var grid = await ComplianceDashboard.Grid(db, cycle, new PageRequest(1, ComplianceExport.MaxRows), null, ct);
        var rows = grid.Items.Where(r => commitments.Contains(r.CommitmentId))
            .Select(r => new BookScoreRow(r.Code, BookText.Pick(lang, r.TextEn, r.TextJa), r.Group, r.Cells.Select(c => new BookCell(c.Party, c.Display)).ToList(),
                r.Average.Percent))
            .ToList();
        var groups = rows.Select(r => r.Group).ToHashSet(StringComparer.Ordinal);
        return new BookScorecard(cycle.Id, cycle.Name, cycle.WindowStart, cycle.WindowEnd, cycle.Parties,
            dashboard.Value.ByParty.Select(Aggregate).ToList(),
            dashboard.Value.ByTrack.Where(t => groups.Contains(t.Key)).Select(Aggregate).ToList(),
            rows, dashboard.Value.PercentRule);

        static BookAggregate Aggregate(GroupAggregateDto g) => new(g.Key, g.Aggregate.Percent, g.Aggregate.Scored, g.Aggregate.Cells);
    }

    /// <summary>Open notices of the forum: notices carry no track, and a disruption anywhere in the forum is the ministers' business.</summary>
    private static async Task<(List<BookNotice>, int)> Notices(TandemDbContext db, Viewer viewer, Guid forumId, List<BookRecord> records, CancellationToken ct)
    {
        var open = db.Set<DisruptionNotice>().AsNoTracking().Where(n => n.ForumId == forumId && n.State != NoticeState.Closed);
        var rows = await open.VisibleTo(viewer).OrderBy(n => n.Deadline).ThenBy(n => n.Id)
            .Select(n => new { n.Id, n.Title, n.NotifyingParty, n.State, n.Deadline, n.Label }).ToListAsync(ct);
        var total = await open.CountAsync(ct);
        var list = new List<BookNotice>();
        foreach (var n in rows)
        {
            var label = n.Label.ToLabel();
            list.Add(new BookNotice(n.Id, n.Title, n.NotifyingParty, n.State.ToString(), n.Deadline, label.Marking));
            records.Add(new BookRecord(nameof(DisruptionNotice), n.Id, label));
        }

        return (list, total - rows.Count);
    }

    private static async Task<(List<BookIncident>, int)> Incidents(TandemDbContext db, Viewer viewer, Guid forumId, List<BookRecord> records, CancellationToken ct)
    {
        var today = viewer.Today;
        var open = db.Set<CoercionIncident>().AsNoTracking().Where(i => i.ForumId == forumId && (i.EndedOn == null || i.EndedOn >= today));
        var rows = await open.VisibleTo(viewer).OrderByDescending(i => i.StartedOn).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.TargetParty, i.CoercingParty, i.Phase, i.StartedOn, i.Label }).ToListAsync(ct);
        var total = await open.CountAsync(ct);
        var list = new List<BookIncident>();
        foreach (var i in rows)
        {
            var label = i.Label.ToLabel();
            list.Add(new BookIncident(i.Id, i.Title, i.TargetParty, i.CoercingParty, i.Phase.ToString(), i.StartedOn, label.Marking));
            records.Add(new BookRecord(nameof(CoercionIncident), i.Id, label));
        }

        return (list, total - rows.Count);
    }

    private static async Task<Dictionary<Guid, string>> CommitmentCodes(TandemDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Set<Commitment>().AsNoTracking().Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
    }

    private static async Task<Dictionary<Guid, string>> AgencyCodes(TandemDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Agencies.IgnoreQueryFilters().Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
    }
}

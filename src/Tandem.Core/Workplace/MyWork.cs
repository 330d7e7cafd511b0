using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Evidence;
using Tandem.Core.Meetings;
using Tandem.Core.Notices;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Workplace;

/// <summary>
/// The home page's "My work": for each role the reader holds, what waits for them and where it is done. Every
/// labelled record (papers, notices, documents, analyses, progress reports, calls, submissions) is read through the
/// access policy in SQL, as the lists read it; forum business (meetings, commitments, cycles) through the forum
/// community. A notification only points at a record: what is listed is what the record's current label admits, so a
/// document relabelled away from the reader after it was shared disappears from their list.
/// </summary>
public static partial class MyWork
{
    /// <summary>Each list shows at most this many items; its section says how many there are.</summary>
    public const int MaxItems = 20;

    /// <summary>A commitment due within this many days is listed as due soon.</summary>
    public const int DueWithinDays = 14;

    /// <summary>An agency that has not reported on a commitment for this many days is asked to write a report.</summary>
    public const int ReportEveryDays = 90;

    public const int MeetingsWithinDays = 30;

    public const int SharedWithinDays = 14;

    public const int PrepareWithinDays = 60;

    /// <summary>The window the auditor's unusual-activity counts look back over.</summary>
    public const int AuditWindowDays = 7;

    /// <summary>Reads by one person in a day above which the auditor is shown their name.</summary>
    public const int HeavyReads = 200;

    /// <param name="newestTradeImport">When the newest data of the trade store was imported (null without data); the trade store lives outside the database.</param>
    public static async Task<MyWorkDto> For(TandemDbContext db, Actor actor, DateTime now, DateTime? newestTradeImport, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var today = DateOnly.FromDateTime(now);
        var officer = actor.IsInRole(Roles.Member) && !actor.IsPrivateSector && actor.AgencyId is not null ? await Officer(db, actor, now, ct) : null;
        var secretariat = ForumCommunity.CanOrganise(actor) && !actor.IsPrivateSector && actor.UserId is not null ? await Secretariat(db, actor, now, ct) : null;
        var analyst = actor.IsInRole(Roles.Analyst) && actor.AgencyId is not null ? await Analyst(db, actor, today, newestTradeImport, ct) : null;
        var contributor = actor.IsInRole(Roles.Contributor) && actor.IsPrivateSector ? await Contributor(db, actor, now, ct) : null;
        var auditor = AuditAccess.CanRead(actor) && actor.UserId is not null ? await Auditor(db, now, ct) : null;
        return new MyWorkDto(today, officer, secretariat, analyst, contributor, auditor);
    }

    private static async Task<OfficerWorkDto> Officer(TandemDbContext db, Actor actor, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        var viewer = Viewer.Of(actor, today);
        var agency = actor.AgencyId!.Value;
        var agencyCode = await db.Agencies.Where(a => a.Id == agency).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
        var ours = db.Set<Commitment>().AsNoTracking().Visible(db, actor)
            .Where(c => c.Responsibilities.Any(r => r.AgencyId == agency))
            .Where(c => c.Status == CommitmentStatus.NotStarted || c.Status == CommitmentStatus.InProgress);

        // Due soon or overdue, the most urgent first.
        var horizon = today.AddDays(DueWithinDays);
        var dueQuery = ours.Where(c => c.DueDate != null && c.DueDate <= horizon);
        var dueTotal = await dueQuery.CountAsync(ct);
        var due = (await dueQuery.OrderBy(c => c.DueDate).ThenBy(c => c.Code).Take(MaxItems)
                .Select(c => new { c.Id, c.Code, c.TextEn, c.TextJa, c.Status, c.DueDate }).ToListAsync(ct))
            .Select(c => new DueCommitmentDto(c.Id, c.Code, c.TextEn, c.TextJa, c.Status, c.DueDate!.Value, c.DueDate < today, c.DueDate!.Value.DayNumber - today.DayNumber,
                $"/commitments/{c.Id:D}"))
            .ToList();

        // Reports to write: asked for by the secretariat since the agency last reported, or none for a long time.
        var active = await ours.Select(c => new { c.Id, c.Code, c.TextEn, c.TextJa, c.DueDate }).ToListAsync(ct);
        var ids = active.Select(c => c.Id).ToList();
        var lastReports = (await db.Set<ProgressReport>().AsNoTracking().VisibleTo(viewer)
                .Where(r => r.AgencyId == agency && ids.Contains(r.CommitmentId))
                .Select(r => new { r.CommitmentId, r.ReportedOn, r.CreatedAt }).ToListAsync(ct))
            .GroupBy(r => r.CommitmentId)
            .ToDictionary(g => g.Key, g => (On: g.Max(r => r.ReportedOn), At: g.Max(r => r.CreatedAt)));
        var user = actor.UserId ?? Guid.Empty;
        var requests = (await db.Set<Notification>().AsNoTracking()
                .Where(n => n.UserId == user && n.Kind == NotificationKinds.ProgressRequested)
                .Select(n => new { n.Link, n.CreatedAt }).ToListAsync(ct))
            .Select(n => (Id: IdIn(n.Link, "/commitments/"), n.CreatedAt))
            .Where(n => n.Id is not null)
            .GroupBy(n => n.Id!.Value)
            .ToDictionary(g => g.Key, g => g.Max(n => n.CreatedAt));
        var staleBefore = today.AddDays(-ReportEveryDays);
        var reports = new List<ReportToWriteDto>();
        foreach (var c in active)
        {
            var last = lastReports.TryGetValue(c.Id, out var l) ? l : ((DateOnly On, DateTime At)?)null;
            var link = $"/commitments/{c.Id:D}#reports";
            if (requests.TryGetValue(c.Id, out var asked) && (last is null || last.Value.At < asked))
            {
                reports.Add(new ReportToWriteDto(c.Id, c.Code, c.TextEn, c.TextJa, ReportReason.Requested, asked, last?.On, link));
            }
            else if (last is null || last.Value.On < staleBefore)
            {
                reports.Add(new ReportToWriteDto(c.Id, c.Code, c.TextEn, c.TextJa, ReportReason.NoRecentReport, null, last?.On, link));
            }
        }

        // Requests first, then the commitments due soonest (those without a date last), so the most urgent report leads.
        var dueOf = active.ToDictionary(c => c.Id, c => c.DueDate);
        reports = reports.OrderBy(r => r.Reason).ThenByDescending(r => r.RequestedAt).ThenBy(r => dueOf[r.Id] is null).ThenBy(r => dueOf[r.Id])
            .ThenBy(r => r.Code, StringComparer.Ordinal).ToList();

        var meetings = await Meetings(db, actor, viewer, agency, now, ct);
        var notices = await Notices(db, actor, viewer, ct);
        var shared = await Shared(db, viewer, user, now, ct);
        return new OfficerWorkDto(agencyCode, due, dueTotal, reports.Take(MaxItems).ToList(), reports.Count, meetings, notices, shared);
    }

    /// <summary>
    /// Meetings of the coming days in the reader's tracks — those whose agenda names a track their agency takes part in,
    /// or names no track at all (a plenary concerns everyone), as the meeting's notifications reach them.
    /// </summary>
    private static async Task<List<UpcomingMeetingDto>> Meetings(TandemDbContext db, Actor actor, Viewer viewer, Guid agency, DateTime now, CancellationToken ct)
    {
        var until = now.AddDays(MeetingsWithinDays);
        var tracks = db.TrackParticipations.Where(p => p.AgencyId == agency).Select(p => p.TrackId);
        var rows = await db.Set<Meeting>().AsNoTracking().Visible(db, actor)
            .Where(m => m.Status != MeetingStatus.Cancelled && m.Status != MeetingStatus.Draft && m.EndsAt >= now && m.StartsAt <= until)
            .Where(m => !m.Agenda.Any(a => a.TrackId != null) || m.Agenda.Any(a => a.TrackId != null && tracks.Contains(a.TrackId.Value)))
            .OrderBy(m => m.StartsAt).Take(MaxItems)
            .Select(m => new { m.Id, m.TitleEn, m.TitleJa, m.StartsAt, m.TimeZone, m.Status })
            .ToListAsync(ct);
        var ids = rows.Select(m => m.Id).ToList();
        var papers = await db.Set<MeetingPaper>().AsNoTracking().VisibleTo(viewer).Where(p => ids.Contains(p.MeetingId))
            .GroupBy(p => p.MeetingId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return rows.Select(m => new UpcomingMeetingDto(m.Id, m.TitleEn, m.TitleJa, m.StartsAt, m.TimeZone, m.Status, papers.GetValueOrDefault(m.Id), $"/meetings/{m.Id:D}")).ToList();
    }

    /// <summary>Notices another party of the reader's forums submitted and nobody of the reader's party has acknowledged, as the notice page offers to.</summary>
    private static async Task<List<NoticeToAcknowledgeDto>> Notices(TandemDbContext db, Actor actor, Viewer viewer, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(actor.Party))
        {
            return [];
        }

        var party = actor.Party;
        var forums = ForumCommunity.ForumIds(db, actor);
        var rows = await db.Set<DisruptionNotice>().AsNoTracking().VisibleTo(viewer)
            .Where(n => n.State == NoticeState.Submitted && n.NotifyingParty != party && forums.Contains(n.ForumId))
            .OrderBy(n => n.Deadline).ThenBy(n => n.SubmittedAt).Take(MaxItems)
            .Select(n => new NoticeToAcknowledgeDto(n.Id, n.Title, n.NotifyingParty, n.SubmittedAt, n.Deadline, ""))
            .ToListAsync(ct);
        if (rows.Count > 0)
        {
            await db.AuditListAsync(nameof(DisruptionNotice), "", "", "my work: notices to acknowledge", rows.Select(r => r.Id).ToList(), null, ct);
        }

        return rows.Select(r => r with { Link = $"/notices/{r.Id:D}" }).ToList();
    }

    /// <summary>Documents and analyses shared with the reader lately (from their notifications) that they may still read, under their current titles.</summary>
    private static async Task<List<SharedRecordDto>> Shared(TandemDbContext db, Viewer viewer, Guid user, DateTime now, CancellationToken ct)
    {
        var since = now.AddDays(-SharedWithinDays);
        var told = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.UserId == user && n.CreatedAt >= since && (n.Kind == NotificationKinds.DocumentShared || n.Kind == NotificationKinds.AnalysisShared))
            .OrderByDescending(n => n.CreatedAt).Take(200)
            .Select(n => new { n.Kind, n.Link, n.CreatedAt, n.ReadAt }).ToListAsync(ct);
        var documents = told.Where(n => n.Kind == NotificationKinds.DocumentShared).Select(n => (Id: IdIn(n.Link, "/documents/"), n.CreatedAt, Unread: n.ReadAt == null))
            .Where(n => n.Id is not null).ToList();
        var analyses = told.Where(n => n.Kind == NotificationKinds.AnalysisShared).Select(n => (Id: IdIn(n.Link, "/evidence/analyses/"), n.CreatedAt, Unread: n.ReadAt == null))
            .Where(n => n.Id is not null).ToList();
        var readableDocuments = await DocumentLinks.Readable(db, viewer, documents.Select(d => d.Id!.Value), ct);
        var analysisIds = analyses.Select(a => a.Id!.Value).Distinct().ToList();
        var readableAnalyses = analysisIds.Count == 0
            ? []
            : await db.Set<Analysis>().AsNoTracking().Where(a => analysisIds.Contains(a.Id)).VisibleTo(viewer).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        var shared = documents.Where(d => readableDocuments.ContainsKey(d.Id!.Value))
            .Select(d => new SharedRecordDto(SharedKind.Document, d.Id!.Value, readableDocuments[d.Id!.Value], d.CreatedAt, d.Unread, $"/documents/{d.Id:D}"))
            .Concat(analyses.Where(a => readableAnalyses.ContainsKey(a.Id!.Value))
                .Select(a => new SharedRecordDto(SharedKind.Analysis, a.Id!.Value, readableAnalyses[a.Id!.Value], a.CreatedAt, a.Unread, $"/evidence/analyses/{a.Id:D}")))
            .GroupBy(s => s.Id).Select(g => g.OrderByDescending(s => s.SharedAt).First() with { Unread = g.Any(s => s.Unread) })
            .OrderByDescending(s => s.SharedAt).Take(MaxItems).ToList();
        if (shared.Any(s => s.Kind == SharedKind.Document))
        {
            await db.AuditListAsync(nameof(Document), "", "", "my work: shared with me", shared.Where(s => s.Kind == SharedKind.Document).Select(s => s.Id).ToList(), null, ct);
        }

        if (shared.Any(s => s.Kind == SharedKind.Analysis))
        {
            await db.AuditListAsync(nameof(Analysis), "", "", "my work: shared with me", shared.Where(s => s.Kind == SharedKind.Analysis).Select(s => s.Id).ToList(), null, ct);
        }

        return shared;
    }

    private static async Task<SecretariatWorkDto> Secretariat(TandemDbContext db, Actor actor, DateTime now, CancellationToken ct)
    {
        // Meetings to prepare: coming meetings (drafts included) without an agenda, or with items that have nothing to read beforehand.
        var until = now.AddDays(PrepareWithinDays);
        var upcoming = await db.Set<Meeting>().AsNoTracking().Visible(db, actor)
            .Where(m => (m.Status == MeetingStatus.Draft || m.Status == MeetingStatus.Scheduled) && m.StartsAt >= now && m.StartsAt <= until)
            .OrderBy(m => m.StartsAt).Take(100)
            .Select(m => new { m.Id, m.TitleEn, m.TitleJa, m.StartsAt, m.Status })
            .ToListAsync(ct);
        var ids = upcoming.Select(m => m.Id).ToList();
        var items = await db.Set<AgendaItem>().AsNoTracking().Where(a => ids.Contains(a.MeetingId)).Select(a => new { a.MeetingId, a.PreReadDocumentIds }).ToListAsync(ct);
        var meetings = upcoming
            .Select(m =>
            {
                var agenda = items.Where(i => i.MeetingId == m.Id).ToList();
                return new MeetingToPrepareDto(m.Id, m.TitleEn, m.TitleJa, m.StartsAt, m.Status, agenda.Count, agenda.Count(i => i.PreReadDocumentIds.Count == 0), $"/meetings/{m.Id:D}#agenda");
            })
            .Where(m => m.AgendaItems == 0 || m.ItemsWithoutPapers > 0)
            .Take(MaxItems).ToList();

        // Action outcomes that no commitment carries yet.
        var outcomes = await db.Set<MeetingOutcome>().AsNoTracking()
            .Where(o => o.Kind == OutcomeKind.Action && o.CommitmentId == null)
            .Join(db.Set<Meeting>().AsNoTracking().Visible(db, actor).Where(m => m.Status == MeetingStatus.Held || m.Status == MeetingStatus.Concluded),
                o => o.MeetingId, m => m.Id, (o, m) => new { o.Id, o.Position, o.TextEn, o.TextJa, MeetingId = m.Id, m.TitleEn, m.TitleJa, m.StartsAt })
            .OrderByDescending(o => o.StartsAt).ThenBy(o => o.Position).Take(MaxItems)
            .ToListAsync(ct);

        // Compliance cycles with cells to score: commitments × assessed parties, less the cells holding a score.
        var cycles = await db.Set<AssessmentCycle>().AsNoTracking().Visible(db, actor)
            .OrderByDescending(c => c.WindowEnd).ThenBy(c => c.Name).Take(100)
            .Select(c => new { c.Id, ForumCode = c.Forum!.Code, c.Name, c.Parties, Commitments = c.Commitments.Count })
            .ToListAsync(ct);
        var cycleIds = cycles.Select(c => c.Id).ToList();
        var scored = await db.Set<ComplianceScore>().AsNoTracking()
            .Where(s => cycleIds.Contains(s.CycleId) && s.Value != null)
            .Join(db.Set<CycleCommitment>(), s => new { s.CycleId, s.CommitmentId }, cc => new { cc.CycleId, cc.CommitmentId }, (s, cc) => new { s.CycleId, s.Party })
            .ToListAsync(ct);
        var toScore = cycles
            .Select(c =>
            {
                var cells = c.Commitments * c.Parties.Count;
                var done = scored.Count(s => s.CycleId == c.Id && c.Parties.Contains(s.Party));
                return new CycleToScoreDto(c.Id, c.ForumCode, c.Name, done, cells, $"/compliance/{c.Id:D}#grid");
            })
            .Where(c => c.Cells > 0 && c.Scored < c.Cells)
            .Take(MaxItems).ToList();

        return new SecretariatWorkDto(meetings,
            outcomes.Select(o => new OutcomeToCommitDto(o.MeetingId, o.TitleEn, o.TitleJa, o.Id, o.Position, o.TextEn, o.TextJa,
                OutcomeCommitmentLink(o.MeetingId, o.Id))).ToList(),
            toScore);
    }

    /// <summary>The page where an outcome becomes a commitment.</summary>
    public static string OutcomeCommitmentLink(Guid meetingId, Guid outcomeId) => $"/meetings/{meetingId:D}/outcomes/{outcomeId:D}/commitment";

    private static async Task<AnalystWorkDto> Analyst(TandemDbContext db, Actor actor, DateOnly today, DateTime? newestTradeImport, CancellationToken ct)
    {
        if (newestTradeImport is not { } newest)
        {
            return new AnalystWorkDto(null, [], 0);
        }

        // Screenings of the analyst's agency computed from data older than the newest import: a refresh may change their answer.
        var agency = actor.AgencyId!.Value;
        var query = db.Set<Analysis>().AsNoTracking().VisibleTo(Viewer.Of(actor, today))
            .Where(a => a.OwnerAgencyId == agency && a.CreatedAt < newest
                && (a.Kind == AnalysisKind.Screening || a.Kind == AnalysisKind.JointScreening || a.Kind == AnalysisKind.Trends));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(a => a.CreatedAt).Take(MaxItems)
            .Select(a => new StaleAnalysisDto(a.Id, a.Title, a.Kind, a.CreatedAt, "")).ToListAsync(ct);
        if (rows.Count > 0)
        {
            await db.AuditListAsync(nameof(Analysis), "", "", "my work: screenings older than the newest trade data", rows.Select(r => r.Id).ToList(), total, ct);
        }

        return new AnalystWorkDto(newest, rows.Select(r => r with { Link = $"/evidence/analyses/{r.Id:D}" }).ToList(), total);
    }

    private static async Task<ContributorWorkDto> Contributor(TandemDbContext db, Actor actor, DateTime now, CancellationToken ct)
    {
        var organisation = await ConsultationAccess.OrganisationOf(db, actor, ct);
        if (organisation is null)
        {
            return new ContributorWorkDto(null, [], []);
        }

        var viewer = Viewer.Of(actor, DateOnly.FromDateTime(now));
        var own = ConsultationAccess.VisibleSubmissions(db, actor, viewer);
        var calls = await ConsultationAccess.VisibleCalls(db, actor, organisation, viewer)
            .Where(c => c.State == CallState.Open && c.OpensAt <= now && c.ClosesAt > now)
            .OrderBy(c => c.ClosesAt).Take(MaxItems)
            .Select(c => new { c.Id, c.TitleEn, c.TitleJa, c.ClosesAt })
            .ToListAsync(ct);
        var callIds = calls.Select(c => c.Id).ToList();
        var submissions = await own
            .Join(ConsultationAccess.VisibleCalls(db, actor, organisation, viewer), s => s.CallId, c => c.Id,
                (s, c) => new { s.Id, s.CallId, c.TitleEn, c.TitleJa, s.Reference, s.SubmittedRevision, s.SubmittedAt, s.WorkingRevision, s.UpdatedAt })
            .OrderByDescending(s => s.UpdatedAt).Take(MaxItems)
            .ToListAsync(ct);
        var listed = submissions.Select(s => new OwnSubmissionDto(s.Id, s.CallId, s.TitleEn, s.TitleJa, s.Reference, s.SubmittedRevision, s.SubmittedAt,
            s.WorkingRevision > s.SubmittedRevision, $"/consultation/submissions/{s.Id:D}",
            s.SubmittedRevision > 0 ? $"/consultation/submissions/{s.Id:D}/receipt" : null)).ToList();
        var open = calls.Select(c =>
        {
            var answer = listed.FirstOrDefault(s => s.CallId == c.Id);
            return new OpenCallDto(c.Id, c.TitleEn, c.TitleJa, c.ClosesAt, answer?.Id, answer is { SubmittedRevision: > 0 }, $"/consultation/{c.Id:D}");
        }).ToList();
        if (callIds.Count > 0)
        {
            await db.AuditListAsync(nameof(CallForInput), "", "", "my work: open calls", callIds, null, ct);
        }

        if (listed.Count > 0)
        {
            await db.AuditListAsync(nameof(Submission), "", "", "my work: own submissions", listed.Select(s => s.Id).ToList(), null, ct);
        }

        return new ContributorWorkDto(organisation.NameEn, open, listed);
    }

    private static async Task<AuditorWorkDto> Auditor(TandemDbContext db, DateTime now, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        var last = await entries.Where(e => e.Action == AuditAction.Verify && e.Decision == AuditDecision.Allowed)
            .OrderByDescending(e => e.Sequence).Select(e => new { e.At, e.ActorName, e.Details }).FirstOrDefaultAsync(ct);
        var since = now.AddDays(-AuditWindowDays);
        var refusedSignIns = await entries.CountAsync(e => e.At >= since && e.Action == AuditAction.SignIn && e.Decision != AuditDecision.Allowed, ct);
        var refusedAccess = await entries.CountAsync(e => e.At >= since && e.Action != AuditAction.SignIn && e.Decision == AuditDecision.Denied, ct);
        var day = now.AddDays(-1);
        var readers = await entries
            .Where(e => e.At >= day && e.ActorUserId != null
                && (e.Action == AuditAction.View || e.Action == AuditAction.List || e.Action == AuditAction.Download || e.Action == AuditAction.Export
                    || e.Action == AuditAction.Search))
            .GroupBy(e => new { e.ActorName, e.ActorAgency })
            .Select(g => new { g.Key.ActorName, g.Key.ActorAgency, Reads = g.Count() })
            .Where(g => g.Reads >= HeavyReads)
            .OrderByDescending(g => g.Reads).Take(MaxItems)
            .ToListAsync(ct);

        // Looking at the log is itself a read of the log.
        db.Audit(AuditAction.List, AuditAccess.LogObject, "", details: "my work: last verification and unusual activity");
        await db.SaveChangesAsync(ct);
        var from = since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new AuditorWorkDto(
            last is null ? null : new LastVerificationDto(last.At, last.ActorName, !last.Details.StartsWith("NOT intact", StringComparison.Ordinal), last.Details),
            refusedSignIns, refusedAccess,
            readers.Select(r => new HeavyReaderDto(r.ActorName, r.ActorAgency, r.Reads, $"/audit?actor={Uri.EscapeDataString(r.ActorName)}")).ToList(),
            AuditWindowDays, $"/audit?action={AuditAction.SignIn}&from={from}", $"/audit?decision={AuditDecision.Denied}&from={from}", "/audit#verify-chain");
    }

    /// <summary>The record id at the end of a notification's local link ("/documents/{id}"), or null when it is not such a link.</summary>
    private static Guid? IdIn(string link, string prefix)
    {
        if (!link.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var match = LeadingGuid().Match(link[prefix.Length..]);
        return match.Success && Guid.TryParse(match.Value, out var id) ? id : null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex LeadingGuid();
}

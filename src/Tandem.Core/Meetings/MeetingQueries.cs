using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Documents;
using Tandem.Core.Sharing;

namespace Tandem.Core.Meetings;

/// <summary>Reading meetings: lists for the forum community, one meeting with its agenda, attendance, outcomes and papers.</summary>
public static class MeetingQueries
{
    public static IQueryable<MeetingDto> List(TandemDbContext db, Actor actor, MeetingFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meetings = db.Set<Meeting>().AsNoTracking().Visible(db, actor);
        if (filter?.ForumId is { } forumId)
        {
            meetings = meetings.Where(m => m.ForumId == forumId);
        }

        if (filter?.Tier is { } tier)
        {
            meetings = meetings.Where(m => m.Tier == tier);
        }

        if (filter?.Status is { } status)
        {
            meetings = meetings.Where(m => m.Status == status);
        }

        // Callers check the filter first (MeetingFilter.Check); a year outside the calendar has no meetings.
        if (filter?.Year is < MeetingFilter.FirstYear or > MeetingFilter.LastYear)
        {
            return Project(meetings.Where(_ => false));
        }

        if (filter?.Year is { } year)
        {
            var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var to = from.AddYears(1);
            meetings = meetings.Where(m => m.StartsAt >= from && m.StartsAt < to);
        }

        if (filter?.From is { } fromDate)
        {
            var from = fromDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            meetings = meetings.Where(m => m.EndsAt >= from);
        }

        if (filter?.To is { } toDate)
        {
            var to = toDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            meetings = meetings.Where(m => m.StartsAt < to);
        }

        return Project(filter?.Sort == MeetingFilter.Latest
            ? meetings.OrderByDescending(m => m.StartsAt).ThenByDescending(m => m.Id)
            : meetings.OrderBy(m => m.StartsAt).ThenBy(m => m.Id));
    }

    internal static IQueryable<MeetingDto> Project(IQueryable<Meeting> meetings) =>
        meetings.Select(m => new MeetingDto(m.Id, m.ForumId, m.Forum!.Code, m.Tier, m.Number, m.TitleEn, m.TitleJa, m.Venue, m.TimeZone, m.StartsAt, m.EndsAt,
            m.Status, m.Notes, m.SourceUrl, m.Confidence, m.Agenda.Sum(a => a.DurationMinutes), m.Version));

    public static Task<MeetingDto?> Find(TandemDbContext db, Actor actor, Guid id, CancellationToken ct) =>
        Project(db.Set<Meeting>().AsNoTracking().Visible(db, actor).Where(m => m.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>One meeting as its reader may see it; papers the reader may not see are left out, and the view is audited.</summary>
    public static async Task<Result<MeetingDetailDto>> Get(TandemDbContext db, Actor actor, Guid id, string? viewerZone, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var meeting = await Find(db, actor, id, ct);
        if (meeting is null)
        {
            return Error.NotFound("Meeting");
        }

        var agenda = await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Position)
            .Select(a => new AgendaItemDto(a.Id, a.Position, a.TitleEn, a.TitleJa, a.TrackId, a.Track == null ? null : a.Track.Code, a.PresentingAgencyId,
                a.PresentingAgency == null ? null : a.PresentingAgency.Code, a.DurationMinutes, a.DecisionSought, a.CommitmentIds, a.PreReadDocumentIds))
            .ToListAsync(ct);

        // A pre-read the reader may not read (relabelled or withdrawn since) is not even named to them.
        var preReads = await DocumentLinks.Readable(db, Viewer.Of(actor, today), agenda.SelectMany(a => a.PreReadDocumentIds), ct);
        agenda = agenda.Select(a => a with { PreReadDocumentIds = a.PreReadDocumentIds.Where(preReads.ContainsKey).ToList() }).ToList();
        var attendees = await db.Set<MeetingAttendee>().AsNoTracking().Where(a => a.MeetingId == id)
            .OrderBy(a => a.Agency!.Party).ThenBy(a => a.Agency!.Code).ThenBy(a => a.PersonName)
            .Select(a => new AttendeeDto(a.Id, a.PersonName, a.AgencyId, a.Agency!.Code, a.Agency.Party, a.Role))
            .ToListAsync(ct);
        var outcomes = await db.Set<MeetingOutcome>().AsNoTracking().Where(o => o.MeetingId == id).OrderBy(o => o.Position).ToListAsync(ct);
        var commitmentIds = outcomes.Where(o => o.CommitmentId != null).Select(o => o.CommitmentId!.Value).ToList();
        var codes = await db.Set<Commitment>().AsNoTracking().Where(c => commitmentIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var papers = await Papers(db, actor, id, today, ct);
        var capitals = await db.ForumParties.AsNoTracking().Where(fp => fp.ForumId == meeting.ForumId)
            .Join(db.Parties, fp => fp.Party, p => p.Iso3, (fp, p) => new { p.Iso3, p.CapitalTimeZone, p.OtherTimeZones })
            .OrderBy(p => p.Iso3).ToListAsync(ct);
        var times = MeetingTimes.For(meeting.StartsAt, meeting.EndsAt, meeting.TimeZone,
            PartyTimeZones.Pairs(capitals, c => c.Iso3, c => c.CapitalTimeZone, c => c.OtherTimeZones), viewerZone);

        // The view names the papers shown; a long list continues in further entries of the same request.
        var shown = ListReadAudit.Describe("papers", papers.Select(p => p.Id).ToList(), null);
        db.Audit(AuditAction.View, nameof(Meeting), id.ToString("D"), details: shown[0]);
        foreach (var more in shown.Skip(1))
        {
            db.Audit(AuditAction.List, nameof(MeetingPaper), id.ToString("D"), details: more);
        }
        await db.SaveChangesAsync(ct);
        return new MeetingDetailDto(meeting, agenda, attendees,
            outcomes.Select(o => new OutcomeDto(o.Id, o.Position, o.Kind, o.TextEn, o.TextJa, o.AgendaItemId, o.CommitmentId,
                o.CommitmentId is { } c && codes.TryGetValue(c, out var code) ? code : null)).ToList(),
            papers, times);
    }

    /// <summary>The papers of a meeting the reader may see, filtered by the access policy in SQL.</summary>
    public static async Task<List<MeetingPaperDto>> Papers(TandemDbContext db, Actor actor, Guid meetingId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var viewer = Viewer.Of(actor, today);
        var rows = await db.Set<MeetingPaper>().AsNoTracking().Where(p => p.MeetingId == meetingId).VisibleTo(viewer)
            .OrderBy(p => p.Kind).ThenBy(p => p.CreatedAt)
            .Select(p => new { p.Id, p.MeetingId, p.Kind, p.Title, p.Text, p.DocumentId, p.Agency!.Code, p.Label, p.CreatedAt, p.Version })
            .ToListAsync(ct);
        var documents = await DocumentLinks.Readable(db, viewer, rows.Where(p => p.DocumentId != null).Select(p => p.DocumentId!.Value), ct);
        return rows.Select(p =>
        {
            // The paper's reader learns of its document only if they may read the document too.
            var document = p.DocumentId is { } d && documents.TryGetValue(d, out var title) ? (Id: (Guid?)d, Title: title) : (null, null);
            return new MeetingPaperDto(p.Id, p.MeetingId, p.Kind, p.Title, p.Text, document.Id, document.Title, p.Code, p.Label.ToLabel().Marking, p.CreatedAt, p.Version);
        }).ToList();
    }

    /// <summary>The papers list on its own (not as part of the meeting's page): the same rows, and one audit entry naming them.</summary>
    public static async Task<List<MeetingPaperDto>> ListPapers(TandemDbContext db, Actor actor, Guid meetingId, DateOnly today, CancellationToken ct)
    {
        var papers = await Papers(db, actor, meetingId, today, ct);
        await db.AuditListAsync(nameof(MeetingPaper), meetingId.ToString("D"), "", $"meeting={meetingId:D}", papers.Select(p => p.Id).ToList(), null, ct);
        return papers;
    }

    /// <summary>The calendar of everything the reader may see in their forums (drafts excluded), for the per-user feed.</summary>
    public static async Task<List<MeetingDto>> Feed(TandemDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meetings = await Project(db.Set<Meeting>().AsNoTracking().Visible(db, actor).Where(m => m.Status != MeetingStatus.Draft).OrderBy(m => m.StartsAt))
            .ToListAsync(ct);
        await db.AuditListAsync(nameof(Meeting), "", "", "calendar feed", meetings.Select(m => m.Id).ToList(), null, ct);
        return meetings;
    }
}

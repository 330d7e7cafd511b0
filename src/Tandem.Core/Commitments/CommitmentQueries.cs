using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;

namespace Tandem.Core.Commitments;

/// <summary>Reading commitments: the filtered list with overdue detection, one commitment with its reports and history.</summary>
public static class CommitmentQueries
{
    public static IQueryable<Commitment> Visible(this IQueryable<Commitment> commitments, TandemDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        var forums = ForumCommunity.ForumIds(db, actor);
        return commitments.Where(c => forums.Contains(c.ForumId));
    }

    /// <summary>Overdue: the due date has passed and the commitment is neither completed nor superseded.</summary>
    public static bool IsOverdue(DateOnly? due, CommitmentStatus status, DateOnly today) =>
        due is { } d && d < today && status != CommitmentStatus.Completed && status != CommitmentStatus.Superseded;

    public static IQueryable<CommitmentListItemDto> List(TandemDbContext db, Actor actor, CommitmentFilter? filter, DateOnly today) =>
        List(db, db.Set<Commitment>().AsNoTracking().Visible(db, actor), filter, today);

    /// <summary>
    /// The list over the reader's forums given as values rather than as a subquery: with one forum (the usual case) the
    /// database then walks the live-commitments index of that forum in code order, for the count and the page alike,
    /// instead of sorting every commitment of the forum for each page.
    /// </summary>
    /// <remarks>
    /// One forum is compared as a single value and several as one list parameter, never as a list spelled out value by
    /// value: EF Core cannot keep the SQL of a query whose list is spelled out, so it would render that SQL again for every
    /// request under a lock per query shape, and concurrent readers of the list would queue behind each other.
    /// </remarks>
    private static IQueryable<CommitmentListItemDto> List(TandemDbContext db, List<Guid> forumIds, CommitmentFilter? filter, DateOnly today)
    {
        var commitments = db.Set<Commitment>().AsNoTracking();
        if (forumIds.Count == 1)
        {
            var forumId = forumIds[0];
            commitments = commitments.Where(c => c.ForumId == forumId);
        }
        else
        {
            commitments = commitments.Where(c => EF.Parameter(forumIds).Contains(c.ForumId));
        }

        return List(db, commitments, filter, today);
    }

    private static IQueryable<CommitmentListItemDto> List(TandemDbContext db, IQueryable<Commitment> commitments, CommitmentFilter? filter, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (filter?.ForumId is { } forumId)
        {
            commitments = commitments.Where(c => c.ForumId == forumId);
        }

        if (filter?.Track is { Length: > 0 } track)
        {
            commitments = commitments.Where(c => c.Track!.Code == track || (c.TrackId == null && c.Area == track));
        }

        if (filter?.Status is { } status)
        {
            commitments = commitments.Where(c => c.Status == status);
        }

        if (filter?.Overdue is { } overdue)
        {
            commitments = overdue
                ? commitments.Where(c => c.DueDate != null && c.DueDate < today && c.Status != CommitmentStatus.Completed && c.Status != CommitmentStatus.Superseded)
                : commitments.Where(c => !(c.DueDate != null && c.DueDate < today && c.Status != CommitmentStatus.Completed && c.Status != CommitmentStatus.Superseded));
        }

        if (filter?.Party is { Length: > 0 } party)
        {
            var p = party.Trim().ToUpperInvariant();
            commitments = commitments.Where(c => c.Responsibilities.Any(r => r.Party == p));
        }

        if (filter?.Agency is { Length: > 0 } agency)
        {
            var a = agency.Trim();
            commitments = commitments.Where(c => c.Responsibilities.Any(r => r.Agency!.Code == a));
        }

        if (filter?.MeetingId is { } meetingId)
        {
            commitments = commitments.Where(c => c.SourceMeetingId == meetingId);
        }

        if (filter?.Search is { Length: > 0 } search)
        {
            var term = search.Trim().ToLower();
            var raw = search.Trim();
            commitments = commitments.Where(c => c.Code.ToLower().Contains(term) || c.TextEn.ToLower().Contains(term) || c.TextJa.Contains(raw));
        }

        commitments = filter?.Sort switch
        {
            "due" => commitments.OrderBy(c => c.DueDate == null).ThenBy(c => c.DueDate).ThenBy(c => c.Code),
            "progress" => commitments.OrderByDescending(c => c.Progress ?? -1).ThenBy(c => c.Code),
            "status" => commitments.OrderBy(c => c.Status).ThenBy(c => c.Code),
            "made" => commitments.OrderByDescending(c => c.MadeOn).ThenBy(c => c.Code),
            _ => commitments.OrderBy(c => c.Code).ThenBy(c => c.Id),
        };

        return Project(commitments, today);
    }

    internal static IQueryable<CommitmentListItemDto> Project(IQueryable<Commitment> commitments, DateOnly today) =>
        commitments.Select(c => new CommitmentListItemDto(c.Id, c.ForumId, c.Forum!.Code, c.Code, c.TextEn, c.TextJa, c.Track == null ? null : c.Track.Code, c.Area,
            c.Status, c.MadeOn, c.DueDate,
            c.DueDate != null && c.DueDate < today && c.Status != CommitmentStatus.Completed && c.Status != CommitmentStatus.Superseded,
            c.Progress,
            Array.Empty<string>(),
            c.Version));

    /// <summary>
    /// One page of the filtered list. The lead agencies are read by a second, indexed query for the
    /// page's ids only: as a correlated collection in the main query SQLite would join every
    /// responsibility row of the forum before paging.
    /// </summary>
    /// <summary>The tables the list's filters read besides the reader's forums, which are given as values.</summary>
    private static readonly string[] CountedTables = ["Commitment", "CommitmentResponsibilities", "Tracks", "Agencies"];

    public static async Task<Result<PagedList<CommitmentListItemDto>>> Page(TandemDbContext db, Actor actor, CommitmentFilter? filter, DateOnly today, int? page, int? pageSize,
        CancellationToken ct)
    {
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        // One connection for the request's four queries: each open and close of a pooled connection takes a process-wide lock
        // (SQLite's pool), which sixty-four concurrent readers otherwise queue for four times per page.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var forumIds = (await ForumCommunity.ForumIds(db, actor).ToListAsync(ct)).Order().ToList();
            var query = List(db, forumIds, filter, today);
            // The query is built from the forums, the filter and the day alone.
            var list = FormattableString.Invariant($"commitments|{string.Join(',', forumIds)}|{filter}|{today:yyyy-MM-dd}");
            var total = await ListTotals.CountAsync(db, query, CountedTables, list, ct);
            var items = await query.Skip(request.Value.Skip).Take(request.Value.PageSize).ToListAsync(ct);
            return new PagedList<CommitmentListItemDto>(await WithLeads(db, items, ct), request.Value.Page, request.Value.PageSize, total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<CommitmentListItemDto?> Find(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct)
    {
        var item = await Project(db.Set<Commitment>().AsNoTracking().Visible(db, actor).Where(c => c.Id == id), today).FirstOrDefaultAsync(ct);
        return item is null ? null : (await WithLeads(db, [item], ct))[0];
    }

    private static async Task<List<CommitmentListItemDto>> WithLeads(TandemDbContext db, List<CommitmentListItemDto> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.Id).ToList();
        // The page's ids as one list parameter: spelled out id by id, EF Core would render the SQL again for every request (see List).
        var leads = await db.Set<CommitmentResponsibility>().AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.CommitmentId) && r.Role == ResponsibilityRole.Lead)
            .Select(r => new { r.CommitmentId, r.Party, r.Agency!.Code }).ToListAsync(ct);
        return items.Select(i => i with
        {
            LeadAgencies = leads.Where(l => l.CommitmentId == i.Id).OrderBy(l => l.Party, StringComparer.Ordinal).Select(l => l.Code).ToList(),
        }).ToList();
    }

    public static async Task<Result<CommitmentDetailDto>> Get(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var commitment = await db.Set<Commitment>().AsNoTracking().Visible(db, actor).Where(c => c.Id == id)
            .Include(c => c.Track).Include(c => c.SourceMeeting).Include(c => c.Milestones)
            .Include(c => c.Responsibilities).ThenInclude(r => r.Agency)
            .AsSplitQuery().FirstOrDefaultAsync(ct);
        if (commitment is null)
        {
            return Error.NotFound("Commitment");
        }

        var item = (await Find(db, actor, id, today, ct))!;
        var responsibilities = commitment.Responsibilities.GroupBy(r => r.Party).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var lead = g.FirstOrDefault(r => r.Role == ResponsibilityRole.Lead);
                return new ResponsibilityDto(g.Key, lead?.Agency?.Code, lead?.AgencyId,
                    g.Where(r => r.Role == ResponsibilityRole.Supporting).Select(r => r.Agency!.Code).Order(StringComparer.Ordinal).ToList());
            }).ToList();
        var totalWeight = commitment.Milestones.Sum(m => m.Weight);
        var milestones = commitment.Milestones.OrderBy(m => m.Position)
            .Select(m => new MilestoneDto(m.Id, m.Position, m.TitleEn, m.TitleJa, m.Weight, ProgressRollup.Share(m.Weight, totalWeight), m.Progress, m.DueDate)).ToList();
        var reports = await Reports(db, actor, id, today, ct);
        var history = await History(db, id, ct);
        var source = new CommitmentSourceDto(commitment.SourceMeetingId, commitment.SourceMeeting?.TitleEn, commitment.SourceMeeting?.StartsAt, commitment.SourceOutcomeId,
            commitment.SourceStatement, commitment.SourceParagraph, commitment.SourceUrl, commitment.Confidence);

        // The view names the reports shown; a long list continues in further entries of the same request.
        var shown = ListReadAudit.Describe("reports", reports.Select(r => r.Id).ToList(), null);
        db.Audit(AuditAction.View, nameof(Commitment), id.ToString("D"), details: shown[0]);
        foreach (var more in shown.Skip(1))
        {
            db.Audit(AuditAction.List, nameof(ProgressReport), id.ToString("D"), details: more);
        }
        await db.SaveChangesAsync(ct);
        return new CommitmentDetailDto(item, commitment.TrackId, commitment.Track?.NameEn, source, responsibilities, milestones, ProgressRollup.Rule, reports, history,
            commitment.SupersededById);
    }

    /// <summary>Progress reports of a commitment that the reader may see (access policy in SQL), newest first.</summary>
    public static async Task<List<ProgressReportDto>> Reports(TandemDbContext db, Actor actor, Guid commitmentId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var viewer = Viewer.Of(actor, today);
        var rows = await db.Set<ProgressReport>().AsNoTracking().Where(r => r.CommitmentId == commitmentId).VisibleTo(viewer)
            .OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.CreatedAt)
            .Select(r => new { r.Id, r.CommitmentId, r.Agency!.Code, r.ReportedOn, r.Narrative, r.Percent, r.EvidenceLinks, r.Label, r.CreatedAt })
            .ToListAsync(ct);
        return rows.Select(r => new ProgressReportDto(r.Id, r.CommitmentId, r.Code, r.ReportedOn, r.Narrative, r.Percent, r.EvidenceLinks, r.Label.ToLabel().Marking, r.CreatedAt))
            .ToList();
    }

    /// <summary>The progress reports list on its own (not as part of the commitment's page): the same rows, and one audit entry naming them.</summary>
    public static async Task<List<ProgressReportDto>> ListReports(TandemDbContext db, Actor actor, Guid commitmentId, DateOnly today, CancellationToken ct)
    {
        var reports = await Reports(db, actor, commitmentId, today, ct);
        await db.AuditListAsync(nameof(ProgressReport), commitmentId.ToString("D"), "", $"commitment={commitmentId:D}", reports.Select(r => r.Id).ToList(), null, ct);
        return reports;
    }

    /// <summary>Every change of the commitment, read from the hash-chained audit log.</summary>
    public static Task<List<HistoryEntryDto>> History(TandemDbContext db, Guid commitmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = commitmentId.ToString("D");
        return db.AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == nameof(Commitment) && e.ObjectId == key && e.Action != AuditAction.View)
            .OrderBy(e => e.Sequence)
            .Select(e => new HistoryEntryDto(e.Sequence, e.At, e.ActorName, e.ActorAgency, e.Action, e.Details))
            .ToListAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Consultation;

/// <summary>Lists and reads calls for input, through <see cref="ConsultationAccess"/>.</summary>
public static class CallQueries
{
    public static async Task<Result<PagedList<CallSummaryDto>>> List(TandemDbContext db, Actor actor, TimeProvider clock, Guid? trackId, CallState? state,
        int? page, int? pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var viewer = ConsultationAccess.ViewerOf(actor, clock);
        var organisation = await ConsultationAccess.OrganisationOf(db, actor, ct);
        var query = ConsultationAccess.VisibleCalls(db, actor, organisation, viewer);
        if (trackId is { } track)
        {
            query = query.Where(c => c.TrackId == track);
        }

        if (state is { } s)
        {
            query = query.Where(c => c.State == s);
        }

        var total = await query.CountAsync(ct);
        var calls = await query.OrderByDescending(c => c.OpensAt).ThenBy(c => c.Id).Skip(request.Value.Skip).Take(request.Value.PageSize).ToListAsync(ct);
        var ids = calls.Select(c => c.Id).ToList();
        var tracks = await TrackCodes(db, calls.Select(c => c.TrackId), ct);
        var counts = await ConsultationAccess.VisibleSubmissions(db, actor, viewer).Where(x => ids.Contains(x.CallId))
            .GroupBy(x => x.CallId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Audit(AuditAction.List, nameof(CallForInput), "", details: $"page {request.Value.Page}, {calls.Count} of {total}");
        await db.SaveChangesAsync(ct);
        var items = calls.Select(c => new CallSummaryDto(c.Id, tracks.GetValueOrDefault(c.TrackId).Track ?? "", tracks.GetValueOrDefault(c.TrackId).Forum ?? "",
            c.TitleEn, c.TitleJa, c.State, c.IsAccepting(now), c.OpensAt, c.ClosesAt, c.Audience, Markings.Of(c.Label), counts.GetValueOrDefault(c.Id))).ToList();
        return new PagedList<CallSummaryDto>(items, request.Value.Page, request.Value.PageSize, total);
    }

    public static async Task<Result<CallDto>> Get(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var found = await ConsultationAccess.FindCall(db, actor, clock, id, AuditAction.View, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        db.Audit(AuditAction.View, nameof(CallForInput), id.ToString("D"), label: Markings.Of(found.Value.Label));
        await db.SaveChangesAsync(ct);
        return await ToDto(db, actor, found.Value, ct, clock);
    }

    internal static async Task<CallDto> ToDto(TandemDbContext db, Actor actor, CallForInput call, CancellationToken ct, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var track = await db.Tracks.AsNoTracking().IgnoreQueryFilters().Where(t => t.Id == call.TrackId)
            .Select(t => new { t.Code, t.NameEn, t.NameJa, Forum = t.Forum!.Code }).FirstAsync(ct);
        var parties = await ForumParties(db, call.ForumId, ct);
        OwnSubmissionDto? mine = null;
        if (actor.IsPrivateSector && await ConsultationAccess.OrganisationOf(db, actor, ct) is { } organisation)
        {
            mine = await db.Set<Submission>().AsNoTracking().Where(s => s.CallId == call.Id && s.OrganisationId == organisation.Id)
                .Select(s => new OwnSubmissionDto(s.Id, s.State, s.Reference, s.SubmittedRevision, s.WorkingRevision > s.SubmittedRevision, s.SubmittedAt))
                .FirstOrDefaultAsync(ct);
        }

        var summary = await PublishSummary.Find(db, call.Id, ct);
        var questions = call.Questions.OrderBy(q => q.Number)
            .Select(q => new QuestionDto(q.Id, q.Number, q.Kind, q.TextEn, q.TextJa, q.Required, q.Options, q.Min, q.Max, q.MaxLength)).ToList();
        var invited = ConsultationAccess.IsSecretariat(actor) ? call.Invitations.Select(i => i.OrganisationId).ToList() : [];
        return new CallDto(call.Id, call.TrackId, track.Code, track.NameEn, track.NameJa, call.ForumId, track.Forum, call.TitleEn, call.TitleJa,
            call.DescriptionEn, call.DescriptionJa, call.OpensAt, call.ClosesAt, CapitalTimes(parties, call.OpensAt, call.ClosesAt), call.Audience, invited,
            call.State, call.IsAccepting(now), Markings.Of(call.Label), questions, parties.Select(p => p.Party).ToList(), mine, summary, call.Version);
    }

    internal static async Task<List<(string Party, string TimeZone)>> ForumParties(TandemDbContext db, Guid forumId, CancellationToken ct)
    {
        var rows = await (from forumParty in db.ForumParties
                          join party in db.Parties on forumParty.Party equals party.Iso3
                          where forumParty.ForumId == forumId
                          orderby forumParty.Party
                          select new { forumParty.Party, party.CapitalTimeZone }).ToListAsync(ct);
        return rows.Select(r => (r.Party, r.CapitalTimeZone)).ToList();
    }

    /// <summary>The opening and closing instants in every forum party's capital zone (UTC where a zone is unknown).</summary>
    public static IReadOnlyList<CapitalTimeDto> CapitalTimes(IEnumerable<(string Party, string TimeZone)> parties, DateTime opensAt, DateTime closesAt)
    {
        ArgumentNullException.ThrowIfNull(parties);
        return parties.Select(p =>
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(p.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            return new CapitalTimeDto(p.Party, zone == TimeZoneInfo.Utc ? "UTC" : p.TimeZone, Local(opensAt, zone), Local(closesAt, zone));
        }).ToList();
    }

    private static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return TimeZoneInfo.ConvertTime(instant, zone);
    }

    internal static async Task<Dictionary<Guid, (string? Track, string? Forum)>> TrackCodes(TandemDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var rows = await db.Tracks.AsNoTracking().IgnoreQueryFilters().Where(t => list.Contains(t.Id))
            .Select(t => new { t.Id, t.Code, Forum = t.Forum!.Code }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => ((string?)r.Code, (string?)r.Forum));
    }
}

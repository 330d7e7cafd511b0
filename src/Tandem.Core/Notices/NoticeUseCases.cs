using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Notifications;
using Tandem.Core.Reference;
using Tandem.Core.Sharing;

namespace Tandem.Core.Notices;

public sealed record NoticeSummaryDto(Guid Id, string Title, Guid ForumId, string ForumCode, string NotifyingParty, string NotifyingAgency, string SourceCountry,
    IReadOnlyList<string> Products, string Basket, NoticeState State, DateTime SubmittedAt, NoticeClockDto Clock, ExposureStatus ExposureStatus, string Marking);

public sealed record NoticeDto(Guid Id, string Title, Guid ForumId, string ForumCode, string NotifyingParty, string NotifyingAgency, IReadOnlyList<string> Products,
    string Basket, IReadOnlyList<string> Sectors, string SourceCountry, string Cause, string Impact, string ExpectedDuration, string MeasuresTaken,
    string AssistanceSought, NoticeState State, DateTime SubmittedAt, NoticeClockDto Clock, DateTime? AcknowledgedAt, string AcknowledgedByParty,
    DateOnly? MeetingDate, Tier? MeetingTier, Guid? MeetingId, DateOnly? HeldOn, DateTime? ClosedAt, string Outcome, ExposureStatus ExposureStatus,
    string ExposureNote, ExposureViewDto? Exposure, NoticePermissions Can, string Marking, int Version);

/// <summary>What the reader may do next with a notice (pages show only these actions; the use cases check again).</summary>
public sealed record NoticePermissions(bool Edit, bool Acknowledge, bool Schedule, bool RecordHeld, bool Close, bool ComputeExposure);

public sealed record NoticeInput(
    Guid? ForumId,
    string? ForumCode,
    string? Title,
    IReadOnlyList<string>? Products,
    string? Basket,
    IReadOnlyList<string>? Sectors,
    string? SourceCountry,
    string? Cause,
    string? Impact,
    string? ExpectedDuration,
    string? MeasuresTaken,
    string? AssistanceSought,
    LabelInput? Label = null,
    int? Version = null);

public sealed record ScheduleMeetingInput(DateOnly? MeetingDate, Tier? Tier, Guid? MeetingId = null, int? Version = null);

public sealed record RecordHeldInput(DateOnly? HeldOn, int? Version = null);

public sealed record CloseNoticeInput(string? Outcome, int? Version = null);

public sealed record VersionInput(int? Version = null);

public sealed record NoticeFilter(NoticeState? State = null, bool? Overdue = null, Guid? ForumId = null, string? Search = null);

/// <summary>Disruption notices (C8): submit, list and read through the access policy, and move through their states.</summary>
public static class NoticeUseCases
{
    public const int TextLength = 4000;

    public static async Task<Result<NoticeDto>> Submit(TandemDbContext db, Actor actor, NoticeInput input, ProductCatalog catalog, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        if (actor.UserId is not { } author || actor.AgencyId is not { } agency || string.IsNullOrEmpty(actor.Party) || !IsOfficer(actor))
        {
            return Error.Forbidden("Only officers of a party's agencies may submit disruption notices.");
        }

        var validation = new Validation();
        var forum = await ResolveForum(db, input, validation, ct);
        if (forum is not null && !forum.Parties.Any(p => p.Party == actor.Party))
        {
            return Error.Forbidden($"{actor.Party} is not a party of {forum.Code}: only its parties notify it.");
        }

        var products = Validate(validation, input, catalog);
        var label = Label.Create(input.Label ?? new LabelInput(Tlp.Green), agency, actor.Party, author);
        CopyErrors(label.Error, validation);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var notice = new DisruptionNotice
        {
            ForumId = forum!.Id,
            NotifyingParty = actor.Party,
            NotifyingAgencyId = agency,
            SubmittedBy = author,
            State = NoticeState.Submitted,
            SubmittedAt = now,
            MeetingDays = forum.EmergencyMeetingDays,
            Deadline = NoticeClock.Deadline(now, forum.EmergencyMeetingDays),
            Label = LabelData.From(label.Value),
        };
        Apply(notice, input, products);
        db.Set<DisruptionNotice>().Add(notice);
        var told = await NotificationClock.NoticeRecipients(db, notice, DateOnly.FromDateTime(now), author, ct);
        var deadline = notice.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        NotificationUseCases.Send(db, told, NotificationKinds.NoticeFiled, $"Disruption notice from {notice.NotifyingParty} (meeting due by {deadline}): {notice.Title}",
            $"{notice.NotifyingParty} からの供給途絶通報（会合期限 {deadline}）: {notice.Title}", $"/notices/{notice.Id:D}", now, NotificationAudience.IsRestricted(notice.Label));
        await db.SaveChangesAsync(ct);
        return (await Get(db, actor, notice.Id, DateOnly.FromDateTime(now), ct, audit: false)).Value;
    }

    /// <summary>The notifying agency may correct its notice until a meeting is scheduled; the clock does not restart.</summary>
    public static async Task<Result<NoticeDto>> Update(TandemDbContext db, Actor actor, Guid id, NoticeInput input, ProductCatalog catalog, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        var today = DateOnly.FromDateTime(now);
        var notice = await Find(db, actor, id, today, ct);
        if (notice is null)
        {
            return Error.NotFound("Notice");
        }

        if (actor.AgencyId != notice.NotifyingAgencyId || !IsOfficer(actor))
        {
            return Error.Forbidden("Only the notifying agency may edit its notice.");
        }

        if (!NoticeClock.IsAwaitingMeeting(notice.State))
        {
            return Error.Conflict($"The notice is {notice.State}: it can be edited only until an emergency meeting is scheduled.");
        }

        var validation = new Validation().Version(input.Version);
        var products = Validate(validation, input, catalog);
        if (input.Label is not null)
        {
            validation.Add("label", "Change a notice's label through the label action of the originating agency, not with an edit.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, notice, input.Version!.Value, () => Apply(notice, input, products), () => true, ct);
        return saved.Succeeded ? (await Get(db, actor, id, today, ct, audit: false)).Value : saved.Error!;
    }

    public static async Task<Result<NoticeDto>> Acknowledge(TandemDbContext db, Actor actor, Guid id, int? version, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        var notice = await Find(db, actor, id, today, ct);
        if (notice is null)
        {
            return Error.NotFound("Notice");
        }

        if (!CanAcknowledge(actor, notice))
        {
            return Error.Forbidden("The notice is acknowledged by another party of the forum.");
        }

        if (notice.State != NoticeState.Submitted)
        {
            return Error.Conflict($"The notice is {notice.State}: only a submitted notice can be acknowledged.");
        }

        return await Save(db, actor, notice, version, () =>
        {
            notice.State = NoticeState.Acknowledged;
            notice.AcknowledgedAt = now;
            notice.AcknowledgedByParty = actor.Party ?? "";
        }, today, ct);
    }

    public static async Task<Result<NoticeDto>> ScheduleMeeting(TandemDbContext db, Actor actor, Guid id, ScheduleMeetingInput input, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = DateOnly.FromDateTime(now);
        var notice = await Find(db, actor, id, today, ct);
        if (notice is null)
        {
            return Error.NotFound("Notice");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat schedules emergency meetings.");
        }

        if (!NoticeClock.IsAwaitingMeeting(notice.State))
        {
            return Error.Conflict($"The notice is {notice.State}: a meeting can be scheduled only for a submitted or acknowledged notice.");
        }

        var validation = new Validation().Version(input.Version);
        if (input.MeetingDate is null)
        {
            validation.Add("meetingDate", "meetingDate is required (yyyy-MM-dd).");
        }
        else if (input.MeetingDate < DateOnly.FromDateTime(notice.SubmittedAt))
        {
            validation.Add("meetingDate", "meetingDate cannot be before the notice was submitted.");
        }

        if (input.Tier is null)
        {
            validation.Add("tier", $"tier is required: {string.Join(", ", Enum.GetNames<Tier>())}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await Save(db, actor, notice, input.Version, () =>
        {
            notice.State = NoticeState.EmergencyMeetingScheduled;
            notice.ScheduledAt = now;
            notice.MeetingDate = input.MeetingDate;
            notice.MeetingTier = input.Tier;
            notice.MeetingId = input.MeetingId;
        }, today, ct);
    }

    public static async Task<Result<NoticeDto>> RecordHeld(TandemDbContext db, Actor actor, Guid id, RecordHeldInput input, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = DateOnly.FromDateTime(now);
        var notice = await Find(db, actor, id, today, ct);
        if (notice is null)
        {
            return Error.NotFound("Notice");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat records emergency meetings as held.");
        }

        if (notice.State != NoticeState.EmergencyMeetingScheduled)
        {
            return Error.Conflict($"The notice is {notice.State}: a meeting can be recorded as held only once it is scheduled.");
        }

        var validation = new Validation().Version(input.Version);
        if (input.HeldOn is null)
        {
            validation.Add("heldOn", "heldOn is required (yyyy-MM-dd).");
        }
        else if (input.HeldOn > today)
        {
            validation.Add("heldOn", "heldOn cannot be in the future.");
        }
        else if (input.HeldOn < DateOnly.FromDateTime(notice.SubmittedAt))
        {
            validation.Add("heldOn", "heldOn cannot be before the notice was submitted.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await Save(db, actor, notice, input.Version, () =>
        {
            notice.State = NoticeState.Held;
            notice.HeldOn = input.HeldOn;
        }, today, ct);
    }

    public static async Task<Result<NoticeDto>> Close(TandemDbContext db, Actor actor, Guid id, CloseNoticeInput input, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = DateOnly.FromDateTime(now);
        var notice = await Find(db, actor, id, today, ct);
        if (notice is null)
        {
            return Error.NotFound("Notice");
        }

        if (!actor.CanManageForum && actor.AgencyId != notice.NotifyingAgencyId)
        {
            return Error.Forbidden("The secretariat or the notifying agency closes a notice.");
        }

        if (notice.State == NoticeState.Closed)
        {
            return Error.Conflict("The notice is already closed.");
        }

        if (notice.State == NoticeState.EmergencyMeetingScheduled)
        {
            return Error.Conflict("The emergency meeting is scheduled: record it as held before closing the notice.");
        }

        var validation = new Validation().Version(input.Version).Required("outcome", input.Outcome, TextLength);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await Save(db, actor, notice, input.Version, () =>
        {
            notice.State = NoticeState.Closed;
            notice.ClosedAt = now;
            notice.Outcome = input.Outcome!.Trim();
        }, today, ct);
    }

    public static async Task<Result<PagedList<NoticeSummaryDto>>> List(TandemDbContext db, Actor actor, NoticeFilter filter, int? page, int? pageSize, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var query = db.Set<DisruptionNotice>().AsNoTracking().VisibleTo(Viewer.Of(actor, today));
        if (filter.State is { } state)
        {
            query = query.Where(n => n.State == state);
        }

        if (filter.ForumId is { } forum)
        {
            query = query.Where(n => n.ForumId == forum);
        }

        if (filter.Overdue is { } overdue)
        {
            query = overdue
                ? query.Where(n => (n.State == NoticeState.Submitted || n.State == NoticeState.Acknowledged) && n.Deadline < today)
                : query.Where(n => !((n.State == NoticeState.Submitted || n.State == NoticeState.Acknowledged) && n.Deadline < today));
        }

        if (filter.Search is { Length: > 0 } search)
        {
            var term = search.Trim().ToLower();
            query = query.Where(n => n.Title.ToLower().Contains(term) || n.Cause.ToLower().Contains(term));
        }

        var total = await query.CountAsync(ct);
        var notices = await query.OrderByDescending(n => n.SubmittedAt).Skip(request.Value.Skip).Take(request.Value.PageSize).Include(n => n.Forum).ToListAsync(ct);
        var rows = await Summaries(db, notices, today, ct);
        db.Audit(AuditAction.List, nameof(DisruptionNotice), "", details: $"page {request.Value.Page}, {rows.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return new PagedList<NoticeSummaryDto>(rows, request.Value.Page, request.Value.PageSize, total);
    }

    /// <summary>Notices still waiting for an emergency meeting, the nearest deadline first; overdue ones are flagged.</summary>
    public static async Task<List<NoticeSummaryDto>> Due(TandemDbContext db, Actor actor, DateOnly asOf, bool overdueOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<DisruptionNotice>().AsNoTracking().VisibleTo(Viewer.Of(actor, asOf))
            .Where(n => n.State == NoticeState.Submitted || n.State == NoticeState.Acknowledged);
        if (overdueOnly)
        {
            query = query.Where(n => n.Deadline < asOf);
        }

        var notices = await query.OrderBy(n => n.Deadline).ThenBy(n => n.SubmittedAt).Include(n => n.Forum).Take(500).ToListAsync(ct);
        var rows = await Summaries(db, notices, asOf, ct);
        db.Audit(AuditAction.List, nameof(DisruptionNotice), "", details: $"due as of {asOf:yyyy-MM-dd}: {rows.Count}, {rows.Count(r => r.Clock.Overdue)} overdue");
        await db.SaveChangesAsync(ct);
        return rows;
    }

    /// <summary>
    /// Every notice waiting for a meeting, for the operator's command line: only what the deadline
    /// needs (no titles or contents unless the label is public), so the listing discloses no content.
    /// </summary>
    public static async Task<List<NoticeSummaryDto>> DueForOperator(TandemDbContext db, DateOnly asOf, bool overdueOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<DisruptionNotice>().AsNoTracking().Where(n => n.State == NoticeState.Submitted || n.State == NoticeState.Acknowledged);
        if (overdueOnly)
        {
            query = query.Where(n => n.Deadline < asOf);
        }

        var notices = await query.OrderBy(n => n.Deadline).Include(n => n.Forum).Take(500).ToListAsync(ct);
        var rows = (await Summaries(db, notices, asOf, ct))
            .Select(r => r.Marking == Tlp.Clear.Marking() ? r : r with { Title = "(withheld: " + r.Marking + ")", Products = [], Basket = "", SourceCountry = "" })
            .ToList();
        db.Audit(AuditAction.List, nameof(DisruptionNotice), "", details: $"operator due list as of {asOf:yyyy-MM-dd}: {rows.Count}");
        await db.SaveChangesAsync(ct);
        return rows;
    }

    public static async Task<Result<NoticeDto>> Get(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct, bool audit = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var notice = await db.Set<DisruptionNotice>().AsNoTracking().Include(n => n.Forum).FirstOrDefaultAsync(n => n.Id == id, ct);
        var marking = await GuardedRead.Check(db, Viewer.Of(actor, today), notice?.Label, nameof(DisruptionNotice), id, audit, ct);
        if (notice is null || marking is null)
        {
            return Error.NotFound("Notice");
        }

        var agency = await db.Agencies.IgnoreQueryFilters().Where(a => a.Id == notice.NotifyingAgencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
        var exposure = await NoticeExposure.Read(db, actor, notice, today, ct);
        var awaiting = NoticeClock.IsAwaitingMeeting(notice.State);
        var can = new NoticePermissions(
            Edit: awaiting && actor.AgencyId == notice.NotifyingAgencyId && IsOfficer(actor),
            Acknowledge: notice.State == NoticeState.Submitted && CanAcknowledge(actor, notice),
            Schedule: awaiting && actor.CanManageForum,
            RecordHeld: notice.State == NoticeState.EmergencyMeetingScheduled && actor.CanManageForum,
            Close: notice.State is not (NoticeState.Closed or NoticeState.EmergencyMeetingScheduled) && (actor.CanManageForum || actor.AgencyId == notice.NotifyingAgencyId),
            ComputeExposure: NoticeExposure.CanCompute(actor, notice));
        return new NoticeDto(notice.Id, notice.Title, notice.ForumId, notice.Forum?.Code ?? "", notice.NotifyingParty, agency, notice.Products, notice.Basket,
            notice.Sectors, notice.SourceCountry, notice.Cause, notice.Impact, notice.ExpectedDuration, notice.MeasuresTaken, notice.AssistanceSought,
            notice.State, notice.SubmittedAt, NoticeClock.Of(notice, today), notice.AcknowledgedAt, notice.AcknowledgedByParty, notice.MeetingDate,
            notice.MeetingTier, notice.MeetingId, notice.HeldOn, notice.ClosedAt, notice.Outcome, notice.ExposureStatus, notice.ExposureNote, exposure, can,
            marking, notice.Version);
    }

    internal static bool IsOfficer(Actor actor) =>
        actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Secretariat) || actor.IsInRole(Roles.Member) || actor.IsInRole(Roles.Analyst);

    /// <summary>The notice, tracked, if the reader may see it; null otherwise (the caller answers NotFound either way).</summary>
    internal static async Task<DisruptionNotice?> Find(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var notice = await db.Set<DisruptionNotice>().Include(n => n.Forum).ThenInclude(f => f!.Parties).FirstOrDefaultAsync(n => n.Id == id, ct);
        return notice is not null && AccessPolicy.CanSee(Viewer.Of(actor, today), notice.Label) ? notice : null;
    }

    internal static void CopyErrors(Error? error, Validation validation)
    {
        foreach (var (field, messages) in error?.Fields ?? new Dictionary<string, string[]>())
        {
            messages.ToList().ForEach(m => validation.Add(field, m));
        }
    }

    internal static async Task<Forum?> ResolveForum(TandemDbContext db, NoticeInput input, Validation validation, CancellationToken ct) =>
        await ResolveForum(db, input.ForumId, input.ForumCode, validation, ct);

    internal static async Task<Forum?> ResolveForum(TandemDbContext db, Guid? forumId, string? forumCode, Validation validation, CancellationToken ct)
    {
        Forum? forum = null;
        if (forumId is { } fid)
        {
            forum = await db.Forums.Include(f => f.Parties).FirstOrDefaultAsync(f => f.Id == fid, ct);
        }
        else if (!string.IsNullOrWhiteSpace(forumCode))
        {
            var code = forumCode.Trim().ToUpperInvariant();
            forum = await db.Forums.Include(f => f.Parties).FirstOrDefaultAsync(f => f.Code == code, ct);
        }
        else
        {
            validation.Add("forumId", "forumId (or forumCode) is required: the forum the notice is addressed to.");
            return null;
        }

        if (forum is null)
        {
            validation.Add("forumId", "The forum does not exist.");
        }

        return forum;
    }

    private static bool CanAcknowledge(Actor actor, DisruptionNotice notice) =>
        IsOfficer(actor) && actor.Party is { Length: > 0 } party && party != notice.NotifyingParty
        && (notice.Forum?.Parties.Any(p => p.Party == party) ?? false);

    private static List<string> Validate(Validation validation, NoticeInput input, ProductCatalog catalog)
    {
        validation.Required("title", input.Title, 300)
            .Required("impact", input.Impact, TextLength)
            .Required("cause", input.Cause, TextLength)
            .Optional("expectedDuration", input.ExpectedDuration, 300)
            .Optional("measuresTaken", input.MeasuresTaken, TextLength)
            .Optional("assistanceSought", input.AssistanceSought, TextLength);
        var source = input.SourceCountry?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(source))
        {
            validation.Add("sourceCountry", "sourceCountry is required: the ISO 3166 alpha-3 code of the country the disruption comes from.");
        }
        else if (!IsoCountries.IsKnown(source))
        {
            validation.Add("sourceCountry", $"sourceCountry '{ForumRules.Truncate(source)}' is not an ISO 3166 alpha-3 country code.");
        }

        var sectors = input.Sectors ?? [];
        if (sectors.Count > 20 || sectors.Any(s => s is null || s.Length > 100))
        {
            validation.Add("sectors", "sectors: at most 20, each at most 100 characters.");
        }

        return catalog.Check(validation, input.Products, input.Basket, required: true);
    }

    private static void Apply(DisruptionNotice notice, NoticeInput input, List<string> products)
    {
        notice.Title = input.Title!.Trim();
        notice.Products = products;
        notice.Basket = input.Basket?.Trim().ToLowerInvariant() ?? "";
        notice.Sectors = (input.Sectors ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        notice.SourceCountry = input.SourceCountry!.Trim().ToUpperInvariant();
        notice.Cause = input.Cause!.Trim();
        notice.Impact = input.Impact!.Trim();
        notice.ExpectedDuration = input.ExpectedDuration?.Trim() ?? "";
        notice.MeasuresTaken = input.MeasuresTaken?.Trim() ?? "";
        notice.AssistanceSought = input.AssistanceSought?.Trim() ?? "";
    }

    private static async Task<Result<NoticeDto>> Save(TandemDbContext db, Actor actor, DisruptionNotice notice, int? version, Action change, DateOnly today, CancellationToken ct)
    {
        if (version is null or < 1)
        {
            return Error.Invalid("version", "version is required: send the version you loaded, so concurrent changes are detected.");
        }

        var saved = await Concurrency.SaveAsync(db, notice, version.Value, change, () => true, ct);
        return saved.Succeeded ? (await Get(db, actor, notice.Id, today, ct, audit: false)).Value : saved.Error!;
    }

    private static async Task<List<NoticeSummaryDto>> Summaries(TandemDbContext db, List<DisruptionNotice> notices, DateOnly today, CancellationToken ct)
    {
        var ids = notices.Select(n => n.NotifyingAgencyId).Distinct().ToList();
        var agencies = await db.Agencies.IgnoreQueryFilters().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        return notices.Select(n => new NoticeSummaryDto(n.Id, n.Title, n.ForumId, n.Forum?.Code ?? "", n.NotifyingParty, agencies.GetValueOrDefault(n.NotifyingAgencyId, ""),
            n.SourceCountry, n.Products, n.Basket, n.State, n.SubmittedAt, NoticeClock.Of(n, today), n.ExposureStatus, n.Label.ToLabel().Marking)).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Notifications;
using Tandem.Core.Reference;
using Tandem.Core.Sharing;

namespace Tandem.Core.Notices;

public sealed record CoercionPhaseEntryDto(CoercionPhase Phase, string Notes, IReadOnlyList<Guid> DocumentIds, DateTime RecordedAt, string AgencyCode);

public sealed record CoercionSummaryDto(Guid Id, string Title, string ForumCode, string TargetParty, string CoercingParty, IReadOnlyList<CoercionMeasure> Measures,
    DateOnly StartedOn, DateOnly? EndedOn, CoercionPhase Phase, string Marking);

public sealed record CoercionDto(Guid Id, string Title, Guid ForumId, string ForumCode, string TargetParty, string CoercingParty, IReadOnlyList<CoercionMeasure> Measures,
    IReadOnlyList<string> Products, string Description, DateOnly StartedOn, DateOnly? EndedOn, CoercionPhase Phase, string ReporterAgency,
    IReadOnlyList<CoercionPhaseEntryDto> Entries, bool CanEdit, string Marking, int Version);

public sealed record CoercionInput(
    Guid? ForumId,
    string? ForumCode,
    string? Title,
    string? TargetParty,
    string? CoercingParty,
    IReadOnlyList<CoercionMeasure>? Measures,
    IReadOnlyList<string>? Products,
    string? Description,
    DateOnly? StartedOn,
    DateOnly? EndedOn = null,
    string? Notes = null,
    LabelInput? Label = null,
    int? Version = null);

public sealed record CoercionPhaseInput(CoercionPhase? Phase, string? Notes, IReadOnlyList<Guid>? DocumentIds = null, int? Version = null);

/// <summary>
/// Economic-coercion incidents (C8, on the model of the G7 Coordination Platform on Economic
/// Coercion): reported as an early warning, then worked through information sharing, joint
/// assessment and a coordinated response, one phase after another, with notes at every step.
/// </summary>
public static class CoercionUseCases
{
    public static async Task<Result<CoercionDto>> Report(TandemDbContext db, Actor actor, CoercionInput input, ProductCatalog catalog, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        if (actor.UserId is not { } author || actor.AgencyId is not { } agency || string.IsNullOrEmpty(actor.Party) || !NoticeUseCases.IsOfficer(actor))
        {
            return Error.Forbidden("Only officers of a party's agencies may report economic coercion.");
        }

        var validation = new Validation();
        var forum = await NoticeUseCases.ResolveForum(db, input.ForumId, input.ForumCode, validation, ct);
        if (forum is not null && !forum.Parties.Any(p => p.Party == actor.Party))
        {
            return Error.Forbidden($"{actor.Party} is not a party of {forum.Code}.");
        }

        var products = Validate(validation, input, forum, catalog);
        validation.Optional("notes", input.Notes, NoticeUseCases.TextLength);
        var label = Label.Create(input.Label ?? new LabelInput(Tlp.Green), agency, actor.Party, author);
        NoticeUseCases.CopyErrors(label.Error, validation);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var incident = new CoercionIncident
        {
            ForumId = forum!.Id,
            Phase = CoercionPhase.EarlyWarning,
            ReporterAgencyId = agency,
            Label = LabelData.From(label.Value),
        };
        Apply(incident, input, products);
        incident.Entries.Add(new CoercionPhaseEntry
        {
            IncidentId = incident.Id,
            Phase = CoercionPhase.EarlyWarning,
            Notes = input.Notes?.Trim() ?? "",
            RecordedAt = now,
            RecordedBy = author,
            AgencyCode = await AgencyCode(db, agency, ct),
        });
        db.Set<CoercionIncident>().Add(incident);
        var told = await NotificationAudience.WhoMaySee(db, NotificationAudience.OfForum(db, incident.ForumId).Where(u => u.AgencyId != agency), incident.Label,
            DateOnly.FromDateTime(now), ct, author);
        NotificationUseCases.Send(db, told, NotificationKinds.CoercionReported, $"Economic coercion reported: {incident.Title}", $"経済的威圧の報告: {incident.Title}",
            $"/coercion/{incident.Id:D}", now, NotificationAudience.IsRestricted(incident.Label));
        await db.SaveChangesAsync(ct);
        return (await Get(db, actor, incident.Id, DateOnly.FromDateTime(now), ct, audit: false)).Value;
    }

    public static async Task<Result<CoercionDto>> Update(TandemDbContext db, Actor actor, Guid id, CoercionInput input, ProductCatalog catalog, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        var today = DateOnly.FromDateTime(now);
        var incident = await Find(db, actor, id, today, ct);
        if (incident is null)
        {
            return Error.NotFound("Incident");
        }

        if (!CanEdit(actor, incident))
        {
            return Error.Forbidden("The reporting agency or the secretariat edits an incident.");
        }

        var validation = new Validation().Version(input.Version);
        var products = Validate(validation, input with { ForumId = incident.ForumId }, incident.Forum, catalog);
        if (input.Label is not null)
        {
            validation.Add("label", "Change an incident's label through the label action of the originating agency, not with an edit.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, incident, input.Version!.Value, () => Apply(incident, input, products), () => true, ct);
        return saved.Succeeded ? (await Get(db, actor, id, today, ct, audit: false)).Value : saved.Error!;
    }

    /// <summary>Adds notes to the current phase, or moves to the next one: phases are never skipped or reversed.</summary>
    public static async Task<Result<CoercionDto>> RecordPhase(TandemDbContext db, Actor actor, Guid id, CoercionPhaseInput input, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var today = DateOnly.FromDateTime(now);
        var incident = await Find(db, actor, id, today, ct);
        if (incident is null)
        {
            return Error.NotFound("Incident");
        }

        if (actor.UserId is not { } author || actor.AgencyId is not { } agency || !NoticeUseCases.IsOfficer(actor)
            || !(incident.Forum?.Parties.Any(p => p.Party == actor.Party) ?? false))
        {
            return Error.Forbidden("Officers of the forum's parties record the phases of an incident.");
        }

        var validation = new Validation().Version(input.Version).Required("notes", input.Notes, NoticeUseCases.TextLength);
        if (input.Phase is null || !Enum.IsDefined(input.Phase.Value))
        {
            validation.Add("phase", $"phase is required: {string.Join(", ", Enum.GetNames<CoercionPhase>())}.");
        }

        if ((input.DocumentIds?.Count ?? 0) > 50)
        {
            validation.Add("documentIds", "documentIds: at most 50 documents per entry.");
        }
        else if (input.DocumentIds is { Count: > 0 } documents)
        {
            // Every reader of the incident reads its phase entries: each document they cite must be readable by all of them.
            await DocumentLinks.Check(db, Viewer.Of(actor, today), incident.Label.ToLabel(), documents, "documentIds", "the incident", validation, ct);
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var phase = input.Phase!.Value;
        if (phase < incident.Phase)
        {
            return Error.Conflict($"The incident is in {incident.Phase}: it does not go back to {phase}.");
        }

        if (phase > incident.Phase + 1)
        {
            return Error.Conflict($"The incident is in {incident.Phase}: the next phase is {incident.Phase + 1}, phases are not skipped.");
        }

        var code = await AgencyCode(db, agency, ct);
        var saved = await Concurrency.SaveAsync(db, incident, input.Version!.Value, () =>
        {
            incident.Phase = phase;
            incident.Entries.Add(new CoercionPhaseEntry
            {
                IncidentId = incident.Id,
                Phase = phase,
                Notes = input.Notes!.Trim(),
                DocumentIds = (input.DocumentIds ?? []).Distinct().ToList(),
                RecordedAt = now,
                RecordedBy = author,
                AgencyCode = code,
            });
            db.Entry(incident).State = EntityState.Modified;
        }, () => true, ct);
        return saved.Succeeded ? (await Get(db, actor, id, today, ct, audit: false)).Value : saved.Error!;
    }

    public static async Task<Result<PagedList<CoercionSummaryDto>>> List(TandemDbContext db, Actor actor, CoercionPhase? phase, int? page, int? pageSize, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var query = db.Set<CoercionIncident>().AsNoTracking().VisibleTo(Viewer.Of(actor, today));
        if (phase is { } p)
        {
            query = query.Where(i => i.Phase == p);
        }

        var total = await query.CountAsync(ct);
        var incidents = await query.OrderByDescending(i => i.StartedOn).ThenByDescending(i => i.CreatedAt).Skip(request.Value.Skip).Take(request.Value.PageSize)
            .Include(i => i.Forum).ToListAsync(ct);
        db.Audit(AuditAction.List, nameof(CoercionIncident), "", details: $"page {request.Value.Page}, {incidents.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return new PagedList<CoercionSummaryDto>(incidents.Select(i => new CoercionSummaryDto(i.Id, i.Title, i.Forum?.Code ?? "", i.TargetParty, i.CoercingParty,
            i.Measures, i.StartedOn, i.EndedOn, i.Phase, i.Label.ToLabel().Marking)).ToList(), request.Value.Page, request.Value.PageSize, total);
    }

    public static async Task<Result<CoercionDto>> Get(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct, bool audit = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var incident = await db.Set<CoercionIncident>().AsNoTracking().Include(i => i.Forum).Include(i => i.Entries).FirstOrDefaultAsync(i => i.Id == id, ct);
        var marking = await GuardedRead.Check(db, Viewer.Of(actor, today), incident?.Label, nameof(CoercionIncident), id, audit, ct);
        if (incident is null || marking is null)
        {
            return Error.NotFound("Incident");
        }

        // A cited document the reader may not read (relabelled or withdrawn since) is not even named to them.
        var readable = await DocumentLinks.Readable(db, Viewer.Of(actor, today), incident.Entries.SelectMany(e => e.DocumentIds), ct);
        return new CoercionDto(incident.Id, incident.Title, incident.ForumId, incident.Forum?.Code ?? "", incident.TargetParty, incident.CoercingParty, incident.Measures,
            incident.Products, incident.Description, incident.StartedOn, incident.EndedOn, incident.Phase, await AgencyCode(db, incident.ReporterAgencyId, ct),
            incident.Entries.OrderBy(e => e.RecordedAt).ThenBy(e => e.Id)
                .Select(e => new CoercionPhaseEntryDto(e.Phase, e.Notes, e.DocumentIds.Where(readable.ContainsKey).ToList(), e.RecordedAt, e.AgencyCode)).ToList(),
            CanEdit(actor, incident), marking, incident.Version);
    }

    private static bool CanEdit(Actor actor, CoercionIncident incident) =>
        NoticeUseCases.IsOfficer(actor) && (actor.AgencyId == incident.ReporterAgencyId || actor.CanManageForum);

    private static async Task<CoercionIncident?> Find(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var incident = await db.Set<CoercionIncident>().Include(i => i.Forum).ThenInclude(f => f!.Parties).FirstOrDefaultAsync(i => i.Id == id, ct);
        return incident is not null && AccessPolicy.CanSee(Viewer.Of(actor, today), incident.Label) ? incident : null;
    }

    private static List<string> Validate(Validation validation, CoercionInput input, Forum? forum, ProductCatalog catalog)
    {
        validation.Required("title", input.Title, 300).Optional("description", input.Description, NoticeUseCases.TextLength);
        var target = input.TargetParty?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(target))
        {
            validation.Add("targetParty", "targetParty is required: the party coerced.");
        }
        else if (forum is not null && !forum.Parties.Any(p => p.Party == target))
        {
            validation.Add("targetParty", $"targetParty '{ForumRules.Truncate(target)}' is not a party of {forum.Code}.");
        }

        var coercer = input.CoercingParty?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(coercer))
        {
            validation.Add("coercingParty", "coercingParty is required: the ISO 3166 alpha-3 code of the coercing country.");
        }
        else if (!IsoCountries.IsKnown(coercer))
        {
            validation.Add("coercingParty", $"coercingParty '{ForumRules.Truncate(coercer)}' is not an ISO 3166 alpha-3 country code.");
        }
        else if (coercer == target)
        {
            validation.Add("coercingParty", "coercingParty and targetParty must differ.");
        }

        if (input.Measures is not { Count: > 0 } measures || measures.Any(m => !Enum.IsDefined(m)))
        {
            validation.Add("measures", $"measures: name at least one of {string.Join(", ", Enum.GetNames<CoercionMeasure>())}.");
        }

        if (input.StartedOn is null)
        {
            validation.Add("startedOn", "startedOn is required (yyyy-MM-dd).");
        }
        else if (input.EndedOn is { } ended && ended < input.StartedOn)
        {
            validation.Add("endedOn", "endedOn is before startedOn.");
        }

        return catalog.Check(validation, input.Products, null, required: false);
    }

    private static void Apply(CoercionIncident incident, CoercionInput input, List<string> products)
    {
        incident.Title = input.Title!.Trim();
        incident.TargetParty = input.TargetParty!.Trim().ToUpperInvariant();
        incident.CoercingParty = input.CoercingParty!.Trim().ToUpperInvariant();
        incident.Measures = input.Measures!.Distinct().ToList();
        incident.Products = products;
        incident.Description = input.Description?.Trim() ?? "";
        incident.StartedOn = input.StartedOn!.Value;
        incident.EndedOn = input.EndedOn;
    }

    private static async Task<string> AgencyCode(TandemDbContext db, Guid agency, CancellationToken ct) =>
        await db.Agencies.IgnoreQueryFilters().Where(a => a.Id == agency).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
}

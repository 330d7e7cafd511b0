using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Programmes;

public sealed record DisbursementDto(int Year, decimal Amount);

public sealed record ProgrammeSummaryDto(Guid Id, string Code, string Party, string AgencyCode, string NameEn, string NameJa, Instrument Instrument,
    string Technology, string TechnologyNameEn, string TechnologyNameJa, ValueChainStage Stage, decimal Amount, string Currency, int StartYear, int EndYear,
    ProgrammeStatus Status, string Confidence, string Marking)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record JointProjectRefDto(Guid Id, string NameEn, string NameJa);

public sealed record ProgrammeDto(Guid Id, string Code, string Party, Guid AgencyId, string AgencyCode, string NameEn, string NameJa, Instrument Instrument,
    string Technology, string TechnologyNameEn, string TechnologyNameJa, ValueChainStage Stage, decimal Amount, string Currency, int StartYear, int EndYear,
    ProgrammeStatus Status, string LegalBasis, string Source, string SourceUrl, string Confidence, IReadOnlyList<DisbursementDto> Disbursements,
    IReadOnlyList<JointProjectRefDto> JointProjects, string Marking, bool CanEdit, int Version)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record DisbursementInput(int? Year, decimal? Amount);

public sealed record ProgrammeInput(
    string? Code,
    string? Party,
    string? AgencyCode,
    string? NameEn,
    string? NameJa,
    Instrument? Instrument,
    string? Technology,
    ValueChainStage? Stage,
    decimal? Amount,
    string? Currency,
    int? StartYear,
    int? EndYear,
    ProgrammeStatus? Status = null,
    string? LegalBasis = null,
    string? Source = null,
    string? SourceUrl = null,
    string? Confidence = null,
    IReadOnlyList<DisbursementInput>? Disbursements = null,
    LabelInput? Label = null,
    int? Version = null);

public sealed record ProgrammeFilter(string? Party = null, string? Technology = null, ValueChainStage? Stage = null, Instrument? Instrument = null,
    ProgrammeStatus? Status = null, string? Search = null);

/// <summary>The programme registry (C7): list and read through the access policy, register, edit, delete.</summary>
public static class ProgrammeUseCases
{
    /// <summary>Programmes the reader may see, filtered in SQL (the policy runs inside the query, before paging).</summary>
    public static IQueryable<Programme> Visible(TandemDbContext db, Actor actor, DateOnly today, ProgrammeFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<Programme>().AsNoTracking().VisibleTo(Viewer.Of(actor, today));
        if (filter?.Party is { Length: > 0 } party)
        {
            var code = party.Trim().ToUpperInvariant();
            query = query.Where(p => p.Party == code);
        }

        if (filter?.Technology is { Length: > 0 } technology)
        {
            var code = ProgrammeRules.Slug(technology);
            query = query.Where(p => p.Technology!.Code == code);
        }

        if (filter?.Stage is { } stage)
        {
            query = query.Where(p => p.Stage == stage);
        }

        if (filter?.Instrument is { } instrument)
        {
            query = query.Where(p => p.Instrument == instrument);
        }

        if (filter?.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (filter?.Search is { Length: > 0 } search)
        {
            var term = search.Trim().ToLower();
            query = query.Where(p => p.Code.ToLower().Contains(term) || p.NameEn.ToLower().Contains(term) || p.NameJa.Contains(search.Trim()));
        }

        return query;
    }

    public static async Task<Result<PagedList<ProgrammeSummaryDto>>> List(TandemDbContext db, Actor actor, ProgrammeFilter filter, int? page, int? pageSize, DateOnly today, CancellationToken ct)
    {
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var query = Visible(db, actor, today, filter);
        var total = await query.CountAsync(ct);
        var rows = await Summaries(query.OrderBy(p => p.Party).ThenBy(p => p.Code).Skip(request.Value.Skip).Take(request.Value.PageSize), ct);
        db.Audit(AuditAction.List, nameof(Programme), "", details: $"page {request.Value.Page}, {rows.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return new PagedList<ProgrammeSummaryDto>(rows, request.Value.Page, request.Value.PageSize, total);
    }

    /// <summary>Projects to summaries; the marking is computed from the label columns after reading.</summary>
    public static async Task<List<ProgrammeSummaryDto>> Summaries(IQueryable<Programme> query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await query.Select(p => new
        {
            p.Id, p.Code, p.Party, AgencyCode = p.Agency!.Code, p.NameEn, p.NameJa, p.Instrument, Technology = p.Technology!.Code,
            TechnologyEn = p.Technology.NameEn, TechnologyJa = p.Technology.NameJa, p.Stage, p.Amount, p.Currency, p.StartYear, p.EndYear,
            p.Status, p.Confidence, p.Label,
        }).ToListAsync(ct);
        return rows.Select(r => new ProgrammeSummaryDto(r.Id, r.Code, r.Party, r.AgencyCode, r.NameEn, r.NameJa, r.Instrument, r.Technology, r.TechnologyEn,
            r.TechnologyJa, r.Stage, r.Amount, r.Currency, r.StartYear, r.EndYear, r.Status, r.Confidence, r.Label.ToLabel().Marking)).ToList();
    }

    public static async Task<Result<ProgrammeDto>> Get(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct, bool audit = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var programme = await db.Set<Programme>().AsNoTracking().Include(p => p.Agency).Include(p => p.Technology).Include(p => p.Disbursements)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        var viewer = Viewer.Of(actor, today);
        var marking = await GuardedRead.Check(db, viewer, programme?.Label, nameof(Programme), id, audit, ct);
        if (programme is null || marking is null)
        {
            return Error.NotFound("Programme");
        }

        var projects = await db.Set<JointProject>().AsNoTracking().VisibleTo(viewer)
            .Where(j => j.Programmes.Any(l => l.ProgrammeId == id))
            .OrderBy(j => j.NameEn).Select(j => new JointProjectRefDto(j.Id, j.NameEn, j.NameJa)).ToListAsync(ct);
        return new ProgrammeDto(programme.Id, programme.Code, programme.Party, programme.AgencyId, programme.Agency?.Code ?? "", programme.NameEn, programme.NameJa,
            programme.Instrument, programme.Technology?.Code ?? "", programme.Technology?.NameEn ?? "", programme.Technology?.NameJa ?? "", programme.Stage,
            programme.Amount, programme.Currency, programme.StartYear, programme.EndYear, programme.Status, programme.LegalBasis, programme.Source,
            programme.SourceUrl, programme.Confidence, programme.Disbursements.OrderBy(d => d.Year).Select(d => new DisbursementDto(d.Year, d.Amount)).ToList(),
            projects, marking, CheckWriter(actor, programme.Party) is null, programme.Version);
    }

    public static async Task<Result<ProgrammeDto>> Create(TandemDbContext db, Actor actor, ProgrammeInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var (validation, resolved) = await Validate(db, input, ct);
        if (resolved.Party is { } party && CheckWriter(actor, party) is { } forbidden)
        {
            return forbidden;
        }

        var code = input.Code?.Trim().ToUpperInvariant() ?? "";
        if (validation.IsValid && await db.Set<Programme>().IgnoreQueryFilters().AnyAsync(p => p.Code == code, ct))
        {
            validation.Add("code", $"A programme with code {code} already exists.");
        }

        var label = BuildLabel(actor, input.Label, resolved, validation);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var programme = new Programme { Code = code, Label = LabelData.From(label!) };
        Apply(programme, input, resolved);
        db.Set<Programme>().Add(programme);
        await db.SaveChangesAsync(ct);
        return (await Get(db, actor, programme.Id, today, ct, audit: false)).Value;
    }

    public static async Task<Result<ProgrammeDto>> Update(TandemDbContext db, Actor actor, Guid id, ProgrammeInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var programme = await db.Set<Programme>().Include(p => p.Disbursements).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null || !AccessPolicy.CanSee(Viewer.Of(actor, today), programme.Label))
        {
            return Error.NotFound("Programme");
        }

        if (CheckWriter(actor, programme.Party) is { } forbidden)
        {
            return forbidden;
        }

        var (validation, resolved) = await Validate(db, input with { Code = input.Code ?? programme.Code }, ct);
        validation.Version(input.Version);
        if (input.Code is not null && !string.Equals(input.Code.Trim(), programme.Code, StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("code", "code cannot be changed: files and joint projects refer to the programme by it.");
        }

        if (resolved.Party is { } party && party != programme.Party)
        {
            validation.Add("party", "party cannot be changed: register the programme again under the other party.");
        }

        Label? label = null;
        if (input.Label is not null)
        {
            var originator = programme.Label.Originator;
            if (actor.UserId is not null && actor.AgencyId != originator)
            {
                validation.Add("label", "Only the originating agency may change a programme's label.");
            }
            else
            {
                label = BuildLabel(actor, input.Label, resolved with { OriginatorOverride = originator }, validation);
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var oldMarking = programme.Label.ToLabel().Marking;
        var saved = await Concurrency.SaveAsync(db, programme, input.Version!.Value, () =>
        {
            Apply(programme, input, resolved);

            // An edit of the disbursements alone must still bump the version and be audited.
            db.Entry(programme).State = EntityState.Modified;
            if (label is not null && label.Marking != oldMarking)
            {
                programme.Label = LabelData.From(label);
                db.Audit(AuditAction.LabelChange, nameof(Programme), programme.Id.ToString("D"), label: label.Marking, details: $"from {oldMarking}");
            }
            else if (label is not null)
            {
                programme.Label = LabelData.From(label);
            }
        }, () => programme.Id, ct);
        return saved.Succeeded ? (await Get(db, actor, id, today, ct, audit: false)).Value : saved.Error!;
    }

    public static async Task<Result<bool>> Delete(TandemDbContext db, Actor actor, Guid id, int? version, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var programme = await db.Set<Programme>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null || !AccessPolicy.CanSee(Viewer.Of(actor, today), programme.Label))
        {
            return Error.NotFound("Programme");
        }

        if (CheckWriter(actor, programme.Party) is { } forbidden)
        {
            return forbidden;
        }

        return await Concurrency.SaveAsync(db, programme, version ?? programme.Version, () => db.Set<Programme>().Remove(programme), () => true, ct);
    }

    /// <summary>
    /// Officers register their own party's programmes; the command line and the demo loader (the
    /// system actor, an operator on the server) may register any party's.
    /// </summary>
    public static Error? CheckWriter(Actor actor, string party)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is null && actor.IsInRole(Roles.Admin))
        {
            return null;
        }

        if (!(actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Secretariat) || actor.IsInRole(Roles.Member) || actor.IsInRole(Roles.Analyst)))
        {
            return Error.Forbidden("Only officers of the party's agencies may register or edit its programmes.");
        }

        return actor.Party == party ? null : Error.Forbidden($"Only officers of {party} may register or edit its programmes.");
    }

    internal sealed record Resolved(string? Party, Agency? Agency, Technology? Technology, string? Currency, Guid? OriginatorOverride = null);

    internal static async Task<(Validation, Resolved)> Validate(TandemDbContext db, ProgrammeInput input, CancellationToken ct)
    {
        var validation = new Validation()
            .Code("code", input.Code?.Trim().ToUpperInvariant())
            .Required("nameEn", input.NameEn, ForumRules.LongNameLength)
            .Optional("nameJa", input.NameJa, ForumRules.LongNameLength)
            .Optional("legalBasis", input.LegalBasis, ProgrammeRules.TextLength)
            .Optional("source", input.Source, ProgrammeRules.TextLength)
            .Optional("confidence", input.Confidence, 100)
            .Url("sourceUrl", input.SourceUrl)
            .Currency("currency", input.Currency)
            .Years(input.StartYear, input.EndYear);
        if (input.Instrument is null)
        {
            validation.Add("instrument", $"instrument is required: {ProgrammeRules.Names<Instrument>()}.");
        }

        if (input.Stage is null)
        {
            validation.Add("stage", $"stage is required: {ProgrammeRules.Names<ValueChainStage>()}.");
        }

        if (input.Amount is null)
        {
            validation.Add("amount", "amount is required (a number in the programme's currency; 0 when not recorded).");
        }
        else if (input.Amount < 0)
        {
            validation.Add("amount", "amount cannot be negative.");
        }
        else if (input.Amount > ProgrammeRules.MaxAmount)
        {
            validation.Add("amount", "amount is implausibly large; check the number of digits.");
        }

        var party = input.Party?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(party))
        {
            validation.Add("party", "party is required.");
            party = null;
        }
        else if (!await db.Parties.AnyAsync(p => p.Iso3 == party, ct))
        {
            validation.Add("party", $"party '{ForumRules.Truncate(party)}' is not a party of Tandem.");
            party = null;
        }

        Agency? agency = null;
        if (string.IsNullOrWhiteSpace(input.AgencyCode))
        {
            validation.Add("agencyCode", "agencyCode is required: the agency responsible for the programme.");
        }
        else
        {
            var agencyCode = input.AgencyCode.Trim().ToUpperInvariant();
            agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == agencyCode, ct);
            if (agency is null)
            {
                validation.Add("agencyCode", $"agencyCode '{ForumRules.Truncate(agencyCode)}' is not an agency.");
            }
            else if (party is not null && agency.Party != party)
            {
                validation.Add("agencyCode", $"{agency.Code} belongs to {agency.Party}, not {party}: the responsible agency must belong to the programme's party.");
            }
        }

        Technology? technology = null;
        if (string.IsNullOrWhiteSpace(input.Technology))
        {
            validation.Add("technology", "technology is required (a code of the technology taxonomy, e.g. semiconductors).");
        }
        else
        {
            var techCode = ProgrammeRules.Slug(input.Technology);
            var techName = input.Technology.Trim().ToLower();
            technology = await db.Set<Technology>().FirstOrDefaultAsync(t => t.Code == techCode, ct)
                ?? await db.Set<Technology>().FirstOrDefaultAsync(t => t.NameEn.ToLower() == techName, ct);
            if (technology is null)
            {
                var known = await db.Set<Technology>().OrderBy(t => t.SortOrder).Select(t => t.Code).ToListAsync(ct);
                validation.Add("technology", $"technology '{ForumRules.Truncate(techCode)}' is not in the taxonomy ({string.Join(", ", known)}).");
            }
        }

        var disbursements = input.Disbursements ?? [];
        for (var i = 0; i < disbursements.Count; i++)
        {
            var d = disbursements[i];
            if (d.Year is null || d.Amount is null)
            {
                validation.Add($"disbursements[{i}]", "each disbursement needs a year and an amount.");
            }
            else if (input.StartYear is { } start && input.EndYear is { } end && (d.Year < start || d.Year > end))
            {
                validation.Add($"disbursements[{i}].year", $"year {d.Year} is outside the programme's years {start}–{end}.");
            }
            else if (d.Amount < 0)
            {
                validation.Add($"disbursements[{i}].amount", "a disbursement cannot be negative.");
            }
        }

        if (disbursements.GroupBy(d => d.Year).Any(g => g.Count() > 1))
        {
            validation.Add("disbursements", "each year may appear once in the disbursement profile.");
        }

        if (input.Amount is { } amount && disbursements.Sum(d => d.Amount ?? 0) > amount)
        {
            validation.Add("disbursements", "the yearly disbursements add up to more than the programme's amount.");
        }

        return (validation, new Resolved(party, agency, technology, input.Currency?.Trim().ToUpperInvariant()));
    }

    internal static Label? BuildLabel(Actor actor, LabelInput? input, Resolved resolved, Validation validation)
    {
        if (resolved.Party is null || resolved.Agency is null)
        {
            return null;
        }

        var originator = resolved.OriginatorOverride ?? actor.AgencyId ?? resolved.Agency.Id;
        var label = Label.Create(input ?? new LabelInput(Tlp.Green), originator, resolved.Party, actor.UserId ?? Guid.Empty);
        if (!label.Succeeded)
        {
            foreach (var (field, messages) in label.Error!.Fields)
            {
                messages.ToList().ForEach(m => validation.Add(field, m));
            }

            return null;
        }

        return label.Value;
    }

    internal static void Apply(Programme programme, ProgrammeInput input, Resolved resolved)
    {
        programme.Party = resolved.Party!;
        programme.AgencyId = resolved.Agency!.Id;
        programme.NameEn = input.NameEn!.Trim();
        programme.NameJa = input.NameJa?.Trim() ?? "";
        programme.Instrument = input.Instrument!.Value;
        programme.TechnologyId = resolved.Technology!.Id;
        programme.Stage = input.Stage!.Value;
        programme.Amount = input.Amount!.Value;
        programme.Currency = resolved.Currency!;
        programme.StartYear = input.StartYear!.Value;
        programme.EndYear = input.EndYear!.Value;
        programme.Status = input.Status ?? (programme.CreatedAt == default ? ProgrammeStatus.Enacted : programme.Status);
        programme.LegalBasis = input.LegalBasis?.Trim() ?? "";
        programme.Source = input.Source?.Trim() ?? "";
        programme.SourceUrl = input.SourceUrl?.Trim() ?? "";
        programme.Confidence = input.Confidence?.Trim() ?? "";
        if (input.Disbursements is null)
        {
            // Not given (a file without a profile, an edit of other fields): keep the profile there is.
            return;
        }

        var wanted = input.Disbursements.Select(d => new Disbursement { ProgrammeId = programme.Id, Year = d.Year!.Value, Amount = d.Amount!.Value }).ToList();
        if (!wanted.Select(d => (d.Year, d.Amount)).SequenceEqual(programme.Disbursements.OrderBy(d => d.Year).Select(d => (d.Year, d.Amount))))
        {
            programme.Disbursements.Clear();
            programme.Disbursements.AddRange(wanted.OrderBy(d => d.Year));
        }
    }
}

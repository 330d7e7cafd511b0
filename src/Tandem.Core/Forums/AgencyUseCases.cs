using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Forums;

public sealed record AgencyDto(Guid Id, string Code, string Party, Guid? ParentId, string? ParentCode, AgencyKind Kind, string NameEn, string NameJa, int Version)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record AgencyRoleDto(Guid TrackId, string TrackCode, string TrackNameEn, string TrackNameJa, Guid ForumId, string ForumCode, ParticipationRole Role);

public sealed record AgencyDetailDto(AgencyDto Agency, IReadOnlyList<AgencyRoleDto> Roles, IReadOnlyList<AgencyDto> Children);

public sealed record AgencyInput(string? Code, string? Party, string? ParentCode, AgencyKind? Kind, string? NameEn, string? NameJa, int? Version = null);

public sealed record AgencyFilter(string? Party = null, AgencyKind? Kind = null, string? Search = null, string? Sort = null);

/// <summary>Agencies: ministries, agencies, companies and international bodies, each of one party.</summary>
public static class AgencyUseCases
{
    public static IQueryable<AgencyDto> Query(TandemDbContext db, AgencyFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agencies = db.Agencies.AsNoTracking();
        if (filter?.Party is { Length: > 0 } party)
        {
            agencies = agencies.Where(a => a.Party == party.ToUpperInvariant());
        }

        if (filter?.Kind is { } kind)
        {
            agencies = agencies.Where(a => a.Kind == kind);
        }

        if (filter?.Search is { Length: > 0 } search)
        {
            var term = search.Trim().ToLower();
            agencies = agencies.Where(a => a.Code.ToLower().Contains(term) || a.NameEn.ToLower().Contains(term) || a.NameJa.Contains(search.Trim()));
        }

        agencies = filter?.Sort switch
        {
            "name" => agencies.OrderBy(a => a.NameEn),
            "party" => agencies.OrderBy(a => a.Party).ThenBy(a => a.Code),
            "kind" => agencies.OrderBy(a => a.Kind).ThenBy(a => a.Code),
            _ => agencies.OrderBy(a => a.Code),
        };

        return Project(agencies);
    }

    /// <summary>Projection to the DTO; filter before it, since EF cannot filter on a constructed record.</summary>
    private static IQueryable<AgencyDto> Project(IQueryable<Agency> agencies) =>
        agencies.Select(a => new AgencyDto(a.Id, a.Code, a.Party, a.ParentId, a.Parent == null ? null : a.Parent.Code, a.Kind, a.NameEn, a.NameJa, a.Version));

    private static Task<AgencyDto?> Find(TandemDbContext db, Guid id, CancellationToken ct) =>
        Project(db.Agencies.AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct);

    public static async Task<Result<AgencyDetailDto>> Get(TandemDbContext db, Guid id, CancellationToken ct)
    {
        var agency = await Find(db, id, ct);
        if (agency is null)
        {
            return Error.NotFound("Agency");
        }

        var roles = await db.TrackParticipations.AsNoTracking()
            .Where(p => p.AgencyId == id && p.Track!.DeletedAt == null)
            .OrderBy(p => p.Track!.Forum!.Code).ThenBy(p => p.Track!.Code)
            .Select(p => new AgencyRoleDto(p.TrackId, p.Track!.Code, p.Track.NameEn, p.Track.NameJa, p.Track.ForumId, p.Track.Forum!.Code, p.Role))
            .ToListAsync(ct);
        var children = await Project(db.Agencies.AsNoTracking().Where(a => a.ParentId == id).OrderBy(a => a.Code)).ToListAsync(ct);
        return new AgencyDetailDto(agency, roles, children);
    }

    public static async Task<Result<AgencyDto>> Create(TandemDbContext db, Actor actor, AgencyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may add agencies.");
        }

        var (validation, parent) = await Validate(db, input, null, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var code = input.Code!.Trim();
        if (await db.Agencies.IgnoreQueryFilters().AnyAsync(a => a.Code == code, ct))
        {
            return Error.Duplicate("code", $"An agency with code {code} already exists.");
        }

        var agency = new Agency { Code = code };
        Apply(agency, input, parent);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        return (await Find(db, agency.Id, ct))!;
    }

    public static async Task<Result<AgencyDto>> Update(TandemDbContext db, Actor actor, Guid id, AgencyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return Error.NotFound("Agency");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may edit agencies.");
        }

        var (validation, parent) = await Validate(db, input with { Code = input.Code ?? agency.Code }, agency, ct);
        validation.Version(input.Version);
        if (input.Code is not null && input.Code.Trim() != agency.Code)
        {
            validation.Add("code", "code cannot be changed: it is how other records and files refer to the agency.");
        }

        if (input.Party is not null && !string.Equals(input.Party.Trim(), agency.Party, StringComparison.OrdinalIgnoreCase)
            && await db.TrackParticipations.AnyAsync(p => p.AgencyId == id && p.Role == ParticipationRole.CoLead, ct))
        {
            validation.Add("party", "party cannot change while the agency co-leads a track for its current party.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, agency, input.Version!.Value, () => Apply(agency, input, parent), () => agency.Id, ct);
        return saved.Succeeded ? (await Find(db, id, ct))! : saved.Error!;
    }

    public static async Task<Result<bool>> Delete(TandemDbContext db, Actor actor, Guid id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return Error.NotFound("Agency");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may delete agencies.");
        }

        if (await db.TrackParticipations.AnyAsync(p => p.AgencyId == id && p.Role == ParticipationRole.CoLead && p.Track!.DeletedAt == null, ct))
        {
            return Error.Conflict($"{agency.Code} co-leads a track; name another co-lead first.");
        }

        if (await db.Users.AnyAsync(u => u.AgencyId == id && !u.Disabled, ct))
        {
            return Error.Conflict($"{agency.Code} still has active user accounts; move or disable them first.");
        }

        return await Concurrency.SaveAsync(db, agency, version ?? agency.Version, () =>
        {
            db.TrackParticipations.RemoveRange(db.TrackParticipations.Where(p => p.AgencyId == id));
            db.Agencies.Remove(agency);
        }, () => true, ct);
    }

    private static async Task<(Validation, Agency?)> Validate(TandemDbContext db, AgencyInput input, Agency? existing, CancellationToken ct)
    {
        var validation = new Validation()
            .Code("code", input.Code)
            .Required("nameEn", input.NameEn, ForumRules.NameLength)
            .Optional("nameJa", input.NameJa, ForumRules.NameLength);
        if (input.Kind is null)
        {
            validation.Add("kind", "kind is required: Ministry, Agency, Private or International.");
        }

        var party = input.Party?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(party))
        {
            validation.Add("party", "party is required.");
        }
        else if (!await db.Parties.AnyAsync(p => p.Iso3 == party, ct))
        {
            validation.Add("party", $"party '{ForumRules.Truncate(party)}' is not a party of Tandem; add it first.");
        }

        Agency? parent = null;
        if (!string.IsNullOrWhiteSpace(input.ParentCode))
        {
            parent = await db.Agencies.FirstOrDefaultAsync(a => a.Code == input.ParentCode.Trim(), ct);
            if (parent is null)
            {
                validation.Add("parentCode", $"parentCode '{ForumRules.Truncate(input.ParentCode)}' is not an agency.");
            }
            else if (parent.Party != party)
            {
                validation.Add("parentCode", $"The parent agency {parent.Code} belongs to {parent.Party}, not {party}.");
            }
            else if (existing is not null && await IsSelfOrDescendant(db, parent, existing.Id, ct))
            {
                validation.Add("parentCode", "An agency cannot be its own parent or sit under one of its own sub-agencies.");
            }
        }

        return (validation, parent);
    }

    private static async Task<bool> IsSelfOrDescendant(TandemDbContext db, Agency candidate, Guid agencyId, CancellationToken ct)
    {
        var current = candidate;
        for (var depth = 0; current is not null && depth < 32; depth++)
        {
            if (current.Id == agencyId)
            {
                return true;
            }

            current = current.ParentId is { } parentId ? await db.Agencies.FirstOrDefaultAsync(a => a.Id == parentId, ct) : null;
        }

        return false;
    }

    private static void Apply(Agency agency, AgencyInput input, Agency? parent)
    {
        agency.Party = input.Party!.Trim().ToUpperInvariant();
        agency.ParentId = parent?.Id;
        agency.Kind = input.Kind!.Value;
        agency.NameEn = input.NameEn!.Trim();
        agency.NameJa = input.NameJa?.Trim() ?? "";
    }
}

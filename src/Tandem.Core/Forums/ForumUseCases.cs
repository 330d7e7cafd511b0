using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Forums;

public sealed record ForumDto(Guid Id, string Code, string ShortName, string NameEn, string NameJa, DateOnly? Launched, string Description,
    IReadOnlyList<Tier> Tiers, IReadOnlyList<string> Parties, int EmergencyMeetingDays, int Version)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record ForumDetailDto(ForumDto Forum, IReadOnlyList<TrackDto> Tracks, IReadOnlyList<PartyDto> Parties);

public sealed record ForumInput(string? Code, string? ShortName, string? NameEn, string? NameJa, DateOnly? Launched, string? Description,
    IReadOnlyList<Tier>? Tiers, IReadOnlyList<string>? Parties, int? EmergencyMeetingDays = null, int? Version = null);

/// <summary>Forums: N parties, several tiers, tracks. Any minilateral forum fits by data, not code.</summary>
public static class ForumUseCases
{
    public static async Task<List<ForumDto>> List(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var forums = await db.Forums.AsNoTracking().Include(f => f.Parties).OrderBy(f => f.Code).ToListAsync(ct);
        return forums.Select(ToDto).ToList();
    }

    public static async Task<Result<ForumDetailDto>> Get(TandemDbContext db, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var forum = await db.Forums.AsNoTracking().Include(f => f.Parties).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (forum is null)
        {
            return Error.NotFound("Forum");
        }

        var tracks = await TrackUseCases.ListForForum(db, id, ct);
        var partyCodes = forum.Parties.Select(p => p.Party).ToList();
        var parties = await PartyUseCases.Query(db, q => q.Where(p => partyCodes.Contains(p.Iso3))).ToListAsync(ct);
        return new ForumDetailDto(ToDto(forum), tracks, parties);
    }

    public static async Task<Result<ForumDto>> Create(TandemDbContext db, Actor actor, ForumInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may create forums.");
        }

        var validation = await Validate(db, input, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var code = input.Code!.Trim();
        if (await db.Forums.IgnoreQueryFilters().AnyAsync(f => f.Code == code, ct))
        {
            return Error.Duplicate("code", $"A forum with code {code} already exists.");
        }

        var forum = new Forum { Code = code };
        Apply(forum, input);
        db.Forums.Add(forum);
        await db.SaveChangesAsync(ct);
        return ToDto(forum);
    }

    public static async Task<Result<ForumDto>> Update(TandemDbContext db, Actor actor, Guid id, ForumInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var forum = await db.Forums.Include(f => f.Parties).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (forum is null)
        {
            return Error.NotFound("Forum");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may edit forums.");
        }

        var validation = (await Validate(db, input with { Code = input.Code ?? forum.Code }, ct)).Version(input.Version);
        if (input.Code is not null && input.Code.Trim() != forum.Code)
        {
            validation.Add("code", "code cannot be changed.");
        }

        var removed = forum.Parties.Select(p => p.Party).Except(input.Parties ?? []).ToList();
        if (removed.Count > 0 && await db.Tracks.AnyAsync(t => t.ForumId == id, ct))
        {
            validation.Add("parties", $"Cannot remove {string.Join(", ", removed)} while the forum has tracks co-led by each party.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await Concurrency.SaveAsync(db, forum, input.Version!.Value, () => Apply(forum, input), () => ToDto(forum), ct);
    }

    public static async Task<Result<bool>> Delete(TandemDbContext db, Actor actor, Guid id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var forum = await db.Forums.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (forum is null)
        {
            return Error.NotFound("Forum");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may delete forums.");
        }

        if (await db.Tracks.AnyAsync(t => t.ForumId == id, ct))
        {
            return Error.Conflict($"Forum {forum.Code} still has tracks; delete them first.");
        }

        return await Concurrency.SaveAsync(db, forum, version ?? forum.Version, () => db.Forums.Remove(forum), () => true, ct);
    }

    private static async Task<Validation> Validate(TandemDbContext db, ForumInput input, CancellationToken ct)
    {
        var validation = new Validation()
            .Code("code", input.Code)
            .Required("shortName", input.ShortName, 100)
            .Required("nameEn", input.NameEn, ForumRules.NameLength)
            .Optional("nameJa", input.NameJa, ForumRules.NameLength)
            .Optional("description", input.Description, ForumRules.DescriptionLength);
        if (input.Tiers is null || input.Tiers.Count == 0)
        {
            validation.Add("tiers", "tiers needs at least one tier (Leaders, Ministerial, ViceMinisterial, WorkingLevel, TrackWorkingGroup).");
        }
        else if (input.Tiers.Any(t => !Enum.IsDefined(t)))
        {
            validation.Add("tiers", "tiers contains an unknown tier.");
        }

        // A JSON null inside the list arrives as a null element despite the type: refuse it, never dereference it.
        var parties = input.Parties?.Select(p => p?.Trim().ToUpperInvariant() ?? "").ToList() ?? [];
        if (parties.Any(p => p.Length == 0))
        {
            validation.Add("parties", "parties contains an empty entry.");
        }
        else if (parties.Count < 2)
        {
            validation.Add("parties", "parties needs at least two parties: a forum is between countries.");
        }
        else if (parties.Distinct().Count() != parties.Count)
        {
            validation.Add("parties", "parties lists a party twice.");
        }
        else
        {
            var known = await db.Parties.Where(p => parties.Contains(p.Iso3)).Select(p => p.Iso3).ToListAsync(ct);
            foreach (var missing in parties.Except(known))
            {
                validation.Add("parties", $"{ForumRules.Truncate(missing)} is not a party of Tandem; add it first.");
            }
        }

        if (input.EmergencyMeetingDays is < 1 or > 365)
        {
            validation.Add("emergencyMeetingDays", "emergencyMeetingDays must be between 1 and 365.");
        }

        return validation;
    }

    private static void Apply(Forum forum, ForumInput input)
    {
        forum.ShortName = input.ShortName!.Trim();
        forum.NameEn = input.NameEn!.Trim();
        forum.NameJa = input.NameJa?.Trim() ?? "";
        forum.Launched = input.Launched;
        forum.Description = input.Description?.Trim() ?? "";
        forum.Tiers = input.Tiers!.Distinct().Order().ToList();
        forum.EmergencyMeetingDays = input.EmergencyMeetingDays ?? forum.EmergencyMeetingDays;
        var wanted = input.Parties!.Select(p => p.Trim().ToUpperInvariant()).ToList();
        forum.Parties.RemoveAll(p => !wanted.Contains(p.Party));
        foreach (var party in wanted.Where(w => forum.Parties.All(p => p.Party != w)))
        {
            forum.Parties.Add(new ForumParty { ForumId = forum.Id, Party = party });
        }
    }

    private static ForumDto ToDto(Forum f) => new(f.Id, f.Code, f.ShortName, f.NameEn, f.NameJa, f.Launched, f.Description,
        f.Tiers, f.Parties.Select(p => p.Party).Order(StringComparer.Ordinal).ToList(), f.EmergencyMeetingDays, f.Version);
}

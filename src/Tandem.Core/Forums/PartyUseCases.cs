using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Reference;

namespace Tandem.Core.Forums;

/// <summary>A party; <paramref name="CapitalTimeZones"/> lists every capital zone, the main one (<paramref name="CapitalTimeZone"/>) first.</summary>
public sealed record PartyDto(Guid Id, string Iso3, string NameEn, string NameJa, string CapitalTimeZone, int Version)
{
    public IReadOnlyList<string> CapitalTimeZones { get; init; } = [CapitalTimeZone];

    /// <summary>True when the code names a union of governments (its trade is its members' trade with the rest of the world).</summary>
    public bool IsUnion => Unions.IsKnown(Iso3);
}

/// <summary>
/// A party as a form or a JSON body gives it. <see cref="CapitalTimeZones"/>, when given, lists every capital zone
/// with the main one first; otherwise <paramref name="CapitalTimeZone"/> is the only one.
/// </summary>
public sealed record PartyInput(string? Iso3, string? NameEn, string? NameJa, string? CapitalTimeZone, int? Version = null)
{
    public IReadOnlyList<string>? CapitalTimeZones { get; init; }
}

/// <summary>
/// Parties are states or unions of states: the code is an ISO 3166-1 alpha-3 code from the shipped list or a union's
/// code from the shipped registry of unions (<c>EUR</c>, the European Union).
/// </summary>
public static class PartyUseCases
{
    public static IQueryable<PartyDto> Query(TandemDbContext db, Func<IQueryable<Party>, IQueryable<Party>>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parties = db.Parties.AsNoTracking();
        parties = filter is null ? parties : filter(parties);
        return parties.OrderBy(p => p.Iso3).Select(p => new PartyDto(p.Id, p.Iso3, p.NameEn, p.NameJa, p.CapitalTimeZone, p.Version)
        {
            CapitalTimeZones = PartyTimeZones.Of(p.CapitalTimeZone, p.OtherTimeZones),
        });
    }

    public static async Task<Result<PartyDto>> Get(TandemDbContext db, Guid id, CancellationToken ct) =>
        await Query(db, q => q.Where(p => p.Id == id)).FirstOrDefaultAsync(ct) is { } party ? party : Error.NotFound("Party");

    public static async Task<Result<PartyDto>> Create(TandemDbContext db, Actor actor, PartyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may add parties.");
        }

        var validation = Validate(input);
        var iso3 = input.Iso3?.Trim().ToUpperInvariant() ?? "";
        if (validation.IsValid && await db.Parties.IgnoreQueryFilters().AnyAsync(p => p.Iso3 == iso3, ct))
        {
            return Error.Duplicate("iso3", $"Party {iso3} already exists.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var party = new Party { Iso3 = iso3 };
        Apply(party, input);
        db.Parties.Add(party);
        await db.SaveChangesAsync(ct);
        return ToDto(party);
    }

    public static async Task<Result<PartyDto>> Update(TandemDbContext db, Actor actor, Guid id, PartyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var party = await db.Parties.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (party is null)
        {
            return Error.NotFound("Party");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may edit parties.");
        }

        var validation = Validate(input with { Iso3 = party.Iso3 }).Version(input.Version);
        if (input.Iso3 is not null && !string.Equals(input.Iso3.Trim(), party.Iso3, StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("iso3", "iso3 cannot be changed; add a new party instead.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await Concurrency.SaveAsync(db, party, input.Version!.Value, () => Apply(party, input), () => ToDto(party), ct);
    }

    public static async Task<Result<bool>> Delete(TandemDbContext db, Actor actor, Guid id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var party = await db.Parties.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (party is null)
        {
            return Error.NotFound("Party");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may delete parties.");
        }

        if (await db.Agencies.AnyAsync(a => a.Party == party.Iso3, ct) || await db.ForumParties.AnyAsync(f => f.Party == party.Iso3 && db.Forums.Any(x => x.Id == f.ForumId), ct))
        {
            return Error.Conflict($"Party {party.Iso3} still has agencies or forums; remove those first.");
        }

        return await Concurrency.SaveAsync(db, party, version ?? party.Version, () => db.Parties.Remove(party), () => true, ct);
    }

    private static Validation Validate(PartyInput input)
    {
        var validation = new Validation()
            .Required("nameEn", input.NameEn, ForumRules.NameLength)
            .Optional("nameJa", input.NameJa, ForumRules.NameLength);
        if (input.CapitalTimeZones is { Count: > 0 } zones)
        {
            // A form sends the main zone in its own field; a script may send only the list.
            var mainField = input.CapitalTimeZone is null ? "capitalTimeZones" : "capitalTimeZone";
            validation.TimeZone(mainField, zones[0]?.Trim(), required: true);
            foreach (var zone in zones.Skip(1))
            {
                validation.TimeZone("capitalTimeZones", zone?.Trim(), required: true);
            }

            if (zones.Count > PartyTimeZones.Max)
            {
                validation.Add("capitalTimeZones", $"At most {PartyTimeZones.Max} time zones per party.");
            }

            if (input.CapitalTimeZone is not null && !string.Equals(input.CapitalTimeZone.Trim(), zones[0]?.Trim(), StringComparison.Ordinal))
            {
                validation.Add("capitalTimeZone", "capitalTimeZone must be the first of capitalTimeZones (or be left out).");
            }
        }
        else if (input.CapitalTimeZones is { Count: 0 })
        {
            validation.Add("capitalTimeZones", "capitalTimeZones needs at least one time zone, the main one first.");
        }
        else
        {
            validation.TimeZone("capitalTimeZone", input.CapitalTimeZone, required: true);
        }

        if (string.IsNullOrWhiteSpace(input.Iso3))
        {
            validation.Add("iso3", "iso3 is required.");
        }
        else if (!PartyCodes.IsKnown(input.Iso3.Trim().ToUpperInvariant()))
        {
            validation.Add("iso3", $"iso3 '{ForumRules.Truncate(input.Iso3)}' is neither an ISO 3166-1 alpha-3 country code nor a registered union ({string.Join(", ", Unions.All.Select(u => u.Code))}).");
        }

        return validation;
    }

    private static void Apply(Party party, PartyInput input)
    {
        party.NameEn = input.NameEn!.Trim();
        party.NameJa = input.NameJa?.Trim() ?? "";
        var zones = input.CapitalTimeZones is { Count: > 0 } given ? PartyTimeZones.Of(given[0], given.Skip(1)) : [input.CapitalTimeZone!.Trim()];
        party.CapitalTimeZone = zones[0];
        party.OtherTimeZones = zones.Skip(1).ToList();
    }

    private static PartyDto ToDto(Party p) => new(p.Id, p.Iso3, p.NameEn, p.NameJa, p.CapitalTimeZone, p.Version) { CapitalTimeZones = p.TimeZones() };
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Programmes;

public sealed record TechnologyDto(Guid Id, string Code, string NameEn, string NameJa, bool Prioritised, int SortOrder, int Version)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record TechnologyInput(string? Code, string? NameEn, string? NameJa, bool? Prioritised, int? SortOrder, int? Version = null);

/// <summary>The technology taxonomy: editable data, seeded by the migration, never a code change.</summary>
public static class TechnologyUseCases
{
    /// <summary>The taxonomy every database starts with (rows of the InvestmentAndNotices migration).</summary>
    public static readonly IReadOnlyList<Technology> Defaults =
    [
        Seed(1, "semiconductors", "Semiconductors", "半導体", true),
        Seed(2, "batteries", "Batteries", "蓄電池", true),
        Seed(3, "critical-minerals", "Critical minerals", "重要鉱物", true),
        Seed(4, "quantum", "Quantum", "量子", false),
        Seed(5, "ai", "Artificial intelligence", "人工知能（AI）", false),
        Seed(6, "telecommunications", "Telecommunications / Open RAN", "通信（オープンRAN）", false),
        Seed(7, "biotechnology", "Biotechnology", "バイオテクノロジー", false),
        Seed(8, "energy", "Energy", "エネルギー", false),
        Seed(9, "multiple", "Multiple / cross-cutting", "複数分野・横断", false),
    ];

    public static async Task<List<TechnologyDto>> List(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<Technology>().AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Code)
            .Select(t => new TechnologyDto(t.Id, t.Code, t.NameEn, t.NameJa, t.Prioritised, t.SortOrder, t.Version)).ToListAsync(ct);
    }

    public static async Task<Result<TechnologyDto>> Create(TandemDbContext db, Actor actor, TechnologyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        if (!ExchangeRates.CanEdit(actor))
        {
            return Error.Forbidden("Only analysts, the secretariat and administrators may edit the technology taxonomy.");
        }

        var validation = Validate(input);
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (validation.IsValid && await db.Set<Technology>().IgnoreQueryFilters().AnyAsync(t => t.Code == code, ct))
        {
            return Error.Duplicate("code", $"The taxonomy already has a technology {code}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var technology = new Technology { Code = code };
        Apply(technology, input, await db.Set<Technology>().CountAsync(ct) + 1);
        db.Set<Technology>().Add(technology);
        await db.SaveChangesAsync(ct);
        return ToDto(technology);
    }

    public static async Task<Result<TechnologyDto>> Update(TandemDbContext db, Actor actor, Guid id, TechnologyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var technology = await db.Set<Technology>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (technology is null)
        {
            return Error.NotFound("Technology");
        }

        if (!ExchangeRates.CanEdit(actor))
        {
            return Error.Forbidden("Only analysts, the secretariat and administrators may edit the technology taxonomy.");
        }

        var validation = Validate(input with { Code = input.Code ?? technology.Code }).Version(input.Version);
        if (input.Code is not null && input.Code.Trim().ToLowerInvariant() != technology.Code)
        {
            validation.Add("code", "code cannot be changed: programmes and files refer to the technology by it.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await Concurrency.SaveAsync(db, technology, input.Version!.Value, () => Apply(technology, input, technology.SortOrder), () => ToDto(technology), ct);
    }

    private static Validation Validate(TechnologyInput input) =>
        new Validation()
            .TechnologyCode("code", input.Code?.Trim().ToLowerInvariant())
            .Required("nameEn", input.NameEn, ForumRules.NameLength)
            .Optional("nameJa", input.NameJa, ForumRules.NameLength);

    private static void Apply(Technology technology, TechnologyInput input, int defaultOrder)
    {
        technology.NameEn = input.NameEn!.Trim();
        technology.NameJa = input.NameJa?.Trim() ?? "";
        technology.Prioritised = input.Prioritised ?? technology.Prioritised;
        technology.SortOrder = input.SortOrder ?? defaultOrder;
    }

    private static TechnologyDto ToDto(Technology t) => new(t.Id, t.Code, t.NameEn, t.NameJa, t.Prioritised, t.SortOrder, t.Version);

    private static Technology Seed(int n, string code, string en, string ja, bool prioritised) => new()
    {
        Id = new Guid($"7ec40000-0000-0000-0000-{n:D12}"),
        Code = code,
        NameEn = en,
        NameJa = ja,
        Prioritised = prioritised,
        SortOrder = n,
        CreatedAt = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc),
    };
}

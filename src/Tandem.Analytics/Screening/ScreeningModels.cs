using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Screening;

public enum ScreeningPreset
{
    /// <summary>CEPII GeoDep: HHI_M &gt; 0.4, HHI_W &gt; 0.4, M/X &gt; 1.</summary>
    GeoDep,

    /// <summary>European Commission 2021, for a party or a bloc, on imports from outside the bloc.</summary>
    Eu2021,
}

/// <summary>Thresholds and country sets of a screening; the defaults are those of DESIGN.md.</summary>
public sealed record ScreeningParameters
{
    /// <summary>Default countries of concern: China, Russia, North Korea, Iran.</summary>
    public static readonly IReadOnlyList<string> DefaultConcern = ["CHN", "RUS", "PRK", "IRN"];

    /// <summary>The forum's parties by default: the U.S.–Japan Economic 2+2.</summary>
    public static readonly IReadOnlyList<string> DefaultForumParties = ["USA", "JPN"];

    /// <summary>Default like-minded list: the other G7 members, the EU's largest economies, Australia, Korea, New Zealand.</summary>
    public static readonly IReadOnlyList<string> DefaultLikeMinded = ["AUS", "CAN", "DEU", "FRA", "GBR", "ITA", "KOR", "NLD", "NZL"];

    public ScreeningPreset Preset { get; init; } = ScreeningPreset.GeoDep;

    public IReadOnlyList<string> ConcernCountries { get; init; } = DefaultConcern;

    public IReadOnlyList<string> ForumParties { get; init; } = DefaultForumParties;

    public IReadOnlyList<string> LikeMinded { get; init; } = DefaultLikeMinded;

    /// <summary>Import concentration threshold (HHI over suppliers; extra-bloc suppliers for EU-2021).</summary>
    public double ImportConcentration { get; init; } = 0.4;

    /// <summary>World export concentration threshold (GeoDep).</summary>
    public double WorldConcentration { get; init; } = 0.4;

    /// <summary>Import/export ratio threshold (M/X for GeoDep; extra-bloc imports / bloc exports for EU-2021).</summary>
    public double ImportExportRatio { get; init; } = 1.0;

    /// <summary>Extra-bloc share of total imports threshold (EU-2021).</summary>
    public double ExtraBlocShare { get; init; } = 0.5;

    /// <summary>Value of the ratio where exports are zero.</summary>
    public double RatioWhenNoExports { get; init; } = 9999;

    /// <summary>Persistent: dependent in at least <see cref="PersistenceMinYears"/> of the <see cref="PersistenceWindow"/> years ending in t.</summary>
    public int PersistenceWindow { get; init; } = 3;

    public int PersistenceMinYears { get; init; } = 2;

    /// <summary>Allies: the forum's parties and the like-minded list, a union counted as its member states.</summary>
    public IReadOnlyList<string> Allies => TradeParties.Expand(ForumParties.Concat(LikeMinded));
}

public sealed record ScreeningRequest(int Year)
{
    /// <summary>
    /// Importers to screen; null or empty screens every importer of the year. A union's code (EUR) screens the
    /// union as one importer: its members' imports from non-members, one row per product under the union's code.
    /// </summary>
    public IReadOnlyList<string>? Parties { get; init; }

    /// <summary>EU-2021 only: screen these parties together as one bloc (one row per product, party = "USA+JPN"); a union counts as its members.</summary>
    public IReadOnlyList<string>? Bloc { get; init; }

    /// <summary>HS6 codes to screen; null screens every product (intersected with <see cref="Basket"/> when both are given).</summary>
    public IReadOnlyList<string>? Products { get; init; }

    public string? Basket { get; init; }

    /// <summary>Which source's flows; null picks the only source in the store, or BACI when both are there.</summary>
    public TradeSource? Source { get; init; }

    public ScreeningParameters Parameters { get; init; } = new();
}

/// <summary>One party × product × year. Shares are fractions (0..1); values in thousand USD; nothing rounded.</summary>
public sealed record ScreeningRow(
    string Party,
    int Year,
    string Hs6,
    string? Description,
    double Imports,
    long Suppliers,
    double HhiImports,
    string TopSupplier,
    double TopShare,
    double ConcernShare,
    double AllyShare,
    double Exports,
    double ImportExportRatio,
    double HhiWorld,
    bool Dependent,
    bool Persistent)
{
    /// <summary>EU-2021: extra-bloc imports / total imports of the party or bloc (1 for a single party).</summary>
    public double? ExtraBlocShare { get; init; }
}

/// <summary>A screening with what produced it: the request (parameters) and the imports (data versions) it read.</summary>
public sealed record ScreeningResult(
    ScreeningRequest Request,
    TradeSource Source,
    IReadOnlyList<int> YearsRead,
    IReadOnlyList<ImportRecord> DataVersions,
    IReadOnlyList<ScreeningRow> Rows,
    DateTime ComputedAtUtc)
{
    /// <summary>Column order of every export (CSV, XLSX, JSON rows).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "party", "year", "hs6", "description", "imports", "suppliers", "hhi_imports", "top_supplier", "top_share",
        "concern_share", "ally_share", "exports", "import_export_ratio", "hhi_world", "dependent", "persistent",
    ];
}

namespace Tandem.Analytics.CodeLists;

/// <summary>A six-digit product of the HS 2022 nomenclature.</summary>
public sealed record HsProduct(string Hs6, string Description, string Section);

public sealed record HsSection(string Section, string Name);

/// <summary>A country of ISO 3166-1 (alpha-3 is the identity used everywhere in Tandem).</summary>
public sealed record IsoCountry(string Iso3, string Iso2, int? Numeric, string Name);

/// <summary>A row of CEPII BACI's own country list: BACI codes are not always ISO numeric codes.</summary>
public sealed record BaciCountry(int Code, string Iso3, string Name);

using Tandem.Core.Common;

namespace Tandem.Core.Forums;

/// <summary>A country taking part in forums, keyed by its ISO 3166-1 alpha-3 code.</summary>
public sealed class Party : Entity
{
    public string Iso3 { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    /// <summary>IANA zone of the capital: meeting times are shown in every party's capital zone.</summary>
    public string CapitalTimeZone { get; set; } = "";

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

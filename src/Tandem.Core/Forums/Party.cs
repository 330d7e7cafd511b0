using Tandem.Core.Common;

namespace Tandem.Core.Forums;

/// <summary>
/// A government or a union of governments taking part in forums. <see cref="Iso3"/> holds its party code: the
/// ISO 3166-1 alpha-3 code of a state, or the code of a union in the shipped registry (<c>EUR</c> for the
/// European Union; see <c>Reference/unions.csv</c>).
/// </summary>
public sealed class Party : Entity
{
    public string Iso3 { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    /// <summary>IANA zone of the (main) capital: meeting times are shown in every party's capital zones.</summary>
    public string CapitalTimeZone { get; set; } = "";

    /// <summary>
    /// Further zones the party's people read times in, after the main one: a union spans several (the EU's
    /// capital is Brussels, and its member capitals include Lisbon and Helsinki).
    /// </summary>
    public List<string> OtherTimeZones { get; set; } = [];

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);

    /// <summary>Every capital zone of the party, the main one first.</summary>
    public IReadOnlyList<string> TimeZones() => PartyTimeZones.Of(CapitalTimeZone, OtherTimeZones);
}

/// <summary>A party's capital zones as one list, the main zone first, without blanks or repeats.</summary>
public static class PartyTimeZones
{
    /// <summary>At most this many zones per party (the EU's member capitals span three).</summary>
    public const int Max = 8;

    public static IReadOnlyList<string> Of(string main, IEnumerable<string>? others) =>
        new[] { main }.Concat(others ?? []).Where(z => !string.IsNullOrWhiteSpace(z)).Select(z => z.Trim())
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>(party, zone) pairs for every zone of every party, in the parties' order and each party's own order.</summary>
    public static IEnumerable<(string Party, string Zone)> Pairs<T>(IEnumerable<T> parties, Func<T, string> code, Func<T, string> main, Func<T, IEnumerable<string>?> others) =>
        parties.SelectMany(p => Of(main(p), others(p)).Select(z => (code(p), z)));
}

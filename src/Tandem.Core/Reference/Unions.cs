using System.Collections.Frozen;
using Tandem.Core.Common;

namespace Tandem.Core.Reference;

/// <summary>A union of governments that may take part in a forum as one party, such as the European Union.</summary>
public sealed record Union(string Code, string NameEn, string NameJa, IReadOnlyList<string> Members)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>
/// The registry of unions shipped with Tandem (<c>unions.csv</c>, see NOTICE.md). A union's code never collides
/// with an ISO 3166-1 alpha-3 code, so a party code names either a state or a registered union.
/// </summary>
public static class Unions
{
    private static readonly Lazy<FrozenDictionary<string, Union>> Registry = new(Load);

    public static bool IsKnown(string? code) => code is not null && Registry.Value.ContainsKey(code);

    public static Union? Find(string? code) => code is null ? null : Registry.Value.GetValueOrDefault(code);

    public static IEnumerable<Union> All => Registry.Value.Values.OrderBy(u => u.Code, StringComparer.Ordinal);

    private static FrozenDictionary<string, Union> Load()
    {
        using var stream = typeof(Unions).Assembly.GetManifestResourceStream("Tandem.Core.Reference.unions.csv")
            ?? throw new InvalidOperationException("The registry of unions is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, Union>(StringComparer.Ordinal);
        foreach (var (_, fields) in Csv.ReadRows(reader).Skip(1))
        {
            var members = fields[3].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            result[fields[0]] = new Union(fields[0], fields[1], fields[2], members);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>What a party code may be: an ISO 3166-1 alpha-3 state or a union from the registry.</summary>
public static class PartyCodes
{
    public static bool IsKnown(string? code) => IsoCountries.IsKnown(code) || Unions.IsKnown(code);

    /// <summary>The states a party stands for in trade data: a state for itself, a union for its members.</summary>
    public static IReadOnlyList<string> ReporterCodes(string code) => Unions.Find(code)?.Members ?? [code];

    /// <summary>The English name of a code from the shipped lists (a union's registered name, else the ISO short name).</summary>
    public static string? NameOf(string code) => Unions.Find(code)?.NameEn ?? IsoCountries.NameOf(code);
}

using System.Collections.Frozen;
using Tandem.Core.Common;

namespace Tandem.Core.Reference;

/// <summary>The ISO 3166-1 list shipped with Tandem (see NOTICE.md), against which parties are validated.</summary>
public static class IsoCountries
{
    private static readonly Lazy<FrozenDictionary<string, string>> Names = new(Load);

    public static bool IsKnown(string? alpha3) => alpha3 is not null && Names.Value.ContainsKey(alpha3);

    public static string? NameOf(string alpha3) => Names.Value.GetValueOrDefault(alpha3);

    public static IEnumerable<KeyValuePair<string, string>> All => Names.Value.OrderBy(c => c.Key, StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(IsoCountries).Assembly.GetManifestResourceStream("Tandem.Core.Reference.iso3166.csv")
            ?? throw new InvalidOperationException("The ISO 3166 list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, fields) in Csv.ReadRows(reader).Skip(1))
        {
            result[fields[0]] = fields[3];
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

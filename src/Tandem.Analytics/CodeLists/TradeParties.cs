using System.Collections.Frozen;

namespace Tandem.Analytics.CodeLists;

/// <summary>
/// What a party stands for in trade data. A state is its own reporter; a union of governments (the registry
/// <c>unions.csv</c> shipped beside Core's ISO list: <c>EUR</c>, the European Union) stands for its member states,
/// and its trade is their trade with non-members: flows between two members are inside the union and never count.
/// </summary>
public static class TradeParties
{
    private static readonly Lazy<FrozenDictionary<string, IReadOnlyList<string>>> Registry = new(Load);

    /// <summary>The codes of the registered unions, in code order.</summary>
    public static IReadOnlyList<string> UnionCodes => Registry.Value.Keys.Order(StringComparer.Ordinal).ToList();

    public static bool IsUnion(string? code) => code is not null && Registry.Value.ContainsKey(code);

    /// <summary>A country code of the trade store's lists, or a registered union's code.</summary>
    public static bool IsKnown(string? code) => code is not null && (TradeCodeLists.Default.KnownIso3.Contains(code) || IsUnion(code));

    /// <summary>The reporters a party stands for: a state itself, a union its members.</summary>
    public static IReadOnlyList<string> ReportersOf(string code) =>
        Registry.Value.TryGetValue(code, out var members) ? members : [code];

    /// <summary>Every reporter the parties stand for, each once, in the order given (a union replaced by its members).</summary>
    public static List<string> Expand(IEnumerable<string> codes) =>
        codes.SelectMany(ReportersOf).Distinct(StringComparer.Ordinal).ToList();

    private static FrozenDictionary<string, IReadOnlyList<string>> Load()
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var row in SimpleCsv.ReadRecords(TradeCodeLists.ReadResource("unions.csv")))
        {
            var members = row["members"].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            result[row["code"]] = members;
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

using DuckDB.NET.Data;
using Tandem.Analytics.CodeLists;

namespace Tandem.Analytics.Store;

/// <summary>Validation shared by the analyses: codes, products, baskets, source and years. Failures name the input.</summary>
internal static class TradeInput
{
    public static Failure? CheckCountries(IEnumerable<string>? codes, string what)
    {
        if (codes is null)
        {
            return null;
        }

        foreach (var code in codes)
        {
            if (code.Length != 3 || !TradeCodeLists.Default.KnownIso3.Contains(code))
            {
                return new Failure(FailureKind.Invalid, $"unknown ISO3 country code '{code}' in {what}");
            }
        }

        return null;
    }

    /// <summary>Party codes: a country code, or a registered union's code (EUR) that stands for its members.</summary>
    public static Failure? CheckParties(IEnumerable<string>? codes, string what)
    {
        foreach (var code in codes ?? [])
        {
            if (!TradeParties.IsKnown(code))
            {
                return new Failure(FailureKind.Invalid,
                    $"unknown party code '{code}' in {what}: use an ISO3 country code or a union ({string.Join(", ", TradeParties.UnionCodes)})");
            }
        }

        return null;
    }

    public static Failure? CheckFraction(double value, string what) =>
        double.IsFinite(value) && value is >= 0 and <= 1
            ? null
            : new Failure(FailureKind.Invalid, $"{what} must be a fraction between 0 and 1, not {value}");

    public static Failure? CheckFinite(double value, string what) =>
        double.IsFinite(value) ? null : new Failure(FailureKind.Invalid, $"{what} must be a finite number");

    /// <summary>The product filter: explicit codes and/or a basket (intersected when both), or null for every product.</summary>
    public static Result<IReadOnlyList<string>?> ResolveProducts(IReadOnlyList<string>? products, string? basket)
    {
        IReadOnlyList<string>? selected = null;
        if (products is { Count: > 0 })
        {
            foreach (var code in products)
            {
                if (code.Length != 6 || !code.All(char.IsAsciiDigit))
                {
                    return Result<IReadOnlyList<string>?>.Invalid($"product code '{code}' is not a six-digit HS code");
                }
            }

            selected = products.Distinct(StringComparer.Ordinal).ToList();
        }

        if (!string.IsNullOrWhiteSpace(basket))
        {
            var found = ProductBaskets.Find(basket);
            if (!found.IsSuccess)
            {
                return found.Failure!;
            }

            var codes = found.Value.Codes;
            selected = selected is null ? codes : selected.Intersect(codes, StringComparer.Ordinal).ToList();
        }

        return Result<IReadOnlyList<string>?>.Ok(selected);
    }

    public static Result<TradeSource> ResolveSource(DuckDBConnection connection, TradeSource? requested)
    {
        var present = Sql.Query(connection, "SELECT DISTINCT source FROM imports WHERE superseded_by IS NULL ORDER BY source",
            r => TradeStore.ParseSource(r.GetString(0)));
        if (present.Count == 0)
        {
            return Result<TradeSource>.NotFound("the trade store is empty: import BACI or Comtrade files first");
        }

        if (requested is { } source)
        {
            return present.Contains(source)
                ? source
                : Result<TradeSource>.NotFound($"no {TradeStore.SourceName(source)} data in the trade store");
        }

        // BACI is reconciled (one value per flow); prefer it when both sources are present.
        return present.Contains(TradeSource.Baci) ? TradeSource.Baci : present[0];
    }

    public static List<int> YearsIn(DuckDBConnection connection, TradeSource source) =>
        Sql.Query(connection, "SELECT DISTINCT unnest(years) AS y FROM imports WHERE superseded_by IS NULL AND source = ? ORDER BY y",
            r => r.GetInt32(0), TradeStore.SourceName(source));

    public static Failure? CheckYear(List<int> available, int year) =>
        available.Contains(year)
            ? null
            : new Failure(FailureKind.NotFound,
                $"year {year} is not in the trade store (years present: {(available.Count == 0 ? "none" : string.Join(", ", available))})");
}

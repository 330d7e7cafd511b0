using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Screening;

public sealed record SupplierShare(string Supplier, double Value, double Share);

public sealed record SupplierSharesResult(string Party, string Hs6, string? Description, int Year, double Imports, IReadOnlyList<SupplierShare> Suppliers);

/// <summary>Who supplies a party's imports of one product in one year: the data behind a concentration chart.</summary>
public static class SupplierShares
{
    public static Result<SupplierSharesResult> Run(TradeStore store, string party, string hs6, int year, TradeSource? source = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (TradeInput.CheckParties([party], "party") is { } invalid)
        {
            return invalid;
        }

        var products = TradeInput.ResolveProducts([hs6], null);
        if (!products.IsSuccess)
        {
            return products.Failure!;
        }

        using var gate = store.Acquire();
        var connection = store.Connection;
        var resolved = TradeInput.ResolveSource(connection, source);
        if (!resolved.IsSuccess)
        {
            return resolved.Failure!;
        }

        if (!TradeInput.YearsIn(connection, resolved.Value).Contains(year))
        {
            return Result<SupplierSharesResult>.NotFound($"year {year} is not in the trade store.");
        }

        var pairs = PairFlows.Build(connection, new PairFlows.Scope(resolved.Value, [year], products.Value));
        // A union's suppliers are those outside it, their deliveries to every member summed.
        var members = Sql.InList(TradeParties.ReportersOf(party));
        var sql = $"""
            WITH f AS NOT MATERIALIZED ({pairs}),
            e AS (SELECT exporter, sum(v) AS v FROM f WHERE importer IN {members} AND exporter NOT IN {members} AND year = {year} GROUP BY exporter)
            SELECT exporter, v, v / sum(v) OVER () FROM e
            ORDER BY v DESC, exporter
            """;
        var suppliers = Sql.Query(connection, sql, r => new SupplierShare(r.GetString(0), r.GetDouble(1), r.GetDouble(2)));
        var description = Sql.Query(connection, $"SELECT description FROM products WHERE hs6 = {Sql.Literal(products.Value![0])}", r => Sql.NullableString(r, 0)).FirstOrDefault();
        return new SupplierSharesResult(party, products.Value[0], description, year, suppliers.Sum(s => s.Value), suppliers);
    }
}

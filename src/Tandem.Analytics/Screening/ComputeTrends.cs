using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Screening;

public sealed record TrendRequest(string Party)
{
    public IReadOnlyList<string>? Products { get; init; }

    public string? Basket { get; init; }

    public TradeSource? Source { get; init; }
}

public sealed record TrendPoint(string Party, string Hs6, string? Description, int Year, double Imports, long Suppliers, double HhiImports, string TopSupplier, double TopShare);

public sealed record TrendResult(TrendRequest Request, TradeSource Source, IReadOnlyList<int> Years, IReadOnlyList<ImportRecord> DataVersions, IReadOnlyList<TrendPoint> Points);

/// <summary>Import concentration and top-supplier share of a party per product over every year in the store.</summary>
public static class ComputeTrends
{
    public static Result<TrendResult> Run(TradeStore store, TrendRequest request)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        if (TradeInput.CheckParties([request.Party], "party") is { } invalid)
        {
            return invalid;
        }

        var products = TradeInput.ResolveProducts(request.Products, request.Basket);
        if (!products.IsSuccess)
        {
            return products.Failure!;
        }

        using var gate = store.Acquire();
        var connection = store.Connection;
        var source = TradeInput.ResolveSource(connection, request.Source);
        if (!source.IsSuccess)
        {
            return source.Failure!;
        }

        var years = TradeInput.YearsIn(connection, source.Value);
        var pairs = PairFlows.Build(connection, new PairFlows.Scope(source.Value, years, products.Value));
        // A union's imports are its members' imports from outside it, each supplier's deliveries summed.
        var members = Sql.InList(TradeParties.ReportersOf(request.Party));
        var sql = $"""
            WITH f AS NOT MATERIALIZED ({pairs}),
            e AS (
                SELECT year, hs6, exporter, sum(v) AS v FROM f
                WHERE importer IN {members} AND exporter NOT IN {members}
                GROUP BY year, hs6, exporter)
            SELECT m.importer, m.hs6, pr.description, m.year, m.imports, m.suppliers, m.ssq / (m.imports * m.imports), m.top_supplier, m.top_v / m.imports
            FROM (
                SELECT year, {Sql.Literal(request.Party)} AS importer, hs6, sum(v) AS imports, count(*) AS suppliers, sum(v * v) AS ssq,
                       arg_min(exporter, (-v, exporter)) AS top_supplier, max(v) AS top_v
                FROM e
                GROUP BY year, hs6) m
            LEFT JOIN products pr ON pr.hs6 = m.hs6
            ORDER BY m.hs6, m.year
            """;
        var points = Sql.Query(connection, sql, r => new TrendPoint(
            r.GetString(0), r.GetString(1), Sql.NullableString(r, 2), r.GetInt32(3), r.GetDouble(4), r.GetInt64(5), r.GetDouble(6), r.GetString(7), r.GetDouble(8)));
        return new TrendResult(request, source.Value, years, PairFlows.ImportsFor(connection, source.Value, years), points);
    }
}

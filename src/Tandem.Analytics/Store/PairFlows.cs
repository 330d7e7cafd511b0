using System.Globalization;
using DuckDB.NET.Data;

namespace Tandem.Analytics.Store;

/// <summary>
/// Builds the SQL for pair-level flows <c>v[i→j,k,t]</c> (columns <c>year, exporter, importer, hs6, v</c>) that
/// every analysis starts from: duplicates of a pair summed, zero flows dropped (a zero flow is not a supplier).
/// </summary>
/// <remarks>
/// Summing duplicates is a hash aggregation over every row (tens of millions of groups for a BACI year), most of
/// the cost of a screening, while BACI itself never repeats a pair. So each BACI import table is checked for repeated
/// pairs when it is imported, inside the pass that builds its screening summary (the count is kept in
/// <c>imports.duplicate_pairs</c>; a store written before that is checked on first use) and the aggregation runs only on tables that have some. Comtrade tables are always aggregated, after keeping the importer's declaration (M) of a flow
/// over the exporter's mirror declaration (X) of the same flow.
/// </remarks>
internal static class PairFlows
{
    public sealed record Scope(TradeSource Source, IReadOnlyCollection<int> Years, IReadOnlyCollection<string>? Products);

    /// <summary>Active imports of the source that hold any of the years.</summary>
    public static List<ImportRecord> ImportsFor(DuckDBConnection connection, TradeSource source, IReadOnlyCollection<int> years) =>
        TradeStore.ReadImports(connection,
            $"superseded_by IS NULL AND source = {Sql.Literal(TradeStore.SourceName(source))} AND list_has_any(years, {YearList(years)})");

    public static string Build(DuckDBConnection connection, Scope scope)
    {
        var tables = Sql.Query(connection,
            $"""
            SELECT import_id, table_name, duplicate_pairs FROM imports
            WHERE superseded_by IS NULL AND source = ? AND list_has_any(years, {YearList(scope.Years)})
            ORDER BY import_id
            """,
            r => (Id: r.GetInt32(0), Table: r.GetString(1), Duplicates: r.IsDBNull(2) ? (long?)null : r.GetInt64(2)),
            TradeStore.SourceName(scope.Source));

        // A literal IN list, not a subquery: DuckDB turns it into a plain filter (a subquery would be a join per table).
        var filter = scope.Years.Count == 0
            ? "FALSE"
            : $"year IN ({string.Join(",", scope.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)))})";
        if (scope.Products is { } products)
        {
            filter += $" AND hs6 IN {Sql.InList(products)}";
        }

        if (tables.Count == 0)
        {
            return "SELECT year, exporter, importer, hs6, value AS v FROM flows_empty WHERE FALSE";
        }

        if (scope.Source == TradeSource.Comtrade)
        {
            var union = string.Join("\nUNION ALL ", tables.Select(t =>
                $"SELECT year, exporter, importer, hs6, reported, value FROM {t.Table} WHERE {filter}"));
            return $"""
                SELECT year, exporter, importer, hs6, sum(value) AS v
                FROM (
                    SELECT year, exporter, importer, hs6, reported, value,
                           min(reported) OVER (PARTITION BY year, exporter, importer, hs6) AS preferred
                    FROM ({union})
                )
                WHERE reported = preferred
                GROUP BY year, exporter, importer, hs6
                HAVING sum(value) > 0
                """;
        }

        return string.Join("\nUNION ALL ", tables.Select(t => ForBaciTable(connection, t.Id, t.Table, t.Duplicates, filter)));
    }

    /// <summary>
    /// Pair-level flows of one BACI import table under <paramref name="filter"/> (a predicate on its columns; only
    /// on the pair's own columns, so that filtering before summing duplicates gives the same pairs as after).
    /// </summary>
    public static string ForBaciTable(DuckDBConnection connection, int importId, string table, long? duplicatePairs, string filter)
    {
        var count = duplicatePairs ?? CountDuplicatePairs(connection, importId, table);
        return count == 0
            ? $"SELECT year, exporter, importer, hs6, value AS v FROM {table} WHERE {filter} AND value > 0"
            : $"SELECT year, exporter, importer, hs6, sum(value) AS v FROM {table} WHERE {filter} GROUP BY year, exporter, importer, hs6 HAVING sum(value) > 0";
    }

    public static string YearList(IEnumerable<int> years) =>
        "[" + string.Join(",", years.Select(y => y.ToString(CultureInfo.InvariantCulture))) + "]::INTEGER[]";

    private static long CountDuplicatePairs(DuckDBConnection connection, int importId, string table)
    {
        var duplicates = DuplicatePairs(connection, table);
        Sql.Execute(connection, "UPDATE imports SET duplicate_pairs = ? WHERE import_id = ?", duplicates, importId);
        return duplicates;
    }

    /// <summary>
    /// Rows of <paramref name="table"/> with a positive value that share (year, exporter, importer, hs6) with an earlier
    /// such row. Zero flows are dropped before any analysis, so only repeats among the others change a result.
    /// </summary>
    public static long DuplicatePairs(DuckDBConnection connection, string table) =>
        Sql.Scalar<long>(connection,
            $"SELECT CAST(coalesce(sum(n - 1), 0) AS BIGINT) FROM (SELECT count(*) AS n FROM {table} WHERE value > 0 GROUP BY year, exporter, importer, hs6 HAVING count(*) > 1)");
}

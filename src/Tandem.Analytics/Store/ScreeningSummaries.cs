using System.Globalization;
using DuckDB.NET.Data;

namespace Tandem.Analytics.Store;

/// <summary>
/// Per active BACI import, its pair-level flows aggregated once per importer × product × year into the columns of a
/// screening that do not depend on the request's parameters: imports, supplier count, Σv², top supplier and its
/// value (ties to the alphabetically first ISO3), the importer's own world exports of the product, and the
/// product's world export concentration (ADR-0102).
/// </summary>
/// <remarks>
/// A BACI import replaces whole years, so every year lives in exactly one active import table and an import's
/// summary is complete for its years. The import builds it in its own transaction, right after loading the flows
/// (and rebuilds that of an older import it takes years from), so the first screening reads it. It is derived data
/// only: <see cref="Invalidate"/> drops it whenever the import's flows change or the import is superseded, and
/// <see cref="Ensure"/> builds any summary that is missing (a store written by an earlier Tandem) on first use.
/// </remarks>
internal static class ScreeningSummaries
{
    public sealed record Summary(int ImportId, string FlowsTable, long? DuplicatePairs, IReadOnlyList<int> Years, string Table);

    public static string TableName(int importId) => $"screening_summary_{importId:D6}";

    /// <summary>Summaries of the active BACI imports that hold any of <paramref name="years"/>, building those missing.</summary>
    public static List<Summary> Ensure(DuckDBConnection connection, IReadOnlyCollection<int> years)
    {
        var imports = Read(connection, years);
        if (imports.Any(i => i.Table is null))
        {
            foreach (var missing in imports.Where(i => i.Table is null))
            {
                Build(connection, missing.ImportId, missing.FlowsTable, missing.DuplicatePairs);
            }

            // Again from the registry: building also settles each import's duplicate-pair count.
            imports = Read(connection, years);
        }

        return imports.Select(i => new Summary(i.ImportId, i.FlowsTable, i.DuplicatePairs, i.Years, i.Table!)).ToList();
    }

    private static List<(int ImportId, string FlowsTable, long? DuplicatePairs, List<int> Years, string? Table)> Read(
        DuckDBConnection connection, IReadOnlyCollection<int> years) =>
        Sql.Query(connection,
            $"""
            SELECT i.import_id, i.table_name, i.duplicate_pairs, i.years, s.table_name
            FROM imports i LEFT JOIN screening_summaries s USING (import_id)
            WHERE i.superseded_by IS NULL AND i.source = 'baci' AND list_has_any(i.years, {PairFlows.YearList(years)})
            ORDER BY i.import_id
            """,
            r => (r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? (long?)null : r.GetInt64(2),
                ((System.Collections.IEnumerable)r.GetValue(3)).Cast<object>().Select(y => Convert.ToInt32(y, CultureInfo.InvariantCulture)).ToList(),
                r.IsDBNull(4) ? null : r.GetString(4)));

    /// <summary>Drops the import's summary, if any; call whenever the import's flows change or it is superseded.</summary>
    public static void Invalidate(DuckDBConnection connection, int importId)
    {
        Sql.Execute(connection, $"DROP TABLE IF EXISTS {TableName(importId)}");
        Sql.Execute(connection, "DELETE FROM screening_summaries WHERE import_id = ?", importId);
    }

    /// <summary>
    /// Builds the summary of an import inside the caller's transaction (the import's own, so a committed BACI import
    /// always has its summary and the first screening after it reads it instead of aggregating the flows).
    /// </summary>
    public static void BuildInTransaction(DuckDBConnection connection, int importId, string flowsTable, long? duplicatePairs)
    {
        Create(connection, importId, PairFlows.ForBaciTable(connection, importId, flowsTable, duplicatePairs, "TRUE"), countRepeats: false);
        Register(connection, importId);
    }

    /// <summary>
    /// Builds the summary of a BACI import just loaded, whose repeated pairs are not counted yet, and records that
    /// count in <c>imports.duplicate_pairs</c> (the import's row must exist). The summary is first built from the
    /// rows as they are, counting on the way how many rows repeat an exporter within an importer × product × year;
    /// that one pass replaces a separate group-by of every pair. Only when some do (BACI never repeats a pair) is it
    /// built again from the pairs with their duplicates summed.
    /// </summary>
    public static long BuildForNewImport(DuckDBConnection connection, int importId, string flowsTable)
    {
        Create(connection, importId, $"SELECT year, exporter, importer, hs6, value AS v FROM {flowsTable} WHERE value > 0", countRepeats: true);
        var repeats = Sql.Scalar<long>(connection, $"SELECT CAST(coalesce(sum(repeats), 0) AS BIGINT) FROM {TableName(importId)}");
        if (repeats > 0)
        {
            Create(connection, importId, PairFlows.ForBaciTable(connection, importId, flowsTable, repeats, "TRUE"), countRepeats: false);
        }

        Sql.Execute(connection, "UPDATE imports SET duplicate_pairs = ? WHERE import_id = ?", repeats, importId);
        Register(connection, importId);
        return repeats;
    }

    private static void Create(DuckDBConnection connection, int importId, string pairs, bool countRepeats)
    {
        var table = TableName(importId);
        Sql.Execute(connection, $"DROP TABLE IF EXISTS {table}");
        Sql.Execute(connection, "DELETE FROM screening_summaries WHERE import_id = ?", importId);
        // Not sorted: a sort of a million rows cost as much as the aggregation itself, and the screening's filters on
        // year, importer and product scan the summary in a few milliseconds either way.
        Sql.Execute(connection,
            $"""
            CREATE TABLE {table} AS
            WITH p AS ({pairs}),
            w_e AS (SELECT year, hs6, exporter, sum(v) AS w FROM p GROUP BY year, hs6, exporter),
            w AS (SELECT year, hs6, sum(w * w) / (sum(w) * sum(w)) AS hhi_w FROM w_e GROUP BY year, hs6),
            m AS (
                SELECT year, importer, hs6, sum(v) AS imports, count(*) AS suppliers, sum(v * v) AS ssq,
                       -- Largest supplier; ties go to the alphabetically first ISO3 so results are reproducible.
                       arg_min(exporter, (-v, exporter)) AS top_supplier, max(v) AS top_v,
                       {(countRepeats ? RepeatsSql(connection) : "CAST(0 AS BIGINT)")} AS repeats
                FROM p GROUP BY year, importer, hs6)
            SELECT m.year, m.importer, m.hs6, m.imports, m.suppliers, m.ssq, m.top_supplier, m.top_v,
                   coalesce(x.w, 0) AS exports, w.hhi_w, m.repeats
            FROM m
            JOIN w ON w.year = m.year AND w.hs6 = m.hs6
            LEFT JOIN w_e x ON x.year = m.year AND x.hs6 = m.hs6 AND x.exporter = m.importer
            """);
    }

    private static void Register(DuckDBConnection connection, int importId) =>
        Sql.Execute(connection, "INSERT INTO screening_summaries VALUES (?, ?, now()::TIMESTAMP)", importId, TableName(importId));

    /// <summary>
    /// Rows of a group minus its distinct exporters: each exporter sets one bit of a bitmap (64 countries a word,
    /// the country type is a small enum), so the distinct count is the bitmap's population count — an exact count
    /// in constant memory per group, unlike a group-by of every pair.
    /// </summary>
    private static string RepeatsSql(DuckDBConnection connection)
    {
        // The store's own country type, which a store written by an earlier Tandem may have with other members.
        var members = Sql.Scalar<long>(connection, "SELECT len(enum_range(NULL::iso3))");
        var words = Enumerable.Range(0, (int)((members + 63) / 64)).Select(w =>
        {
            var low = (w * 64).ToString(CultureInfo.InvariantCulture);
            var high = ((w + 1) * 64).ToString(CultureInfo.InvariantCulture);
            return $"coalesce(bit_count(bit_or(CASE WHEN enum_code(exporter) >= {low} AND enum_code(exporter) < {high} "
                + $"THEN CAST(1 AS UBIGINT) << CAST(CAST(enum_code(exporter) AS INTEGER) - {low} AS UBIGINT) END)), 0)";
        });
        return $"CAST(count(*) - ({string.Join(" + ", words)}) AS BIGINT)";
    }

    // A store written before summaries were built by the import (or one whose summary was dropped) gets it here.
    private static void Build(DuckDBConnection connection, int importId, string flowsTable, long? duplicatePairs)
    {
        using var transaction = connection.BeginTransaction();
        BuildInTransaction(connection, importId, flowsTable, duplicatePairs);
        transaction.Commit();
    }
}

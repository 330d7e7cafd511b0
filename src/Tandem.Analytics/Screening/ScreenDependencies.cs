using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Screening;

/// <summary>
/// Dependency screening per party × product × year (DESIGN.md, "Supply-chain screening: definitions"), as one
/// set-based DuckDB query over every product: imports, suppliers, HHI over suppliers, top supplier, concern and
/// ally shares, exports, M/X, world export concentration, and the preset's dependent / persistent flags.
/// </summary>
public static class ScreenDependencies
{
    public static Result<ScreeningResult> Run(TradeStore store, ScreeningRequest request)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters;
        var invalid = TradeInput.CheckParties(request.Parties, "parties")
            ?? TradeInput.CheckParties(request.Bloc, "bloc")
            ?? TradeInput.CheckCountries(parameters.ConcernCountries, "countries of concern")
            ?? TradeInput.CheckParties(parameters.ForumParties, "forum parties")
            ?? TradeInput.CheckParties(parameters.LikeMinded, "like-minded countries")
            ?? TradeInput.CheckFinite(parameters.ImportConcentration, "import concentration threshold")
            ?? TradeInput.CheckFinite(parameters.WorldConcentration, "world concentration threshold")
            ?? TradeInput.CheckFinite(parameters.ImportExportRatio, "import/export ratio threshold")
            ?? TradeInput.CheckFinite(parameters.ExtraBlocShare, "extra-bloc share threshold")
            ?? TradeInput.CheckFinite(parameters.RatioWhenNoExports, "ratio when there are no exports");
        if (invalid is not null)
        {
            return invalid;
        }

        if (parameters.PersistenceWindow < 1 || parameters.PersistenceMinYears < 1 || parameters.PersistenceMinYears > parameters.PersistenceWindow)
        {
            return Result<ScreeningResult>.Invalid("persistence needs 1 ≤ minimum years ≤ window");
        }

        if (request.Bloc is { Count: > 0 } && parameters.Preset != ScreeningPreset.Eu2021)
        {
            return Result<ScreeningResult>.Invalid("a bloc is screened with the eu2021 preset; with geodep, list the parties instead");
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

        var available = TradeInput.YearsIn(connection, source.Value);
        if (TradeInput.CheckYear(available, request.Year) is { } missing)
        {
            return missing;
        }

        var window = Enumerable.Range(request.Year - parameters.PersistenceWindow + 1, parameters.PersistenceWindow).ToList();
        var yearsRead = window.Where(available.Contains).ToList();
        var scope = new PairFlows.Scope(source.Value, yearsRead, products.Value);
        List<ScreeningRow> rows;
        if (request.Bloc is { Count: > 0 } bloc)
        {
            rows = Sql.Query(connection, UnionSql(PairFlows.Build(connection, scope), TradeParties.Expand(bloc), BlocLabel(bloc), request.Year, parameters), ReadRow);
        }
        else
        {
            // A union is screened as one importer of its own; states as before, all states at once.
            var unions = (request.Parties ?? []).Where(TradeParties.IsUnion).Distinct(StringComparer.Ordinal).ToList();
            var states = request.Parties?.Where(c => !TradeParties.IsUnion(c)).ToList();
            rows = [];
            if (unions.Count == 0 || states is { Count: > 0 })
            {
                var sql = source.Value == TradeSource.Baci
                    ? SummarySql(connection, ScreeningSummaries.Ensure(connection, yearsRead), states, request.Year, yearsRead, products.Value, parameters)
                    : PartySql(PairFlows.Build(connection, scope), states, request.Year, parameters);
                rows.AddRange(Sql.Query(connection, sql, ReadRow));
            }

            foreach (var union in unions)
            {
                rows.AddRange(Sql.Query(connection, UnionSql(PairFlows.Build(connection, scope), TradeParties.ReportersOf(union), union, request.Year, parameters), ReadRow));
            }

            if (unions.Count > 0)
            {
                rows = rows.OrderBy(r => r.Party, StringComparer.Ordinal).ThenBy(r => r.Hs6, StringComparer.Ordinal).ToList();
            }
        }

        var versions = PairFlows.ImportsFor(connection, source.Value, yearsRead);
        return new ScreeningResult(request, source.Value, yearsRead, versions, rows, DateTime.UtcNow);
    }

    /// <summary>Label of a bloc in the party column: its members in the order given, joined by '+'.</summary>
    public static string BlocLabel(IEnumerable<string> bloc) => string.Join('+', bloc);

    /// <summary>
    /// The party screening from the BACI imports' screening summaries (ADR-0102): the same columns as
    /// <see cref="PartySql"/>, with the parameter-free aggregates read from the summaries, the dependent test of
    /// the window's years evaluated on them, and only the concern and ally sums of year t taken from the flows —
    /// from the few rows whose exporter is in those sets.
    /// </summary>
    private static string SummarySql(
        DuckDBConnection connection, List<ScreeningSummaries.Summary> summaries, IReadOnlyList<string>? parties, int year,
        IReadOnlyCollection<int> years, IReadOnlyCollection<string>? products, ScreeningParameters p)
    {
        var scope = string.Empty;
        if (products is not null)
        {
            scope += $" AND hs6 IN {Sql.InList(products)}";
        }

        if (parties is { Count: > 0 })
        {
            scope += $" AND importer IN {Sql.Iso3List(parties)}";
        }

        var yearList = string.Join(",", years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        var summaryRows = string.Join("\n    UNION ALL ", summaries.Select(s =>
            $"SELECT year, importer, hs6, imports, suppliers, ssq, top_supplier, top_v, exports, hhi_w FROM {s.Table} WHERE year IN ({yearList}){scope}"));
        var shareFilter = $"year = {year.ToString(CultureInfo.InvariantCulture)} AND exporter IN {Sql.Iso3List(p.ConcernCountries.Union(p.Allies, StringComparer.Ordinal))}{scope}";
        var shareParts = summaries.Where(s => s.Years.Contains(year)).Select(s =>
            PairFlows.ForBaciTable(connection, s.ImportId, s.FlowsTable, s.DuplicatePairs, shareFilter)).ToList();
        // Year t was checked to be in the store, so some import holds it; kept valid SQL all the same.
        var shareRows = shareParts.Count == 0
            ? "SELECT year, exporter, importer, hs6, value AS v FROM flows_empty WHERE FALSE"
            : string.Join("\n    UNION ALL ", shareParts);
        var dependent = p.Preset == ScreeningPreset.GeoDep
            ? $"hhi_m > {Sql.Double(p.ImportConcentration)} AND hhi_w > {Sql.Double(p.WorldConcentration)} AND ratio > {Sql.Double(p.ImportExportRatio)}"
            // EU-2021 for a single party: every import is from outside the "bloc" of one, so the extra-bloc share is 1.
            : $"hhi_m > {Sql.Double(p.ImportConcentration)} AND 1.0 > {Sql.Double(p.ExtraBlocShare)} AND ratio > {Sql.Double(p.ImportExportRatio)}";
        var extraShare = p.Preset == ScreeningPreset.Eu2021 ? "1.0" : "CAST(NULL AS DOUBLE)";
        return $"""
            WITH s AS (
                SELECT year, importer AS party, hs6, imports, suppliers, top_supplier, top_v, exports, hhi_w,
                       ssq / (imports * imports) AS hhi_m,
                       CASE WHEN exports = 0 THEN {Sql.Double(p.RatioWhenNoExports)} ELSE imports / exports END AS ratio
                FROM ({summaryRows})),
            d AS (SELECT *, ({dependent}) AS dependent FROM s),
            -- Only dependent rows count towards persistence: grouping those is a fraction of grouping every row.
            persistence AS (SELECT party, hs6, count(*) AS dependent_years FROM d WHERE dependent GROUP BY party, hs6),
            shares AS (
                SELECT importer AS party, hs6,
                       sum(v) FILTER (WHERE exporter IN {Sql.Iso3List(p.ConcernCountries)}) AS concern_v,
                       sum(v) FILTER (WHERE exporter IN {Sql.Iso3List(p.Allies)}) AS ally_v
                FROM ({shareRows})
                GROUP BY importer, hs6)
            SELECT d.party, d.year, d.hs6, d.imports, d.suppliers, d.hhi_m, d.top_supplier,
                   d.top_v / d.imports, coalesce(sh.concern_v, 0) / d.imports, coalesce(sh.ally_v, 0) / d.imports,
                   d.exports, d.ratio, d.hhi_w,
                   d.dependent, coalesce(ps.dependent_years, 0) >= {p.PersistenceMinYears}, {extraShare}
            FROM d
            LEFT JOIN persistence ps ON ps.party = d.party AND ps.hs6 = d.hs6
            LEFT JOIN shares sh ON sh.party = d.party AND sh.hs6 = d.hs6
            WHERE d.year = {year}
            ORDER BY d.party, d.hs6
            """;
    }

    private static string PartySql(string pairs, IReadOnlyList<string>? parties, int year, ScreeningParameters p)
    {
        var partyFilter = parties is { Count: > 0 } ? $"AND importer IN {Sql.InList(parties)}" : string.Empty;
        var dependent = p.Preset == ScreeningPreset.GeoDep
            ? $"hhi_m > {Sql.Double(p.ImportConcentration)} AND hhi_w > {Sql.Double(p.WorldConcentration)} AND ratio > {Sql.Double(p.ImportExportRatio)}"
            // EU-2021 for a single party: every import is from outside the "bloc" of one, so the extra-bloc share is 1.
            : $"hhi_m > {Sql.Double(p.ImportConcentration)} AND 1.0 > {Sql.Double(p.ExtraBlocShare)} AND ratio > {Sql.Double(p.ImportExportRatio)}";
        var extraShare = p.Preset == ScreeningPreset.Eu2021 ? "1.0" : "CAST(NULL AS DOUBLE)";
        return $"""
            WITH f AS NOT MATERIALIZED ({pairs}),
            w_e AS (SELECT year, hs6, exporter, sum(v) AS w FROM f GROUP BY year, hs6, exporter),
            w AS (SELECT year, hs6, sum(w * w) / (sum(w) * sum(w)) AS hhi_w FROM w_e GROUP BY year, hs6),
            -- Year t gets every column; the earlier years of the persistence window only what the dependent test
            -- needs, which spares the top-supplier and share aggregates two thirds of the rows.
            m AS (
                SELECT year, importer AS party, hs6,
                       sum(v) AS imports, count(*) AS suppliers, sum(v * v) AS ssq,
                       -- Largest supplier; ties go to the alphabetically first ISO3 so results are reproducible.
                       arg_min(exporter, (-v, exporter)) AS top_supplier, max(v) AS top_v,
                       coalesce(sum(v) FILTER (WHERE exporter IN {Sql.InList(p.ConcernCountries)}), 0) AS concern_v,
                       coalesce(sum(v) FILTER (WHERE exporter IN {Sql.InList(p.Allies)}), 0) AS ally_v
                FROM f WHERE year = {year} {partyFilter}
                GROUP BY year, importer, hs6
                UNION ALL
                SELECT year, importer AS party, hs6,
                       sum(v) AS imports, count(*) AS suppliers, sum(v * v) AS ssq,
                       NULL, NULL, NULL, NULL
                FROM f WHERE year <> {year} {partyFilter}
                GROUP BY year, importer, hs6),
            s AS (
                SELECT m.*, coalesce(x.w, 0) AS exports, w.hhi_w, m.ssq / (m.imports * m.imports) AS hhi_m,
                       CASE WHEN coalesce(x.w, 0) = 0 THEN {Sql.Double(p.RatioWhenNoExports)} ELSE m.imports / x.w END AS ratio
                FROM m
                JOIN w ON w.year = m.year AND w.hs6 = m.hs6
                LEFT JOIN w_e x ON x.year = m.year AND x.hs6 = m.hs6 AND x.exporter = m.party),
            d AS (SELECT *, ({dependent}) AS dependent FROM s),
            {Tail(year, p, extraShare)}
            """;
    }

    /// <summary>
    /// Several reporters screened as one importer, labelled <paramref name="label"/>: a union of governments (EUR)
    /// or a bloc of parties. Only imports from outside (exporter not a member) count: suppliers, concentration, top
    /// supplier and shares are over those extra-union imports, summed across the members for each supplier.
    /// With EU-2021 the ratio is extra-union imports over all the members' exports (the Commission's definition)
    /// and the extra-union share of total imports is reported; with GeoDep the union is one economy, so its exports
    /// are those to non-members too. The world export concentration is the product's, over countries.
    /// </summary>
    private static string UnionSql(string pairs, IReadOnlyList<string> reporters, string label, int year, ScreeningParameters p)
    {
        var members = Sql.InList(reporters);
        var allies = p.Allies.Where(a => !reporters.Contains(a, StringComparer.Ordinal)).ToList();
        var concern = p.ConcernCountries.Where(c => !reporters.Contains(c, StringComparer.Ordinal)).ToList();
        var eu2021 = p.Preset == ScreeningPreset.Eu2021;
        var exports = eu2021
            ? $"SELECT year, hs6, sum(w) AS x FROM w_e WHERE exporter IN {members} GROUP BY year, hs6"
            : $"SELECT year, hs6, sum(v) AS x FROM f WHERE exporter IN {members} AND importer NOT IN {members} GROUP BY year, hs6";
        var dependent = eu2021
            ? $"hhi_m > {Sql.Double(p.ImportConcentration)} AND extra_share > {Sql.Double(p.ExtraBlocShare)} AND ratio > {Sql.Double(p.ImportExportRatio)}"
            : $"hhi_m > {Sql.Double(p.ImportConcentration)} AND hhi_w > {Sql.Double(p.WorldConcentration)} AND ratio > {Sql.Double(p.ImportExportRatio)}";
        return $"""
            WITH f AS NOT MATERIALIZED ({pairs}),
            w_e AS (SELECT year, hs6, exporter, sum(v) AS w FROM f GROUP BY year, hs6, exporter),
            w AS (SELECT year, hs6, sum(w * w) / (sum(w) * sum(w)) AS hhi_w FROM w_e GROUP BY year, hs6),
            total AS (SELECT year, hs6, sum(v) AS total FROM f WHERE importer IN {members} GROUP BY year, hs6),
            extra AS (
                SELECT year, hs6, exporter, sum(v) AS v FROM f
                WHERE importer IN {members} AND exporter NOT IN {members}
                GROUP BY year, hs6, exporter),
            m AS (
                SELECT year, {Sql.Literal(label)} AS party, hs6,
                       sum(v) AS imports, count(*) AS suppliers, sum(v * v) AS ssq,
                       arg_min(exporter, (-v, exporter)) AS top_supplier, max(v) AS top_v,
                       coalesce(sum(v) FILTER (WHERE exporter IN {Sql.InList(concern)}), 0) AS concern_v,
                       coalesce(sum(v) FILTER (WHERE exporter IN {Sql.InList(allies)}), 0) AS ally_v
                FROM extra
                GROUP BY year, hs6),
            union_exports AS ({exports}),
            s AS (
                SELECT m.*, coalesce(ux.x, 0) AS exports, w.hhi_w, m.ssq / (m.imports * m.imports) AS hhi_m,
                       CASE WHEN coalesce(ux.x, 0) = 0 THEN {Sql.Double(p.RatioWhenNoExports)} ELSE m.imports / ux.x END AS ratio,
                       m.imports / t.total AS extra_share
                FROM m
                JOIN total t ON t.year = m.year AND t.hs6 = m.hs6
                JOIN w ON w.year = m.year AND w.hs6 = m.hs6
                LEFT JOIN union_exports ux ON ux.year = m.year AND ux.hs6 = m.hs6),
            d AS (SELECT *, ({dependent}) AS dependent FROM s),
            {Tail(year, p, eu2021 ? "extra_share" : "CAST(NULL AS DOUBLE)")}
            """;
    }

    private static string Tail(int year, ScreeningParameters p, string extraShare) => $"""
        persistence AS (SELECT party, hs6, count(*) FILTER (WHERE dependent) AS dependent_years FROM d GROUP BY party, hs6)
        SELECT d.party, d.year, d.hs6, d.imports, d.suppliers, d.hhi_m, d.top_supplier,
               d.top_v / d.imports, d.concern_v / d.imports, d.ally_v / d.imports, d.exports, d.ratio, d.hhi_w,
               d.dependent, ps.dependent_years >= {p.PersistenceMinYears}, {extraShare}
        FROM d
        JOIN persistence ps ON ps.party = d.party AND ps.hs6 = d.hs6
        WHERE d.year = {year}
        ORDER BY d.party, d.hs6
        """;

    // The description comes from the embedded HS list that the store's products table is loaded from: joining it in
    // SQL made every one of a million result rows carry a long string through the sort and across to .NET. The row
    // keeps the code list's own hs6 string, so a large result holds one copy per product instead of one per row.
    private static ScreeningRow ReadRow(DbDataReader r)
    {
        var hs6 = r.GetString(2);
        var product = TradeCodeLists.Default.ProductsByCode.GetValueOrDefault(hs6);
        return new ScreeningRow(
            r.GetString(0), r.GetInt32(1), product?.Hs6 ?? hs6, product?.Description, r.GetDouble(3), r.GetInt64(4),
            r.GetDouble(5), r.GetString(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10),
            r.GetDouble(11), r.GetDouble(12), r.GetBoolean(13), r.GetBoolean(14))
        {
            ExtraBlocShare = Sql.NullableDouble(r, 15),
        };
    }
}

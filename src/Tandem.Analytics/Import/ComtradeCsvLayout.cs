using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Import;

/// <summary>
/// UN Comtrade bulk files (comma- or tab-separated, as downloaded). Column mapping, by header name
/// (case-insensitive): year = <c>refYear</c>, else <c>period</c> (first four digits); reporter =
/// <c>reporterISO</c>, else <c>reporterCode</c>; partner = <c>partnerISO</c>, else <c>partnerCode</c>;
/// <c>flowCode</c> (M = reporter imports from partner, X = reporter exports to partner); <c>cmdCode</c>;
/// <c>primaryValue</c> in USD (stored ÷ 1000 as thousand USD, like BACI); optional <c>netWgt</c> in kg
/// (stored ÷ 1000 as tonnes).
/// Skipped, not bad: flows other than M/X (re-imports, re-exports), partner World (0 / W00) and
/// non-geographic partners (areas nes 899, bunkers 837–839), commodity aggregates (TOTAL, 2- and
/// 4-digit codes), and breakdown rows when the file has them (customsCode ≠ C00, motCode ≠ 0,
/// partner2Code ≠ 0) because the totals are already in the file.
/// </summary>
internal static class ComtradeCsvLayout
{
    public static Result<TradeFileLayout> Create(string fileName, string headerLine, string? dataVersion)
    {
        var delimiter = headerLine.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var columns = SimpleCsv.SplitLine(headerLine, delimiter).Select(h => h.Trim()).ToList();
        string? Find(params string[] names) =>
            names.Select(n => columns.FirstOrDefault(c => string.Equals(c, n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(c => c is not null);

        var year = Find("refYear", "period", "year");
        var reporter = Find("reporterISO", "reporterCode", "reporter");
        var partner = Find("partnerISO", "partnerCode", "partner");
        var flow = Find("flowCode");
        var cmd = Find("cmdCode");
        var value = Find("primaryValue");
        var missing = new (string Name, string? Column)[]
        {
            ("refYear or period", year), ("reporterISO or reporterCode", reporter), ("partnerISO or partnerCode", partner),
            ("flowCode", flow), ("cmdCode", cmd), ("primaryValue", value),
        }.Where(x => x.Column is null).Select(x => x.Name).ToList();
        if (missing.Count > 0)
        {
            return Result<TradeFileLayout>.Invalid(
                $"{fileName} is not a UN Comtrade file: missing column(s) {string.Join(", ", missing)}");
        }

        var netWeight = Find("netWgt");
        var breakdown = new List<string>();
        if (Find("customsCode") is { } customs)
        {
            breakdown.Add($"coalesce(upper(trim({Q(customs)})), 'C00') NOT IN ('C00', '')");
        }

        if (Find("motCode") is { } mot)
        {
            breakdown.Add($"coalesce(trim({Q(mot)}), '0') NOT IN ('0', '')");
        }

        if (Find("partner2Code") is { } partner2)
        {
            breakdown.Add($"coalesce(trim({Q(partner2)}), '0') NOT IN ('0', '')");
        }

        var breakdownSql = breakdown.Count == 0 ? "FALSE" : string.Join(" OR ", breakdown);
        var delimiterSql = delimiter == '\t' ? "'\\t'" : "','";

        // Comtrade files are small next to BACI: a staging table (file order kept by rowid) keeps the joins simple.
        string Prepare(string path, string rejectsTable, string rejectsScan) => $"""
            {CodeMapSql};
            CREATE OR REPLACE TEMP TABLE import_comtrade_staging AS
            SELECT * FROM read_csv({Sql.Literal(path)},
                header = true, all_varchar = true, delim = {delimiterSql}, quote = '"',
                store_rejects = true, rejects_table = {Sql.Literal(rejectsTable)}, rejects_scan = {Sql.Literal(rejectsScan)})
            """;

        string Load(string path, string rejectsTable, string rejectsScan) => Prepared("import_comtrade_staging");

        string Prepared(string staging) => $"""
            WITH c AS (
                SELECT rowid AS src_row,
                       TRY_CAST(left(trim({Q(year!)}), 4) AS INTEGER) AS yr,
                       upper(trim({Q(flow!)})) AS flow,
                       {Key(reporter!)} AS rkey,
                       {Key(partner!)} AS pkey,
                       upper(trim({Q(cmd!)})) AS cmd,
                       TRY_CAST(trim({Q(value!)}) AS DOUBLE) AS usd,
                       {(netWeight is null ? "CAST(NULL AS DOUBLE)" : $"TRY_CAST(trim({Q(netWeight)}) AS DOUBLE)")} AS kg,
                       ({breakdownSql}) AS breakdown
                FROM {staging}
            ), k AS (
                SELECT *,
                       (coalesce(flow, '') NOT IN ('M', 'X')
                        OR pkey IN ('0', 'W00', '899', '_X', '837', '838', '839', 'X1', 'XX')
                        OR cmd = 'TOTAL' OR regexp_full_match(coalesce(cmd, ''), '[0-9]{"{"}2{"}"}|[0-9]{"{"}4{"}"}')
                        OR coalesce(breakdown, FALSE)) AS skip
                FROM c
            )
            SELECT k.yr AS year,
                   CASE WHEN k.flow = 'M' THEN p.iso3 ELSE r.iso3 END AS exporter,
                   CASE WHEN k.flow = 'M' THEN r.iso3 ELSE p.iso3 END AS importer,
                   lpad(k.cmd, 6, '0') AS hs6,
                   k.usd / 1000.0 AS value,
                   k.kg / 1000.0 AS quantity,
                   r.iso3 AS reporter,
                   k.flow AS reported,
                   CASE
                       WHEN k.skip THEN NULL
                       WHEN k.yr IS NULL OR k.yr NOT BETWEEN 1962 AND 2100 THEN 'missing or bad year'
                       WHEN r.iso3 IS NULL THEN 'unknown reporter ' || coalesce(k.rkey, '(empty)')
                       WHEN p.iso3 IS NULL THEN 'unknown partner ' || coalesce(k.pkey, '(empty)')
                       WHEN NOT regexp_full_match(coalesce(k.cmd, ''), '[0-9]{"{"}5,6{"}"}') THEN 'bad commodity code ' || coalesce(k.cmd, '(empty)')
                       WHEN k.usd IS NULL THEN 'missing or unparsable primaryValue'
                       WHEN isnan(k.usd) OR isinf(k.usd) THEN 'primaryValue is not a number'
                       WHEN k.usd < 0 THEN 'negative value ' || CAST(k.usd AS VARCHAR)
                       WHEN k.kg < 0 THEN 'negative netWgt'
                   END AS problem,
                   k.skip,
                   k.src_row
            FROM k
            LEFT JOIN import_code_map r ON r.key = k.rkey
            LEFT JOIN import_code_map p ON p.key = k.pkey
            """;

        return new TradeFileLayout(
            TradeSource.Comtrade,
            dataVersion ?? "UN Comtrade",
            Prepare,
            Load,
            RowOrder: "src_row",
            // Comtrade bulk files come one reporter at a time: a new file replaces that reporter's years only.
            ReplaceScope: table => $"reporter IN (SELECT DISTINCT reporter FROM {table})",
            WholeTableReplaced: false);
    }

    /// <summary>Numeric codes lose leading zeros ("0842" → "842"); ISO3 is upper-cased.</summary>
    private static string Key(string column) =>
        $"CASE WHEN TRY_CAST(trim({Q(column)}) AS INTEGER) IS NOT NULL THEN CAST(TRY_CAST(trim({Q(column)}) AS INTEGER) AS VARCHAR) ELSE upper(trim({Q(column)})) END";

    private static string Q(string column) => "\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Keys accepted for reporters and partners: BACI/Comtrade numeric codes and ISO3 (S19 is Taiwan).</summary>
    public const string CodeMapSql = """
        CREATE OR REPLACE TEMP TABLE import_code_map AS
        SELECT key, CAST(iso3 AS iso3) AS iso3 FROM (
            SELECT CAST(code AS VARCHAR) AS key, iso3 FROM baci_countries
            UNION SELECT iso3, iso3 FROM baci_countries
            UNION SELECT iso3, iso3 FROM countries WHERE iso3 NOT IN (SELECT iso3 FROM baci_countries)
            UNION SELECT 'S19', 'TWN')
        """;
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Import;

/// <summary>
/// CEPII BACI files: <c>t,i,j,k,v,q</c>. Real files have quoted headers, HS codes that lost their leading
/// zero (read as integers and padded back to six digits), space-padded quantities and <c>NA</c>, and BACI's
/// own country codes (842 USA, 490 Taiwan …), mapped to ISO3 through the shipped BACI list.
/// </summary>
internal static partial class BaciCsvLayout
{
    private static readonly string[] ExpectedHeader = ["t", "i", "j", "k", "v", "q"];

    private static readonly Lazy<string> CodeArray = new(BuildCodeArray);

    public static Result<TradeFileLayout> Create(string fileName, string headerLine, string? dataVersion)
    {
        var header = SimpleCsv.SplitLine(headerLine, ',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(ExpectedHeader))
        {
            return Result<TradeFileLayout>.Invalid(
                $"{fileName} is not a BACI file: header is '{headerLine.Trim()}', expected 't,i,j,k,v,q'");
        }

        return new TradeFileLayout(
            TradeSource.Baci,
            dataVersion ?? InferDataVersion(fileName),
            PrepareSql: (_, _, _) => null,
            FastLoadSelect,
            RowOrder: "rowid",
            // A newer BACI file for a year replaces every BACI flow of that year.
            ReplaceScope: _ => "TRUE",
            WholeTableReplaced: true,
            TolerantLoadSelect: LoadSelect,
            // Space-padded quantities ("       NA") fail the fast numeric read of q: read q as text instead.
            RetryTolerantWhen: "column_name = 'q' AND error_type = 'CAST'");
    }

    /// <summary>"BACI_HS92_V202301_Y2021.csv" → "BACI HS92 V202301"; "BACI_V202501_….csv" → "BACI V202501".</summary>
    public static string InferDataVersion(string fileName)
    {
        var synthetic = SyntheticPattern().Match(fileName);
        if (synthetic.Success)
        {
            return "BACI-shaped synthetic data, seed " + synthetic.Groups[1].Value;
        }

        var version = VersionPattern().Match(fileName);
        var revision = RevisionPattern().Match(fileName);
        var parts = new List<string> { "BACI" };
        if (revision.Success)
        {
            parts.Add(revision.Groups[1].Value.ToUpperInvariant());
        }

        parts.Add(version.Success ? "V" + version.Groups[1].Value : "(version not in file name)");
        return string.Join(' ', parts);
    }

    /// <remarks>
    /// Country codes are looked up in a constant list indexed by BACI code rather than joined: a projection keeps
    /// the reader's row order, so a row's position in the new table still tells its line in the file.
    /// </remarks>
    /// <summary>
    /// The fast read: every column numeric, <c>NA</c> and empty as NULL. Current BACI releases fit it; a file with
    /// space-padded quantities makes DuckDB reject those rows on column q, and the import then uses <see cref="LoadSelect"/>.
    /// </summary>
    private static string FastLoadSelect(string path, string rejectsTable, string rejectsScan)
    {
        var codes = CodeArray.Value;
        var max = TradeCodeLists.Default.BaciCountries.Max(c => c.Code);
        return $"""
            SELECT year, exporter, importer, hs6, value, quantity,
                   CAST(NULL AS iso3) AS reporter,
                   CAST(NULL AS VARCHAR) AS reported,
                   CASE
                       WHEN year IS NULL THEN 'missing year t'
                       WHEN year NOT BETWEEN 1962 AND 2100 THEN 'implausible year ' || year
                       WHEN exporter IS NULL THEN 'unknown exporter code ' || coalesce(CAST(i AS VARCHAR), '(empty)')
                       WHEN importer IS NULL THEN 'unknown importer code ' || coalesce(CAST(j AS VARCHAR), '(empty)')
                       WHEN i = j THEN 'exporter equals importer'
                       WHEN k IS NULL OR k < 10000 OR k > 999999 THEN 'bad product code ' || coalesce(CAST(k AS VARCHAR), '(empty)')
                       WHEN value IS NULL THEN 'missing value v'
                       WHEN isnan(value) OR isinf(value) THEN 'value is not a number'
                       WHEN value < 0 THEN 'negative value ' || CAST(value AS VARCHAR)
                       WHEN quantity < 0 THEN 'negative quantity ' || CAST(quantity AS VARCHAR)
                   END AS problem,
                   FALSE AS skip
            FROM (
                SELECT t AS year, i, j, k,
                       (CASE WHEN i BETWEEN 0 AND {max} THEN {codes}[i + 1] END) AS exporter,
                       (CASE WHEN j BETWEEN 0 AND {max} THEN {codes}[j + 1] END) AS importer,
                       lpad(CAST(k AS VARCHAR), 6, '0') AS hs6,
                       v AS value,
                       q AS quantity
                FROM read_csv({Sql.Literal(path)},
                    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = ['NA', ''],
                    columns = {"{"}'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'DOUBLE'{"}"},
                    store_rejects = true, rejects_table = {Sql.Literal(rejectsTable)}, rejects_scan = {Sql.Literal(rejectsScan)}))
            """;
    }

    /// <summary>The tolerant read: q as text, trimmed, <c>NA</c> and blanks as NULL.</summary>
    private static string LoadSelect(string path, string rejectsTable, string rejectsScan)
    {
        var codes = CodeArray.Value;
        var max = TradeCodeLists.Default.BaciCountries.Max(c => c.Code);
        // The inner SELECT computes each mapped value once; the outer one only tests them.
        return $"""
            SELECT year, exporter, importer, hs6, value, quantity,
                   CAST(NULL AS iso3) AS reporter,
                   CAST(NULL AS VARCHAR) AS reported,
                   CASE
                       WHEN year IS NULL THEN 'missing year t'
                       WHEN year NOT BETWEEN 1962 AND 2100 THEN 'implausible year ' || year
                       WHEN exporter IS NULL THEN 'unknown exporter code ' || coalesce(CAST(i AS VARCHAR), '(empty)')
                       WHEN importer IS NULL THEN 'unknown importer code ' || coalesce(CAST(j AS VARCHAR), '(empty)')
                       WHEN i = j THEN 'exporter equals importer'
                       WHEN k IS NULL OR k < 10000 OR k > 999999 THEN 'bad product code ' || coalesce(CAST(k AS VARCHAR), '(empty)')
                       WHEN value IS NULL THEN 'missing value v'
                       WHEN isnan(value) OR isinf(value) THEN 'value is not a number'
                       WHEN value < 0 THEN 'negative value ' || CAST(value AS VARCHAR)
                       WHEN quantity IS NULL AND trim(q) NOT IN ('', 'NA') THEN 'bad quantity ''' || trim(q) || ''''
                       WHEN quantity < 0 THEN 'negative quantity ' || trim(q)
                   END AS problem,
                   FALSE AS skip
            FROM (
                SELECT t AS year, i, j, k, q,
                       (CASE WHEN i BETWEEN 0 AND {max} THEN {codes}[i + 1] END) AS exporter,
                       (CASE WHEN j BETWEEN 0 AND {max} THEN {codes}[j + 1] END) AS importer,
                       lpad(CAST(k AS VARCHAR), 6, '0') AS hs6,
                       v AS value,
                       TRY_CAST(trim(q) AS DOUBLE) AS quantity
                FROM read_csv({Sql.Literal(path)},
                    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                    columns = {"{"}'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'VARCHAR'{"}"},
                    store_rejects = true, rejects_table = {Sql.Literal(rejectsTable)}, rejects_scan = {Sql.Literal(rejectsScan)}))
            """;
    }

    private static string BuildCodeArray()
    {
        var byCode = TradeCodeLists.Default.BaciByCode;
        var max = byCode.Keys.Max();
        var sb = new StringBuilder("([");
        for (var code = 0; code <= max; code++)
        {
            if (code > 0)
            {
                sb.Append(',');
            }

            sb.Append(byCode.TryGetValue(code, out var country) ? Sql.Literal(country.Iso3) : "NULL");
        }

        return sb.Append("]::iso3[])").ToString();
    }

    [GeneratedRegex(@"SYNTH(-?\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SyntheticPattern();

    [GeneratedRegex(@"V(\d{6})", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"(HS\d{2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RevisionPattern();
}

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
        var header = headerLine.Split(',').Select(h => h.Trim().Trim('"').Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(ExpectedHeader))
        {
            return Result<TradeFileLayout>.Invalid(
                $"{fileName} is not a BACI file: header is '{headerLine.Trim()}', expected 't,i,j,k,v,q'");
        }

        return new TradeFileLayout(
            TradeSource.Baci,
            dataVersion ?? InferDataVersion(fileName),
            PrepareSql: (_, _, _) => null,
            LoadSelect,
            RowOrder: "rowid",
            // A newer BACI file for a year replaces every BACI flow of that year.
            ReplaceScope: _ => "TRUE",
            WholeTableReplaced: true);
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
    private static string LoadSelect(string path, string rejectsTable, string rejectsScan)
    {
        var codes = CodeArray.Value;
        var max = TradeCodeLists.Default.BaciCountries.Max(c => c.Code);
        var exporter = $"(CASE WHEN i BETWEEN 0 AND {max} THEN {codes}[i + 1] END)";
        var importer = $"(CASE WHEN j BETWEEN 0 AND {max} THEN {codes}[j + 1] END)";
        return $"""
            SELECT t AS year,
                   {exporter} AS exporter,
                   {importer} AS importer,
                   lpad(CAST(k AS VARCHAR), 6, '0') AS hs6,
                   v AS value,
                   TRY_CAST(trim(q) AS DOUBLE) AS quantity,
                   CAST(NULL AS VARCHAR) AS reporter,
                   CAST(NULL AS VARCHAR) AS reported,
                   CASE
                       WHEN t IS NULL THEN 'missing year t'
                       WHEN t NOT BETWEEN 1962 AND 2100 THEN 'implausible year ' || t
                       WHEN {exporter} IS NULL THEN 'unknown exporter code ' || coalesce(CAST(i AS VARCHAR), '(empty)')
                       WHEN {importer} IS NULL THEN 'unknown importer code ' || coalesce(CAST(j AS VARCHAR), '(empty)')
                       WHEN i = j THEN 'exporter equals importer'
                       WHEN k IS NULL OR k < 10000 OR k > 999999 THEN 'bad product code ' || coalesce(CAST(k AS VARCHAR), '(empty)')
                       WHEN v IS NULL THEN 'missing value v'
                       WHEN isnan(v) OR isinf(v) THEN 'value is not a number'
                       WHEN v < 0 THEN 'negative value ' || CAST(v AS VARCHAR)
                       WHEN trim(q) NOT IN ('', 'NA') AND TRY_CAST(trim(q) AS DOUBLE) IS NULL THEN 'bad quantity ''' || trim(q) || ''''
                       WHEN TRY_CAST(trim(q) AS DOUBLE) < 0 THEN 'negative quantity ' || trim(q)
                   END AS problem,
                   FALSE AS skip
            FROM read_csv({Sql.Literal(path)},
                header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                columns = {"{"}'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'VARCHAR'{"}"},
                store_rejects = true, rejects_table = {Sql.Literal(rejectsTable)}, rejects_scan = {Sql.Literal(rejectsScan)})
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

        return sb.Append("]::VARCHAR[])").ToString();
    }

    [GeneratedRegex(@"SYNTH(-?\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SyntheticPattern();

    [GeneratedRegex(@"V(\d{6})", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"(HS\d{2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RevisionPattern();
}

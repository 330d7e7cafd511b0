using System.Text.RegularExpressions;
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
            StagingSelect,
            PreparedSelect,
            // A newer BACI file for a year replaces every BACI flow of that year.
            ReplaceScope: _ => "TRUE");
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

    private static string StagingSelect(string path, string rejectsTable, string rejectsScan) => $"""
        SELECT * FROM read_csv({Sql.Literal(path)},
            header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
            columns = {"{"}'t': 'INTEGER', 'i': 'INTEGER', 'j': 'INTEGER', 'k': 'INTEGER', 'v': 'DOUBLE', 'q': 'VARCHAR'{"}"},
            store_rejects = true, rejects_table = {Sql.Literal(rejectsTable)}, rejects_scan = {Sql.Literal(rejectsScan)})
        """;

    private static string PreparedSelect(string staging) => $"""
        SELECT s.rowid AS src_row,
               s.t AS year,
               e.iso3 AS exporter,
               m.iso3 AS importer,
               lpad(CAST(s.k AS VARCHAR), 6, '0') AS hs6,
               s.v AS value,
               TRY_CAST(trim(s.q) AS DOUBLE) AS quantity,
               CAST(NULL AS VARCHAR) AS reporter,
               CAST(NULL AS VARCHAR) AS reported,
               CASE
                   WHEN s.t IS NULL THEN 'missing year t'
                   WHEN s.t NOT BETWEEN 1962 AND 2100 THEN 'implausible year ' || s.t
                   WHEN e.iso3 IS NULL THEN 'unknown exporter code ' || coalesce(CAST(s.i AS VARCHAR), '(empty)')
                   WHEN m.iso3 IS NULL THEN 'unknown importer code ' || coalesce(CAST(s.j AS VARCHAR), '(empty)')
                   WHEN s.k IS NULL OR s.k < 10000 OR s.k > 999999 THEN 'bad product code ' || coalesce(CAST(s.k AS VARCHAR), '(empty)')
                   WHEN s.v IS NULL THEN 'missing value v'
                   WHEN isnan(s.v) OR isinf(s.v) THEN 'value is not a number'
                   WHEN s.v < 0 THEN 'negative value ' || CAST(s.v AS VARCHAR)
                   WHEN trim(s.q) NOT IN ('', 'NA') AND TRY_CAST(trim(s.q) AS DOUBLE) IS NULL THEN 'bad quantity ''' || trim(s.q) || ''''
                   WHEN TRY_CAST(trim(s.q) AS DOUBLE) < 0 THEN 'negative quantity ' || trim(s.q)
               END AS problem,
               FALSE AS skip
        FROM {staging} s
        LEFT JOIN baci_countries e ON e.code = s.i
        LEFT JOIN baci_countries m ON m.code = s.j
        """;

    [GeneratedRegex(@"SYNTH(-?\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SyntheticPattern();

    [GeneratedRegex(@"V(\d{6})", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"(HS\d{2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RevisionPattern();
}

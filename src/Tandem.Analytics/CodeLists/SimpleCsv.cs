using nietras.SeparatedValues;

namespace Tandem.Analytics.CodeLists;

/// <summary>
/// Reads the small code lists shipped with the assembly (a few thousand rows) through Sep.
/// Trade files never go through here: DuckDB's <c>read_csv</c> reads those.
/// </summary>
internal static class SimpleCsv
{
    private static readonly SepReaderOptions Options = new(Sep.New(','))
    {
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
    };

    /// <summary>Records keyed by the header's column names; blank lines skipped, short rows padded with empty cells.</summary>
    public static List<Dictionary<string, string>> ReadRecords(string text)
    {
        var rows = Parse(text);
        var records = new List<Dictionary<string, string>>(Math.Max(0, rows.Count - 1));
        if (rows.Count == 0)
        {
            return records;
        }

        var header = rows[0];
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Count == 1 && row[0].Length == 0)
            {
                continue;
            }

            var record = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                record[header[c]] = c < row.Count ? row[c] : string.Empty;
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>Every row's cells, a leading byte-order mark removed; quoted cells may hold commas, quotes and line breaks.</summary>
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var rows = new List<List<string>>();
        using var csv = Options.FromText(text);
        foreach (var row in csv)
        {
            var cells = new List<string>(row.ColCount);
            for (var c = 0; c < row.ColCount; c++)
            {
                cells.Add(row[c].ToString());
            }

            rows.Add(cells);
        }

        return rows;
    }

    /// <summary>The cells of one line (a file's header), for layout detection; <paramref name="separator"/> is ',' or a tab.</summary>
    public static List<string> SplitLine(string line, char separator)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var csv = new SepReaderOptions(Sep.New(separator)) { HasHeader = false, Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }.FromText(line);
        foreach (var row in csv)
        {
            var cells = new List<string>(row.ColCount);
            for (var c = 0; c < row.ColCount; c++)
            {
                cells.Add(row[c].ToString());
            }

            return cells;
        }

        return [""];
    }
}

using System.Text;
using nietras.SeparatedValues;

namespace Tandem.Core.Common;

/// <summary>
/// Reading and writing the CSV files Tandem imports and exports. Reading goes through Sep (RFC 4180: quoted fields
/// may hold commas, doubled quotes and line breaks); writing stays here because each cell needs the formula guard below.
/// </summary>
public static class Csv
{
    private static readonly SepReaderOptions Options = new(Sep.New(','))
    {
        HasHeader = false,
        Unescape = true,
        // Short rows are padded and blank lines skipped by the callers' rules, not rejected by the reader.
        DisableColCountCheck = true,
    };

    /// <summary>
    /// Every record of a CSV text with the physical line it starts on (1-based, as an editor shows it), blank lines
    /// skipped, a leading byte-order mark removed. A record may span lines when a quoted field holds line breaks.
    /// </summary>
    public static IEnumerable<(int Line, List<string> Fields)> ReadRows(TextReader reader, int maxFieldLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var csv = Options.From(reader);
        var first = true;
        foreach (var row in csv)
        {
            var fields = new List<string>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++)
            {
                var span = row[i].Span;
                if (first && i == 0 && span.Length > 0 && span[0] == '\uFEFF')
                {
                    span = span[1..];
                }

                fields.Add(span.Length > maxFieldLength ? new string(span[..maxFieldLength]) : new string(span));
            }

            first = false;
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                yield return (row.LineNumberFrom, fields);
            }
        }
    }

    /// <summary>Splits one line of CSV; quoted fields may contain commas and doubled quotes.</summary>
    public static List<string> SplitLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var reader = new StringReader(line);
        using var csv = Options.From(reader);
        foreach (var row in csv)
        {
            var fields = new List<string>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++)
            {
                fields.Add(row[i].ToString());
            }

            return fields;
        }

        return [""];
    }

    /// <summary>
    /// Reads a CSV with a header row into dictionaries keyed by column name (case-insensitive); missing cells are
    /// empty, and <c>__line</c> holds the line the record starts on, for messages that point at it.
    /// </summary>
    public static List<Dictionary<string, string>> ReadRecords(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<Dictionary<string, string>>();
        List<string>? columns = null;
        foreach (var (line, fields) in ReadRows(reader))
        {
            if (columns is null)
            {
                columns = fields;
                continue;
            }

            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < columns.Count; i++)
            {
                record[columns[i]] = i < fields.Count ? fields[i] : "";
            }

            record["__line"] = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            records.Add(record);
        }

        return records;
    }

    /// <summary>
    /// Quotes a cell and neutralises spreadsheet formulas (SECURITY.md row 12): a text cell that a spreadsheet would
    /// evaluate (see <see cref="StartsLikeAFormula"/>) is prefixed with an apostrophe.
    /// </summary>
    public static string Cell(string? value)
    {
        value = SafeText(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string SafeText(string? value)
    {
        value ??= "";
        return StartsLikeAFormula(value) ? "'" + value : value;
    }

    /// <summary>
    /// Whether a spreadsheet could take the text for a formula: it starts with =, +, -, @, a tab or a carriage
    /// return — or with their full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫, which Japanese spreadsheets turn
    /// into the ASCII ones) or the minus sign, possibly behind spaces and invisible characters a reader would not see.
    /// </summary>
    public static bool StartsLikeAFormula(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value[0] is '\t' or '\r' or '\n')
        {
            return true;
        }

        foreach (var c in value)
        {
            if (c is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20' or '\uFE66' or '\uFE62' or '\uFE63' or '\uFE6B' or '\u2212')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                return false;
            }
        }

        return false;
    }
}

/// <summary>
/// CSV files as Tandem exports them: UTF-8 with a byte-order mark (Excel in Japanese then reads the text right),
/// CRLF after every record, RFC 4180 quoting, one table per file. Numbers use the invariant culture, dates ISO 8601.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IReadOnlyList<SheetColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(string.Join(",", columns.Select(c => Csv.Cell(c.Name)))).Append("\r\n");
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(Field(columns[i].Kind, i < row.Count ? row[i] : null));
            }

            text.Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Field(ColumnKind kind, object? value) => value switch
    {
        null => "",

        // Numbers are written as parsed values, which cannot be formulas; "-1" stays a number a spreadsheet can sum.
        int or long or short or decimal when kind == ColumnKind.Number => ((IFormattable)value).ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        double d when kind == ColumnKind.Number && double.IsFinite(d) => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t when kind == ColumnKind.Date => t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        string s => Csv.Cell(s),
        IFormattable f => Csv.Cell(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)),
        _ => Csv.Cell(value.ToString()),
    };
}

using System.Text;

namespace Tandem.Core.Common;

/// <summary>A small RFC 4180 reader and writer for the CSV files Tandem imports and exports.</summary>
public static class Csv
{
    /// <summary>Splits one physical line; quoted fields may contain commas and doubled quotes.</summary>
    public static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Reads a CSV with a header row into dictionaries keyed by column name.</summary>
    public static List<Dictionary<string, string>> ReadRecords(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        if (header is null)
        {
            return [];
        }

        var columns = SplitLine(header);
        var records = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitLine(line);
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < columns.Count; i++)
            {
                record[columns[i]] = i < fields.Count ? fields[i] : "";
            }

            record["__line"] = (records.Count + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
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

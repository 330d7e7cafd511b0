using System.Text;

namespace Tandem.Analytics.CodeLists;

/// <summary>
/// RFC 4180 reader for the small code lists shipped with the assembly (a few thousand rows).
/// Trade files never go through here: DuckDB's <c>read_csv</c> reads those.
/// </summary>
internal static class SimpleCsv
{
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

    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}

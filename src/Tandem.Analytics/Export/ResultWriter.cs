using System.Globalization;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Tandem.Analytics.Export;

public enum ExportFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>
/// Writes a <see cref="ResultTable"/> as CSV, XLSX or JSON. Numbers are written unrounded with invariant culture
/// and round-trip formatting. CSV text cells that a spreadsheet would take for a formula (starting with =, +, -,
/// @, tab or CR) get a leading apostrophe; numeric cells stay numbers.
/// </summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Result<ExportFormat> FormatFor(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => ExportFormat.Csv,
            ".xlsx" => ExportFormat.Xlsx,
            ".json" => ExportFormat.Json,
            _ => Result<ExportFormat>.Invalid($"unknown output extension '{extension}' in '{path}': use .csv, .xlsx or .json"),
        };
    }

    /// <summary>Writes the table to <paramref name="path"/> in the format its extension names.</summary>
    public static Result<string> Write(ResultTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        var format = FormatFor(path);
        if (!format.IsSuccess)
        {
            return format.Failure!;
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                return Result<string>.Invalid($"cannot write '{path}': directory '{directory}' does not exist");
            }

            // Write beside the target, then move: a failed write never leaves half a file under the real name.
            var temporary = fullPath + ".partial";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Write(table, stream, format.Value);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Result<string>.Invalid($"cannot write '{path}': {ex.Message}");
        }

        return fullPath;
    }

    public static void Write(ResultTable table, Stream stream, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(table);
        switch (format)
        {
            case ExportFormat.Csv:
                // A byte-order mark, so Excel in Japanese reads the text as UTF-8.
                using (var writer = new StreamWriter(stream, new UTF8Encoding(true), 1 << 16, leaveOpen: true))
                {
                    WriteCsv(table, writer);
                }

                break;
            case ExportFormat.Xlsx:
                WriteXlsx(table, stream);
                break;
            case ExportFormat.Json:
                WriteJson(table, stream);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    public static void WriteCsv(ResultTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', table.Columns.Select(c => QuoteCsv(c.Name))));
        writer.Write("\r\n");
        var buffer = new char[64];
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                var kind = table.Columns[c].Kind;
                if (kind != CellKind.Text && TryFormatNumber(row[c], buffer, out var length))
                {
                    // Same text as FormatValue, without a string per cell: a million-row result has ten million numbers.
                    writer.Write(buffer, 0, length);
                }
                else
                {
                    writer.Write(CsvCell(kind, row[c]));
                }
            }

            writer.Write("\r\n");
        }
    }

    private static bool TryFormatNumber(object? value, Span<char> buffer, out int length)
    {
        length = 0;
        return value switch
        {
            double d => d.TryFormat(buffer, out length, "R", CultureInfo.InvariantCulture),
            long l => l.TryFormat(buffer, out length, default, CultureInfo.InvariantCulture),
            int i => i.TryFormat(buffer, out length, default, CultureInfo.InvariantCulture),
            _ => false,
        };
    }

    /// <summary>Invariant, unrounded text of a value: doubles round-trip ("R"), booleans lower case.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Neutralises text a spreadsheet would evaluate as a formula (OWASP CSV injection): =, +, -, @, tab or CR first,
    /// or their full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫) or the minus sign, possibly behind spaces and
    /// invisible characters. The same rule as Tandem.Core's Csv.SafeText, which this project does not reference.
    /// </summary>
    public static string NeutraliseFormula(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        if (text[0] is '\t' or '\r' or '\n')
        {
            return "'" + text;
        }

        foreach (var c in text)
        {
            if (c is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20' or '\uFE66' or '\uFE62' or '\uFE63' or '\uFE6B' or '\u2212')
            {
                return "'" + text;
            }

            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                return text;
            }
        }

        return text;
    }

    private static string CsvCell(CellKind kind, object? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var text = FormatValue(value);
        return kind == CellKind.Text ? QuoteCsv(NeutraliseFormula(text)) : text;
    }

    private static string QuoteCsv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>
    /// Typed columns, so text stays text (an HS code keeps its leading zero), numbers are numbers, and the sheet keeps
    /// its header row even when the result has no row.
    /// </summary>
    private static void WriteXlsx(ResultTable table, Stream stream)
    {
        using var data = new System.Data.DataTable(table.Kind);
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Name, column.Kind switch
            {
                CellKind.Number => typeof(double),
                CellKind.WholeNumber => typeof(long),
                CellKind.Boolean => typeof(bool),
                _ => typeof(string),
            });
        }

        foreach (var row in table.Rows)
        {
            var values = new object[table.Columns.Count];
            for (var c = 0; c < table.Columns.Count; c++)
            {
                values[c] = row[c] switch
                {
                    null => DBNull.Value,
                    var v when table.Columns[c].Kind == CellKind.Text => NeutraliseFormula(FormatValue(v)),
                    double d when !double.IsFinite(d) => DBNull.Value,
                    var v => Convert.ChangeType(v, data.Columns[c].DataType, CultureInfo.InvariantCulture),
                };
            }

            data.Rows.Add(values);
        }

        using var about = new System.Data.DataTable("about");
        about.Columns.Add("item", typeof(string));
        about.Columns.Add("value", typeof(string));
        foreach (var (key, value) in table.About)
        {
            about.Rows.Add(NeutraliseFormula(key), NeutraliseFormula(value));
        }

        var sheets = new Dictionary<string, object>
        {
            [table.Kind] = data,
            ["about"] = about,
        };
        stream.SaveAs(sheets);
    }

    private static void WriteJson(ResultTable table, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("kind", table.Kind);
        json.WritePropertyName("provenance");
        JsonSerializer.Serialize(json, table.Provenance, table.Provenance.GetType(), JsonOptions);
        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            json.WriteStringValue(column.Name);
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in table.Rows)
        {
            json.WriteStartObject();
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var name = table.Columns[c].Name;
                switch (row[c])
                {
                    case null:
                        json.WriteNull(name);
                        break;
                    case double d when double.IsFinite(d):
                        json.WriteNumber(name, d);
                        break;
                    case double:
                        json.WriteNull(name);
                        break;
                    case long l:
                        json.WriteNumber(name, l);
                        break;
                    case int i:
                        json.WriteNumber(name, i);
                        break;
                    case bool b:
                        json.WriteBoolean(name, b);
                        break;
                    default:
                        json.WriteString(name, FormatValue(row[c]));
                        break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

using System.Globalization;
using System.Text;
using Tandem.Core.Common;

namespace Tandem.Core.Evidence;

/// <summary>
/// A saved analysis's result table as the files a reader downloads. The table is stored as CSV without types, so
/// the types are recovered here: code columns (HS codes, parties, suppliers) and any value with a leading zero stay
/// text, so "020120" never becomes 20120; other numeric values become numbers. The CSV gets a BOM and CRLF like
/// every other export; the workbook has a named "Result" sheet with its header even when the analysis found no row.
/// </summary>
public static class AnalysisFiles
{
    private static readonly HashSet<string> CodeColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "party", "hs6", "hs", "product", "top_supplier", "supplier", "target", "reporter", "partner", "code",
    };

    public static byte[] Csv(string storedCsv)
    {
        var (columns, rows) = Read(storedCsv);
        return CsvFile.Write(columns, rows);
    }

    public static byte[] Xlsx(string title, string storedCsv, DateTime createdUtc)
    {
        var (columns, rows) = Read(storedCsv);
        return Workbook.Write(title, createdUtc, new WorkbookSheet("Result", columns, rows));
    }

    private static (List<SheetColumn> Columns, List<object?[]> Rows) Read(string storedCsv)
    {
        ArgumentNullException.ThrowIfNull(storedCsv);
        var header = storedCsv.Split('\n', 2)[0].TrimEnd('\r').TrimStart('\uFEFF');
        var names = header.Length == 0 ? [] : Common.Csv.SplitLine(header);
        using var reader = new StringReader(storedCsv);
        var records = Common.Csv.ReadRecords(reader);
        var numeric = names.Select(n => !IsCode(n) && records.Any(r => r.GetValueOrDefault(n) is { Length: > 0 })
            && records.All(r => r.GetValueOrDefault(n) is not { Length: > 0 } v || AsNumber(v) is not null)).ToList();
        var columns = names.Select((n, i) => new SheetColumn(n, numeric[i] ? ColumnKind.Number : ColumnKind.Text)).ToList();
        var rows = records.Select(r => names.Select((n, i) =>
        {
            var value = r.GetValueOrDefault(n);
            return string.IsNullOrEmpty(value) ? null : numeric[i] ? AsNumber(value) : (object)value;
        }).ToArray()).ToList();
        return (columns, rows);
    }

    private static bool IsCode(string column) => CodeColumns.Contains(column) || column.EndsWith("_code", StringComparison.OrdinalIgnoreCase);

    /// <summary>A number only when writing it back as a number loses nothing: "020120" has a leading zero, so it is a code.</summary>
    private static double? AsNumber(string value)
    {
        var digits = value.TrimStart('-');
        if (digits.Length > 1 && digits[0] == '0' && digits[1] != '.')
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;
    }
}

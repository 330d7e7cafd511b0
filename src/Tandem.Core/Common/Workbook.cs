using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tandem.Core.Common;

/// <summary>How a column's cells are stored, so Excel and other readers see the type a person expects.</summary>
public enum ColumnKind
{
    /// <summary>Text, also for codes such as HS "020120" or "C-01": never turned into a number, leading zeros kept.</summary>
    Text,

    /// <summary>A number Excel can sum and sort (scores, percentages, counts).</summary>
    Number,

    /// <summary>A calendar day, stored as an Excel date shown as yyyy-mm-dd.</summary>
    Date,

    /// <summary>A moment (UTC), stored as an Excel date and time shown as yyyy-mm-dd hh:mm.</summary>
    DateTime,
}

public sealed record SheetColumn(string Name, ColumnKind Kind = ColumnKind.Text);

/// <summary>One named sheet: a header row from <see cref="Columns"/>, then one row per entry of <see cref="Rows"/>.</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<SheetColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes XLSX workbooks that open right in Excel, LibreOffice and openpyxl: every sheet named and with its header
/// row even when empty, text stored as text (codes keep their leading zeros), numbers as numbers, dates as real dates
/// with a date format, and the document's title, creator and creation time set. Text cells are formula-neutralised
/// with <see cref="Csv.SafeText"/> so a value typed as "=…" is never evaluated when someone edits the cell.
/// </summary>
public static class Workbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string Creator = "Tandem";

    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint DateTimeStyle = 3;
    private const uint TextStyle = 4;

    public static byte[] Write(string title, DateTime createdUtc, params WorkbookSheet[] sheets)
    {
        using var stream = new MemoryStream();
        Write(stream, title, createdUtc, sheets);
        return stream.ToArray();
    }

    public static void Write(Stream stream, string title, DateTime createdUtc, params WorkbookSheet[] sheets)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Length == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        }

        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        document.PackageProperties.Title = Clean(title);
        document.PackageProperties.Creator = Creator;
        document.PackageProperties.LastModifiedBy = Creator;
        document.PackageProperties.Created = DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc);
        document.PackageProperties.Modified = DateTime.SpecifyKind(createdUtc, DateTimeKind.Utc);

        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheetList = new Sheets();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheet);
            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId, Name = UniqueName(sheet.Name, sheetId, names) });
            sheetId++;
        }

        workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(sheetList);
        workbookPart.Workbook.Save();
    }

    private static void WriteSheet(WorksheetPart part, WorkbookSheet sheet)
    {
        var columns = sheet.Columns;
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());

        // The header stays in view while scrolling a long table.
        writer.WriteElement(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(columns.Select((c, i) => new Column
        {
            Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true,
            Width = c.Kind switch { ColumnKind.Date => 12, ColumnKind.DateTime => 17, ColumnKind.Number => 12, _ => Math.Clamp(c.Name.Length + 2, 10, 40) },
        })));
        writer.WriteStartElement(new SheetData());

        var letters = columns.Select((_, i) => ColumnLetters(i)).ToArray();
        writer.WriteStartElement(new Row { RowIndex = 1 });
        for (var i = 0; i < columns.Count; i++)
        {
            writer.WriteElement(TextCell(letters[i] + "1", columns[i].Name, HeaderStyle));
        }

        writer.WriteEndElement();
        uint index = 1;
        foreach (var row in sheet.Rows)
        {
            index++;
            var number = index.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement(new Row { RowIndex = index });
            for (var i = 0; i < columns.Count && i < row.Count; i++)
            {
                if (ToCell(letters[i] + number, columns[i].Kind, row[i]) is { } cell)
                {
                    writer.WriteElement(cell);
                }
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static Cell? ToCell(string reference, ColumnKind kind, object? value)
    {
        if (value is null || value is string { Length: 0 })
        {
            return null;
        }

        switch (kind)
        {
            case ColumnKind.Number when Number(value) is { } number:
                return new Cell { CellReference = reference, CellValue = new CellValue(number) };
            case ColumnKind.Date or ColumnKind.DateTime when Moment(value) is { } moment:
                return new Cell
                {
                    CellReference = reference,
                    StyleIndex = kind == ColumnKind.Date ? DateStyle : DateTimeStyle,
                    CellValue = new CellValue(moment.ToOADate().ToString("R", CultureInfo.InvariantCulture)),
                };
            default:
                return TextCell(reference, Csv.SafeText(Text(value)), TextStyle);
        }
    }

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static string? Number(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static DateTime? Moment(object value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTime t => t,
        DateTimeOffset o => o.UtcDateTime,
        _ => null,
    };

    private static string Text(object value) => value switch
    {
        string s => s,
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>XML 1.0 cannot hold most control characters; a stray one in a rationale must not break the file.</summary>
    private static string Clean(string? text)
    {
        text ??= "";
        if (!text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c >= ' ' || c is '\t' or '\n' or '\r')
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary>Excel allows 31 characters, none of : \ / ? * [ ], and no two sheets with the same name.</summary>
    private static string UniqueName(string name, uint position, HashSet<string> taken)
    {
        var clean = new string(Clean(name).Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0)
        {
            clean = "Table " + position.ToString(CultureInfo.InvariantCulture);
        }

        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return candidate;
    }

    internal static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },

            // "@" (text): a code typed over in Excel stays text instead of losing its leading zeros.
            new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true }) { Count = 5 });
}

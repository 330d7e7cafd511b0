using System.IO.Compression;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using Tandem.Core.Common;
using Tandem.Core.Evidence;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Files;

/// <summary>
/// Every export read back with real readers, as an official's Excel or script would: the Open XML SDK and MiniExcel
/// for workbooks (cell types, date formats, sheet names, document properties), a strict RFC 4180 parser for CSV.
/// </summary>
public sealed class ExportFilesTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void AnalysisWorkbook_KeepsHsCodesAsText_AndNumbersAsNumbers()
    {
        const string stored = "party,year,hs6,description,imports,top_share,dependent\n"
            + "JPN,2022,020120,\"Bovine cuts, fresh\",1234.5,0.75,true\n"
            + "USA,2022,854231,Processors,10,1,false\n";

        var sheet = XlsxSheet.Read(AnalysisFiles.Xlsx("Screening of JPN", stored, Now), "Result");

        Assert.Equal(["party", "year", "hs6", "description", "imports", "top_share", "dependent"], sheet.Header);
        Assert.Equal(new XlsxCell("text", "020120"), sheet.Rows[0][2]);
        Assert.Equal(new XlsxCell("text", "JPN"), sheet.Rows[0][0]);
        Assert.Equal(new XlsxCell("number", "1234.5"), sheet.Rows[0][4]);
        Assert.Equal(new XlsxCell("number", "2022"), sheet.Rows[1][1]);
        Assert.Equal(new XlsxCell("text", "true"), sheet.Rows[0][6]);

        // MiniExcel, as a .NET script would read it, sees the same: the code keeps its leading zero.
        using var stream = new MemoryStream(AnalysisFiles.Xlsx("Screening of JPN", stored, Now));
        var rows = stream.Query(useHeaderRow: true, sheetName: "Result").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("020120", rows[0]["hs6"]);
    }

    [Fact]
    public void EmptyAnalysis_HasANamedSheetWithItsHeader_AndTheDocumentProperties()
    {
        var bytes = AnalysisFiles.Xlsx("Screening that found nothing", "party,year,hs6,imports\n", Now);

        var sheet = XlsxSheet.Read(bytes, "Result");
        Assert.Equal(["party", "year", "hs6", "imports"], sheet.Header);
        Assert.Empty(sheet.Rows);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal(["Result"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToArray());
        Assert.Equal("Screening that found nothing", document.PackageProperties.Title);
        Assert.Equal("Tandem", document.PackageProperties.Creator);
        Assert.Equal(Now, document.PackageProperties.Created?.ToUniversalTime());
    }

    [Fact]
    public void AnalysisCsv_HasABomCrlfAndStrictQuoting()
    {
        var bytes = AnalysisFiles.Csv("party,hs6,description\nJPN,020120,\"Bovine cuts, \"\"fresh\"\"\"\n");

        var table = StrictCsv.Parse(bytes);
        Assert.Equal(["party", "hs6", "description"], table[0]);
        Assert.Equal(["JPN", "020120", "Bovine cuts, \"fresh\""], table[1]);
    }

    [Fact]
    public void Workbook_DatesAreExcelDates_AndTextThatLooksLikeAFormulaIsNeutralised()
    {
        var bytes = Tandem.Core.Common.Workbook.Write("Dates", Now, new WorkbookSheet("Days",
            [new("day", ColumnKind.Date), new("at", ColumnKind.DateTime), new("note"), new("score", ColumnKind.Number)],
            [[new DateOnly(2026, 1, 2), new DateTime(2026, 1, 2, 13, 45, 0, DateTimeKind.Utc), "=1+1", -1]]));

        var row = XlsxSheet.Read(bytes, "Days").Rows.Single();
        Assert.Equal(new XlsxCell("date", "2026-01-02"), row[0]);
        Assert.Equal(new XlsxCell("date", "2026-01-02 13:45"), row[1]);
        Assert.Equal(new XlsxCell("text", "'=1+1"), row[2]);
        Assert.Equal(new XlsxCell("number", "-1"), row[3]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ComplianceExports_OneTablePerCsv_ScoresAreNumbers_BothSheetsNamed(string provider)
    {
        await using var kit = await Start(provider);
        var a = (Guid)(await kit.Commitment("0207-A", track: "P1"))["id"]!;
        var b = (Guid)(await kit.Commitment("0207-B", track: "P3"))["id"]!;
        var cycle = await Post(kit.Secretariat, "/api/v1/compliance/cycles", new
        {
            forumId = kit.ForumId, name = "Files 2025", kind = "Interim", windowStart = "2025-01-01", windowEnd = "2025-06-30",
        }, HttpStatusCode.Created);
        var id = (Guid)cycle["id"]!;
        await Post(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/commitments", new { commitmentIds = new[] { a, b }, version = (int)cycle["version"]! });
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores", new { commitmentId = a, party = "USA", value = -1, rationale = "slipped, \"badly\"\nsee annex" });
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores", new { commitmentId = a, party = "JPN", value = 1 });

        var scoresCsv = await kit.Meti.GetByteArrayAsync(new Uri($"/api/v1/compliance/cycles/{id}/export.csv", UriKind.Relative));
        var aggregatesCsv = await kit.Meti.GetByteArrayAsync(new Uri($"/api/v1/compliance/cycles/{id}/export.csv?table=aggregates", UriKind.Relative));
        var zip = await kit.Meti.GetByteArrayAsync(new Uri($"/api/v1/compliance/cycles/{id}/export.zip", UriKind.Relative));
        var xlsx = await kit.Meti.GetByteArrayAsync(new Uri($"/api/v1/compliance/cycles/{id}/export.xlsx", UriKind.Relative));
        var badTable = await Get(kit.Meti, $"/api/v1/compliance/cycles/{id}/export.csv?table=everything", HttpStatusCode.BadRequest);

        // One table per CSV: every record has the header's width, and the header appears once.
        var scores = StrictCsv.Parse(scoresCsv);
        Assert.Equal("cycle", scores[0][0]);
        Assert.Single(scores, r => r[0] == "cycle");
        var usa = scores.Single(r => r[1] == "0207-A" && r[4] == "USA");
        Assert.Equal("-1", usa[6]);
        Assert.Equal("slipped, \"badly\"\nsee annex", usa[7]);
        var aggregates = StrictCsv.Parse(aggregatesCsv);
        Assert.Equal(["scope", "key", "mean", "percent", "scored", "cells"], aggregates[0]);
        Assert.Contains(aggregates, r => r[0] == "party" && r[1] == "USA");
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(2, archive.Entries.Count);
            Assert.All(archive.Entries, e => Assert.EndsWith(".csv", e.Name, StringComparison.Ordinal));
            using var entry = new MemoryStream();
            archive.Entries.Single(e => e.Name.EndsWith("-aggregates.csv", StringComparison.Ordinal)).Open().CopyTo(entry);
            Assert.Equal(aggregates, StrictCsv.Parse(entry.ToArray()));
        }

        Assert.Contains("table", Fields(badTable));

        var sheet = XlsxSheet.Read(xlsx, "Scores");
        var row = sheet.Rows.Single(r => r[1].Value == "0207-A" && r[4].Value == "USA");
        Assert.Equal(new XlsxCell("text", "0207-A"), row[1]);
        Assert.Equal(new XlsxCell("number", "-1"), row[sheet.Header.IndexOf("score")]);
        Assert.Equal("number", row[sheet.Header.IndexOf("commitment_average")].Kind);
        var aggregateSheet = XlsxSheet.Read(xlsx, "Aggregates");
        Assert.Equal(["scope", "key", "mean", "percent", "scored", "cells"], aggregateSheet.Header);
        Assert.Equal("number", aggregateSheet.Rows.First(r => r[1].Value == "USA")[4].Kind);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Assert.Equal("Compliance: Files 2025", document.PackageProperties.Title);
        Assert.Equal("Tandem", document.PackageProperties.Creator);
        Assert.NotNull(document.PackageProperties.Created);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EffectivenessWorkbook_WindowsAreDates_EmptyTablesKeepTheirHeader(string provider)
    {
        await using var kit = await Start(provider);
        var cycle = await Post(kit.Secretariat, "/api/v1/compliance/cycles", new
        {
            forumId = kit.ForumId, name = "Report 2025", kind = "Final", windowStart = "2025-01-01", windowEnd = "2025-12-31",
        }, HttpStatusCode.Created);
        Assert.NotNull(cycle);

        var xlsx = await kit.Secretariat.GetByteArrayAsync(new Uri($"/api/v1/forums/{kit.ForumId}/effectiveness-report?year=2025&format=xlsx", UriKind.Relative));

        var cycles = XlsxSheet.Read(xlsx, "Cycles");
        var row = cycles.Rows.Single(r => r[0].Value == "Report 2025");
        Assert.Equal(new XlsxCell("date", "2025-01-01"), row[cycles.Header.IndexOf("window_start")]);
        Assert.Equal(new XlsxCell("date", "2025-12-31"), row[cycles.Header.IndexOf("window_end")]);
        var verdicts = XlsxSheet.Read(xlsx, "Kept and broken");
        Assert.Equal(["commitment", "text", "party", "verdict", "score", "cycle", "evidence", "rationale"], verdicts.Header);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Assert.DoesNotContain(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>(), s => s.Name!.Value!.StartsWith("Sheet", StringComparison.Ordinal));
        Assert.Equal("Tandem", document.PackageProperties.Creator);
    }
}

/// <summary>A cell as a person sees it in Excel: its kind (text, number or date by its number format) and its shown value.</summary>
internal sealed record XlsxCell(string Kind, string Value);

internal sealed record XlsxSheet(List<string> Header, List<List<XlsxCell>> Rows)
{
    /// <summary>Reads one sheet with the Open XML SDK, telling dates by the cell's number format as Excel does.</summary>
    public static XlsxSheet Read(byte[] bytes, string name)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().SingleOrDefault(s => s.Name == name)
            ?? throw new Xunit.Sdk.XunitException($"No sheet named {name}: {string.Join(", ", workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name?.Value))}");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var formats = workbook.WorkbookStylesPart?.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var styles = workbook.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r =>
        {
            var cells = new List<XlsxCell>();
            foreach (var cell in r.Elements<Cell>())
            {
                var column = Column(cell.CellReference!.Value!);
                while (cells.Count < column)
                {
                    cells.Add(new XlsxCell("empty", ""));
                }

                cells.Add(Read(cell, formats, styles, shared));
            }

            return cells;
        }).ToList();
        var header = rows.Count == 0 ? [] : rows[0].Select(c => c.Value).ToList();
        var width = header.Count;
        return new XlsxSheet(header, rows.Skip(1).Select(r => r.Concat(Enumerable.Repeat(new XlsxCell("empty", ""), Math.Max(0, width - r.Count))).ToList()).ToList());
    }

    private static XlsxCell Read(Cell cell, Dictionary<uint, string> formats, List<CellFormat> styles, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return new XlsxCell("text", cell.InlineString!.InnerText);
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return new XlsxCell("text", shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (cell.DataType?.Value == CellValues.String)
        {
            return new XlsxCell("text", cell.CellValue!.Text);
        }

        var text = cell.CellValue?.Text ?? "";
        var format = cell.StyleIndex is { } s && s.Value < styles.Count ? styles[(int)s.Value].NumberFormatId?.Value ?? 0 : 0;
        var code = formats.GetValueOrDefault(format) ?? "";
        var isDate = format is >= 14 and <= 22 || (code.Contains('y', StringComparison.Ordinal) && code.Contains('d', StringComparison.Ordinal));
        if (isDate)
        {
            var moment = DateTime.FromOADate(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            return new XlsxCell("date", moment.TimeOfDay == TimeSpan.Zero && !code.Contains('h', StringComparison.Ordinal)
                ? moment.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : moment.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }

        return new XlsxCell("number", text);
    }

    private static int Column(string reference)
    {
        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            n = (n * 26) + (c - 'A' + 1);
        }

        return n - 1;
    }
}

/// <summary>
/// A strict RFC 4180 reader: the file must start with a UTF-8 byte-order mark, every record must end in CRLF, quotes
/// must be doubled inside quoted fields, and every record must have as many fields as the header (one table).
/// </summary>
internal static class StrictCsv
{
    public static List<List<string>> Parse(byte[] bytes)
    {
        var bom = Encoding.UTF8.GetPreamble();
        Assert.True(bytes.AsSpan().StartsWith(bom), "The CSV has no UTF-8 byte-order mark.");
        var text = new UTF8Encoding(false, true).GetString(bytes, bom.Length, bytes.Length - bom.Length);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "A quoted field is not closed.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                Assert.True(i >= text.Length || text[i] is ',' or '\r', $"Text after a closing quote at {i}.");
                continue;
            }

            switch (text[i])
            {
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r':
                    Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "A CR without LF ends a record.");
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    i += 2;
                    break;
                case '\n':
                    Assert.Fail($"A bare LF ends a record at {i}: records end in CRLF.");
                    break;
                case '"':
                    Assert.Fail($"A quote inside an unquoted field at {i}.");
                    break;
                default:
                    field.Append(text[i++]);
                    break;
            }
        }

        Assert.True(field.Length == 0 && record.Count == 0, "The last record does not end in CRLF.");
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        return records;
    }
}

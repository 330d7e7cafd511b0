using System.Text.Json;
using MiniExcelLibs;
using Tandem.Analytics.Export;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Export;

public class ResultWriterTests
{
    private static ResultTable Table() => new(
        "test",
        [new("name", CellKind.Text), new("value", CellKind.Number), new("count", CellKind.WholeNumber), new("flag", CellKind.Boolean)],
        [
            ["=HYPERLINK(\"http://x\")", -1.5, 3L, true],
            ["+cmd", 0.1 + 0.2, 0L, false],
            ["@SUM(A1)", 1e-17, -2L, true],
            ["-2+3", 9999.0, 1L, false],
            ["plain, with comma", 1.0 / 3.0, 7L, true],
            [null, null, null, null],
        ],
        [new("preset", "geodep")],
        new { Preset = "geodep" });

    [Fact]
    public void Csv_TextCellsThatLookLikeFormulasAreNeutralised_NumbersStayNumbers()
    {
        var writer = new StringWriter();

        ResultWriter.WriteCsv(Table(), writer);

        var lines = writer.ToString().Split("\r\n");
        Assert.Equal("name,value,count,flag", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",-1.5,3,true", lines[1]);
        Assert.Equal("'+cmd,0.30000000000000004,0,false", lines[2]);
        Assert.Equal("'@SUM(A1),1E-17,-2,true", lines[3]);
        Assert.Equal("'-2+3,9999,1,false", lines[4]);
        Assert.Equal("\"plain, with comma\",0.3333333333333333,7,true", lines[5]);
        Assert.Equal(",,,", lines[6]);
    }

    [Theory]
    [InlineData("＝HYPERLINK(\"http://x\")")]
    [InlineData("＋cmd")]
    [InlineData("－2+3")]
    [InlineData("＠SUM(A1)")]
    [InlineData(" =1+1")]
    [InlineData("\u200B@SUM(A1)")]
    [InlineData("\tcmd")]
    public void NeutraliseFormula_FullWidthOrHiddenFormulaStart_GetsAnApostrophe(string text) =>
        Assert.Equal("'" + text, ResultWriter.NeutraliseFormula(text));

    [Fact]
    public void Csv_NumbersRoundTripExactly()
    {
        var writer = new StringWriter();

        ResultWriter.WriteCsv(Table(), writer);

        var value = writer.ToString().Split("\r\n")[5].Split(',')[^3];
        Assert.Equal(1.0 / 3.0, double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_HasRowsWithTypedValuesAndTheProvenance()
    {
        using var stream = new MemoryStream();

        ResultWriter.Write(Table(), stream, ExportFormat.Json);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("geodep", root.GetProperty("provenance").GetProperty("preset").GetString());
        var first = root.GetProperty("rows")[0];
        Assert.Equal(-1.5, first.GetProperty("value").GetDouble());
        Assert.Equal(3, first.GetProperty("count").GetInt64());
        Assert.True(first.GetProperty("flag").GetBoolean());
        Assert.Equal(0.1 + 0.2, root.GetProperty("rows")[1].GetProperty("value").GetDouble());
    }

    [Fact]
    public void Xlsx_HasNumericCellsAndAnAboutSheet()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.xlsx");

        var written = ResultWriter.Write(Table(), path);

        Assert.True(written.IsSuccess, written.Failure?.Message);
        var rows = MiniExcel.Query(path, useHeaderRow: true, sheetName: "test").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(-1.5, Convert.ToDouble(rows[0]["value"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsType<double>(rows[0]["value"]);
        var about = MiniExcel.Query(path, useHeaderRow: true, sheetName: "about").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("preset", about[0]["item"]);
    }

    [Fact]
    public void Xlsx_HsCodesStayText_AndAnEmptyResultKeepsItsNamedSheetAndHeader()
    {
        using var dir = new TempDirectory();
        var codes = new ResultTable("screening", [new("hs6", CellKind.Text), new("imports", CellKind.Number)], [["020120", 12.5]], [], new { });
        var empty = new ResultTable("screening", [new("hs6", CellKind.Text), new("imports", CellKind.Number)], [], [], new { });

        Assert.True(ResultWriter.Write(codes, dir.File("codes.xlsx")).IsSuccess);
        Assert.True(ResultWriter.Write(empty, dir.File("empty.xlsx")).IsSuccess);

        var row = Assert.Single(MiniExcel.Query(dir.File("codes.xlsx"), useHeaderRow: true, sheetName: "screening").Cast<IDictionary<string, object>>());
        Assert.Equal("020120", row["hs6"]);
        Assert.Equal(12.5, Convert.ToDouble(row["imports"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["screening", "about"], MiniExcel.GetSheetNames(dir.File("empty.xlsx")));
        var header = Assert.Single(MiniExcel.Query(dir.File("empty.xlsx"), sheetName: "screening").Cast<IDictionary<string, object>>());
        Assert.Equal("hs6", header["A"]);
        Assert.Equal("imports", header["B"]);
    }

    [Fact]
    public void CsvFile_HasABomAndCrlf()
    {
        using var dir = new TempDirectory();

        Assert.True(ResultWriter.Write(Table(), dir.File("out.csv")).IsSuccess);

        var bytes = File.ReadAllBytes(dir.File("out.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[^\r]\n", text);
    }

    [Theory]
    [InlineData("out.txt", "unknown output extension")]
    [InlineData("no-such-dir/out.csv", "does not exist")]
    public void Write_BadPath_IsInvalid(string relative, string message)
    {
        using var dir = new TempDirectory();

        var result = ResultWriter.Write(Table(), dir.File(relative));

        Assert.False(result.IsSuccess);
        Assert.Contains(message, result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScreeningTable_HasTheColumnsInTheSpecifiedOrder()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", "854231", 10));
        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022) { Parties = ["USA"] }).Value;
        var writer = new StringWriter();

        ResultWriter.WriteCsv(result.ToTable(), writer);

        var lines = writer.ToString().Split("\r\n");
        Assert.Equal("party,year,hs6,description,imports,suppliers,hhi_imports,top_supplier,top_share,concern_share,ally_share,exports,import_export_ratio,hhi_world,dependent,persistent", lines[0]);
        Assert.StartsWith("USA,2022,854231,\"Electronic integrated circuits; processors", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",10,1,1,CHN,1,1,0,0,9999,1,true,false", lines[1], StringComparison.Ordinal);
    }
}

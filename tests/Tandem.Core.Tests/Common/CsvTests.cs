using Tandem.Core.Common;

namespace Tandem.Core.Tests.Common;

public sealed class CsvTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1")]
    [InlineData("-2")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tx")]
    [InlineData("\rx")]
    [InlineData("＝HYPERLINK(\"http://x\")")]
    [InlineData("＋1")]
    [InlineData("－1")]
    [InlineData("＠SUM(A1)")]
    [InlineData("﹦1+1")]
    [InlineData("\u22121")]
    [InlineData("  =1+1")]
    [InlineData("\u200B=1+1")]
    [InlineData("\u202E=1+1")]
    public void SafeText_TextASpreadsheetWouldEvaluate_StartsWithAnApostrophe(string value) =>
        Assert.Equal("'" + value, Csv.SafeText(value));

    [Theory]
    [InlineData("Supply chains")]
    [InlineData("経済版2+2")]
    [InlineData("a=b")]
    [InlineData("")]
    public void SafeText_OrdinaryText_IsUnchanged(string value) =>
        Assert.Equal(value, Csv.SafeText(value));

    [Fact]
    public void ReadRecords_QuotedFieldsWithCommasQuotesAndLineBreaks_KeepTheirTextAndStartingLine()
    {
        const string text = "\uFEFFcode,title,note\r\n"
            + "C1,\"Semiconductors, advanced\",\"He said \"\"yes\"\"\"\r\n"
            + "C2,\"経済版2+2\r\n第二行\",\"line one\nline two\"\r\n"
            + "\r\n"
            + "C3,短い\r\n";

        var records = Csv.ReadRecords(new StringReader(text));

        Assert.Equal(3, records.Count);
        Assert.Equal("Semiconductors, advanced", records[0]["TITLE"]);
        Assert.Equal("He said \"yes\"", records[0]["note"]);
        Assert.Equal("2", records[0]["__line"]);
        Assert.Equal("経済版2+2\r\n第二行", records[1]["title"]);
        Assert.Equal("line one\nline two", records[1]["note"]);
        Assert.Equal("3", records[1]["__line"]);
        Assert.Equal("短い", records[2]["title"]);
        Assert.Equal("", records[2]["note"]);
        Assert.Equal("7", records[2]["__line"]);
    }

    [Fact]
    public void ReadRows_ByteOrderMarkAndLeadingZeros_AreTextAsWritten()
    {
        var rows = Csv.ReadRows(new StringReader("\uFEFFhs6,value\n010121,\"1,5\"\n")).ToList();

        Assert.Equal(["hs6", "value"], rows[0].Fields);
        Assert.Equal(2, rows[1].Line);
        Assert.Equal(["010121", "1,5"], rows[1].Fields);
    }

    [Fact]
    public void SplitLine_QuotedCommaAndDoubledQuote_AreOneField() =>
        Assert.Equal(["a", "b,c", "d\"e", ""], Csv.SplitLine("a,\"b,c\",\"d\"\"e\","));

    [Fact]
    public void CsvFileWrite_ThenReadRecords_GivesBackEveryCell()
    {
        var bytes = CsvFile.Write(
            [new SheetColumn("code", ColumnKind.Text), new SheetColumn("text", ColumnKind.Text), new SheetColumn("score", ColumnKind.Number)],
            [["0042", "複数行の\r\n説明, \"引用\"", -1], ["=cmd", "", 2.5]]);

        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8);
        var records = Csv.ReadRecords(reader);

        Assert.Equal("0042", records[0]["code"]);
        Assert.Equal("複数行の\r\n説明, \"引用\"", records[0]["text"]);
        Assert.Equal("-1", records[0]["score"]);
        Assert.Equal("'=cmd", records[1]["code"]);
        Assert.Equal("4", records[1]["__line"]);
    }
}

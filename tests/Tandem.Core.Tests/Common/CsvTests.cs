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
}

using Tandem.Analytics.CodeLists;

namespace Tandem.Analytics.Tests.CodeLists;

public class SimpleCsvTests
{
    [Fact]
    public void ReadRecords_QuotedMultiLineFields_StayOneRecordWithTheirText()
    {
        const string text = "\uFEFFbasket,hs6,description\n"
            + "batteries,850760,\"Lithium-ion accumulators, \"\"cells\"\"\nand batteries\"\n"
            + "\n"
            + "magnets,850511,\"永久磁石\r\n（金属製）\"\n";

        var records = SimpleCsv.ReadRecords(text);

        Assert.Equal(2, records.Count);
        Assert.Equal("batteries", records[0]["basket"]);
        Assert.Equal("Lithium-ion accumulators, \"cells\"\nand batteries", records[0]["description"]);
        Assert.Equal("850511", records[1]["hs6"]);
        Assert.Equal("永久磁石\r\n（金属製）", records[1]["description"]);
    }

    [Theory]
    [InlineData("\"t\",\"i\",\"j\",\"k\",\"v\",\"q\"", ',')]
    [InlineData(" t , i ,j,k,v, \"q\" ", ',')]
    [InlineData("t\ti\tj\tk\tv\tq", '\t')]
    public void SplitLine_HeaderWithQuotesOrPadding_GivesBareNames(string line, char separator) =>
        Assert.Equal(["t", "i", "j", "k", "v", "q"], SimpleCsv.SplitLine(line, separator).Select(c => c.Trim()));
}

using Tandem.Analytics.CodeLists;

namespace Tandem.Analytics.Tests.CodeLists;

public class TradeCodeListsTests
{
    [Fact]
    public void Hs2022_HasAllSixDigitSubheadings()
    {
        var products = TradeCodeLists.Default.Products;

        Assert.InRange(products.Count, 5600, 5620);
        Assert.All(products, p => Assert.Matches("^[0-9]{6}$", p.Hs6));
        Assert.Contains(products, p => p.Hs6 == "271111" && p.Description.Contains("natural gas", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(842, "USA")]
    [InlineData(251, "FRA")]
    [InlineData(699, "IND")]
    [InlineData(757, "CHE")]
    [InlineData(579, "NOR")]
    [InlineData(490, "TWN")]
    [InlineData(410, "KOR")]
    public void BaciCodes_MapToIso3_EvenWhereTheyDifferFromIsoNumeric(int baciCode, string iso3) =>
        Assert.Equal(iso3, TradeCodeLists.Default.BaciByCode[baciCode].Iso3);

    [Fact]
    public void BaciCountryNames_DoubleEncodedUtf8_IsRepaired()
    {
        Assert.Equal("Türkiye", TradeCodeLists.Default.BaciByCode[792].Name);
        Assert.Equal("Côte d'Ivoire", TradeCodeLists.Default.BaciByCode[384].Name);
        Assert.DoesNotContain(TradeCodeLists.Default.BaciCountries, c => c.Name.Contains('Ã', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TÃ¼rkiye", "Türkiye")]
    [InlineData("CuraÃ§ao", "Curaçao")]
    [InlineData("Plain", "Plain")]
    [InlineData("Türkiye", "Türkiye")]
    public void RepairDoubleEncodedUtf8_FixesOnlyMojibake(string input, string expected) =>
        Assert.Equal(expected, TradeCodeLists.RepairDoubleEncodedUtf8(input));

    [Fact]
    public void EveryBasketCode_ExistsInHs2022()
    {
        var hs = TradeCodeLists.Default.ProductsByCode;
        var missing = ProductBaskets.All.SelectMany(b => b.Products.Select(p => $"{b.Name}:{p.Hs6}")).Where(x => !hs.ContainsKey(x[(x.IndexOf(':', StringComparison.Ordinal) + 1)..])).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Baskets_CoverTheStrategicSectors()
    {
        var names = ProductBaskets.All.Select(b => b.Name).ToList();

        Assert.Equal(
            ["semiconductors", "semiconductor-equipment", "batteries", "critical-minerals", "gallium-germanium", "graphite", "lithium", "cobalt", "pharmaceuticals", "energy", "solar"],
            names);
        Assert.Contains("811292", ProductBaskets.Find("gallium-germanium").Value.Codes);
        Assert.Contains("271111", ProductBaskets.Find("ENERGY").Value.Codes);
        Assert.All(ProductBaskets.All, b => Assert.All(b.Products, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason))));
    }

    [Fact]
    public void UnknownBasket_IsNotFound()
    {
        var result = ProductBaskets.Find("unobtainium");

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.NotFound, result.Failure!.Kind);
        Assert.Contains("unobtainium", result.Failure.Message, StringComparison.Ordinal);
    }
}

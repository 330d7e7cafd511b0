using Tandem.Core.Reference;

namespace Tandem.Core.Tests.Reference;

/// <summary>The registry of unions shipped beside the ISO list: a party code names a state or a union, never both.</summary>
public class UnionsTests
{
    [Fact]
    public void EveryUnion_HasACodeOutsideIso_NamesInBothLanguages_AndIsoMembers()
    {
        Assert.NotEmpty(Unions.All);
        foreach (var union in Unions.All)
        {
            Assert.False(IsoCountries.IsKnown(union.Code), $"{union.Code} is an ISO 3166-1 alpha-3 code");
            Assert.Matches("^[A-Z]{3}$", union.Code);
            Assert.NotEmpty(union.NameEn);
            Assert.NotEmpty(union.NameJa);
            Assert.All(union.Members, m => Assert.True(IsoCountries.IsKnown(m), $"{union.Code} member {m} is not an ISO code"));
            Assert.Equal(union.Members.Count, union.Members.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Eur_IsTheEuropeanUnionOfTwentySeven()
    {
        var eu = Unions.Find("EUR")!;

        Assert.Equal("European Union", eu.NameEn);
        Assert.Equal("欧州連合", eu.Name("ja"));
        Assert.Equal(27, eu.Members.Count);
        Assert.True(PartyCodes.IsKnown("EUR"));
        Assert.True(PartyCodes.IsKnown("JPN"));
        Assert.False(PartyCodes.IsKnown("EUX"));
        Assert.Equal(eu.Members, PartyCodes.ReporterCodes("EUR"));
        Assert.Equal(["USA"], PartyCodes.ReporterCodes("USA"));
    }
}

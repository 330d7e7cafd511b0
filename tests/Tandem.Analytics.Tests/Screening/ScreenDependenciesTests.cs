using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Screening;

public class ScreenDependenciesTests
{
    private const string Chips = "854231";

    private static ScreeningRow Screen(TestStore t, string party, int year, string hs6 = Chips, ScreeningParameters? parameters = null)
    {
        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(year) { Parties = [party], Parameters = parameters ?? new() });
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value.Rows.Single(r => r.Hs6 == hs6);
    }

    [Fact]
    public void OneSupplier_HhiIsOne_AndTopShareIsOne()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 250.5));

        var row = Screen(t, "USA", 2022);

        Assert.Equal(1.0, row.HhiImports);
        Assert.Equal(1, row.Suppliers);
        Assert.Equal("CHN", row.TopSupplier);
        Assert.Equal(1.0, row.TopShare);
        Assert.Equal(250.5, row.Imports);
        Assert.Equal("Electronic integrated circuits; processors and controllers, whether or not combined with memories, converters, logic circuits, amplifiers, clock and timing circuits, or other circuits", row.Description);
    }

    [Fact]
    public void TwoEqualSuppliers_HhiIsHalf()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 40), (2022, "KOR", "USA", Chips, 40));

        var row = Screen(t, "USA", 2022);

        Assert.Equal(0.5, row.HhiImports);
        Assert.Equal(2, row.Suppliers);
        // Equal values: the tie goes to the alphabetically first supplier, so results are reproducible.
        Assert.Equal("CHN", row.TopSupplier);
        Assert.Equal(0.5, row.TopShare);
    }

    [Fact]
    public void NoExports_RatioIs9999()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 10));

        var row = Screen(t, "USA", 2022);

        Assert.Equal(0.0, row.Exports);
        Assert.Equal(9999.0, row.ImportExportRatio);
    }

    [Fact]
    public void Exports_AreThePartysWorldExportsOfTheProduct()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 30), (2022, "USA", "JPN", Chips, 8), (2022, "USA", "DEU", Chips, 2));

        var row = Screen(t, "USA", 2022);

        Assert.Equal(10.0, row.Exports);
        Assert.Equal(3.0, row.ImportExportRatio);
    }

    [Fact]
    public void DuplicatesOfAPair_AreSummedBeforeShares()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 30), (2022, "CHN", "USA", Chips, 30), (2022, "KOR", "USA", Chips, 40));

        var row = Screen(t, "USA", 2022);

        Assert.Equal(2, row.Suppliers);
        Assert.Equal((0.6 * 0.6) + (0.4 * 0.4), row.HhiImports, 12);
        Assert.Equal("CHN", row.TopSupplier);
        Assert.Equal(0.6, row.TopShare, 12);
        Assert.Equal(1, t.Store.ListImports().Single().ImportId);
        Assert.Equal(1, Sql.Scalar<long>(t.Store.Connection, "SELECT duplicate_pairs FROM imports"));
    }

    [Fact]
    public void RepeatedPairOfACountryLateInTheAlphabet_IsCountedAndSummed()
    {
        using var t = new TestStore();
        // ZWE and VNM sit in the last words of the country bitmap the import counts repeats with; AFG in the first.
        t.ImportBaci((2022, "ZWE", "USA", Chips, 10), (2022, "AFG", "USA", Chips, 20), (2022, "VNM", "USA", Chips, 5), (2022, "ZWE", "USA", Chips, 15));

        var row = Screen(t, "USA", 2022);

        Assert.Equal(1, Sql.Scalar<long>(t.Store.Connection, "SELECT duplicate_pairs FROM imports"));
        Assert.Equal(3, row.Suppliers);
        Assert.Equal("ZWE", row.TopSupplier);
        Assert.Equal(0.5, row.TopShare, 12);
    }

    [Fact]
    public void RepeatedPairWithAZeroFlow_ChangesNothingAndIsNotCounted()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 30), (2022, "CHN", "USA", Chips, 0), (2022, "KOR", "USA", Chips, 20));

        var row = Screen(t, "USA", 2022);

        Assert.Equal(0, Sql.Scalar<long>(t.Store.Connection, "SELECT duplicate_pairs FROM imports"));
        Assert.Equal(2, row.Suppliers);
        Assert.Equal(0.6, row.TopShare, 12);
    }

    [Fact]
    public void ConcernAndAllyShares_FollowTheConfiguredSets()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 50), (2022, "RUS", "USA", Chips, 10), (2022, "JPN", "USA", Chips, 25), (2022, "KOR", "USA", Chips, 10), (2022, "VNM", "USA", Chips, 5));

        var defaults = Screen(t, "USA", 2022);
        var custom = Screen(t, "USA", 2022, parameters: new ScreeningParameters { ConcernCountries = ["VNM"], LikeMinded = [] });

        Assert.Equal(0.6, defaults.ConcernShare, 12);
        Assert.Equal(0.35, defaults.AllyShare, 12);
        Assert.Equal(0.05, custom.ConcernShare, 12);
        Assert.Equal(0.25, custom.AllyShare, 12);
    }

    [Fact]
    public void GeoDep_DependentNeedsImportAndWorldConcentrationAndRatio()
    {
        using var t = new TestStore();
        // Product A: USA buys only from CHN, CHN is nearly the only exporter in the world, USA exports little: dependent.
        // Product B: the same for the USA, but world exports are spread over many exporters: not dependent.
        t.ImportBaci(
            (2022, "CHN", "USA", "811292", 90), (2022, "USA", "MEX", "811292", 1), (2022, "CHN", "DEU", "811292", 50),
            (2022, "CHN", "USA", "250410", 90), (2022, "BRA", "DEU", "250410", 80), (2022, "MOZ", "JPN", "250410", 80), (2022, "CAN", "FRA", "250410", 80), (2022, "IND", "KOR", "250410", 80));

        var a = Screen(t, "USA", 2022, "811292");
        var b = Screen(t, "USA", 2022, "250410");

        Assert.True(a.Dependent);
        Assert.Equal(90.0, a.ImportExportRatio);
        Assert.True(a.HhiWorld > 0.4);
        Assert.False(b.Dependent);
        Assert.Equal(1.0, b.HhiImports);
        Assert.Equal((90.0 * 90 + 4 * 80 * 80) / (410.0 * 410), b.HhiWorld, 12);
    }

    [Fact]
    public void Persistence_NeedsTwoOfTheThreeYearsEndingInT()
    {
        using var t = new TestStore();
        // Dependent in 2020 and 2022, not in 2021 (three equal suppliers: HHI 1/3): persistent in 2022.
        // The other product is dependent in 2022 only: not persistent.
        t.ImportBaci(
            (2020, "CHN", "USA", Chips, 10), (2020, "CHN", "USA", "811292", 10), (2020, "KOR", "USA", "811292", 10), (2020, "VNM", "USA", "811292", 10),
            (2021, "CHN", "USA", Chips, 10), (2021, "KOR", "USA", Chips, 10), (2021, "VNM", "USA", Chips, 10), (2021, "CHN", "USA", "811292", 10), (2021, "KOR", "USA", "811292", 10), (2021, "VNM", "USA", "811292", 10),
            (2022, "CHN", "USA", Chips, 10), (2022, "CHN", "USA", "811292", 10));

        var chips2022 = Screen(t, "USA", 2022);
        var chips2021 = Screen(t, "USA", 2021);
        var gallium2022 = Screen(t, "USA", 2022, "811292");

        Assert.True(chips2022.Dependent);
        Assert.True(chips2022.Persistent);
        Assert.False(chips2021.Dependent);
        Assert.False(chips2021.Persistent);
        Assert.True(gallium2022.Dependent);
        Assert.False(gallium2022.Persistent);
    }

    [Fact]
    public void Eu2021_Bloc_UsesExtraBlocImportsAndBlocExports()
    {
        using var t = new TestStore();
        // Bloc USA+JPN. Extra-bloc: CHN→USA 60, CHN→JPN 20, KOR→JPN 20 → extra imports 100, HHI (0.8² + 0.2²) = 0.68.
        // Intra-bloc JPN→USA 20 → total bloc imports 120, extra share 100/120. Bloc exports: JPN→USA 20 + USA→MEX 30 = 50 → ratio 2.
        t.ImportBaci((2022, "CHN", "USA", Chips, 60), (2022, "CHN", "JPN", Chips, 20), (2022, "KOR", "JPN", Chips, 20), (2022, "JPN", "USA", Chips, 20), (2022, "USA", "MEX", Chips, 30));

        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022)
        {
            Bloc = ["USA", "JPN"],
            Parameters = new ScreeningParameters { Preset = ScreeningPreset.Eu2021 },
        }).Value;

        var row = Assert.Single(result.Rows);
        Assert.Equal("USA+JPN", row.Party);
        Assert.Equal(100.0, row.Imports, 12);
        Assert.Equal(2, row.Suppliers);
        Assert.Equal(0.68, row.HhiImports, 12);
        Assert.Equal("CHN", row.TopSupplier);
        Assert.Equal(0.8, row.TopShare, 12);
        Assert.Equal(100.0 / 120.0, row.ExtraBlocShare!.Value, 12);
        Assert.Equal(50.0, row.Exports, 12);
        Assert.Equal(2.0, row.ImportExportRatio, 12);
        Assert.Equal(0.8, row.ConcernShare, 12);
        Assert.Equal(0.2, row.AllyShare, 12);
        Assert.True(row.Dependent);
    }

    [Fact]
    public void Eu2021_Bloc_NotDependentWhenMostImportsComeFromInsideTheBloc()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 10), (2022, "JPN", "USA", Chips, 90));

        var row = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022)
        {
            Bloc = ["USA", "JPN"],
            Parameters = new ScreeningParameters { Preset = ScreeningPreset.Eu2021 },
        }).Value.Rows.Single();

        Assert.Equal(1.0, row.HhiImports);
        Assert.Equal(0.1, row.ExtraBlocShare!.Value, 12);
        Assert.False(row.Dependent);
    }

    [Fact]
    public void Result_CarriesParametersAndDataVersions()
    {
        using var t = new TestStore();
        t.ImportBaci((2021, "CHN", "USA", Chips, 10), (2022, "CHN", "USA", Chips, 10));
        var parameters = new ScreeningParameters { ImportConcentration = 0.25 };

        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022) { Parameters = parameters }).Value;

        Assert.Same(parameters, result.Request.Parameters);
        Assert.Equal([2021, 2022], result.YearsRead);
        Assert.Equal(2, result.DataVersions.Count);
        Assert.Equal(TradeSource.Baci, result.Source);
    }

    [Fact]
    public void AllImporters_AreScreenedWhenNoPartyIsGiven()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 10), (2022, "CHN", "JPN", Chips, 10), (2022, "USA", "JPN", "811292", 1));

        var rows = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022)).Value.Rows;

        Assert.Equal([("JPN", "811292"), ("JPN", Chips), ("USA", Chips)], rows.Select(r => (r.Party, r.Hs6)));
    }

    [Fact]
    public void Basket_LimitsTheProducts()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 10), (2022, "CHN", "USA", "250410", 10));

        var rows = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022) { Parties = ["USA"], Basket = "graphite" }).Value.Rows;

        Assert.Equal(["250410"], rows.Select(r => r.Hs6));
    }

    [Theory]
    [InlineData("XXX", null, 2022, FailureKind.Invalid, "XXX")]
    [InlineData("USA", null, 2019, FailureKind.NotFound, "2019")]
    [InlineData("USA", "no-such-basket", 2022, FailureKind.NotFound, "no-such-basket")]
    public void BadInput_IsAFailureValueNamingTheInput(string party, string? basket, int year, FailureKind kind, string named)
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 10));

        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(year) { Parties = [party], Basket = basket });

        Assert.False(result.IsSuccess);
        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Contains(named, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyStore_IsNotFound()
    {
        using var t = new TestStore();

        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022));

        Assert.Equal(FailureKind.NotFound, result.Failure!.Kind);
    }
}

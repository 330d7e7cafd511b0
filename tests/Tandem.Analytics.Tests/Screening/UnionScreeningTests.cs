using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Scenario;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Screening;

/// <summary>
/// The European Union (party code EUR) screened as one importer on a small BACI file, against values worked out by
/// hand below: its members' imports from outside the union, never the trade between two members.
/// </summary>
public class UnionScreeningTests
{
    private const string Batteries = "850760";

    // Thousand USD, 2022, lithium-ion accumulators. DEU and FRA are EU members; the rest are not.
    private static readonly (int, string, string, string, double)[] Flows =
    [
        (2022, "CHN", "DEU", Batteries, 60), (2022, "CHN", "FRA", Batteries, 30), // extra-EU imports from China: 90
        (2022, "USA", "DEU", Batteries, 10), (2022, "KOR", "FRA", Batteries, 20), // from the U.S. 10, from Korea 20
        (2022, "FRA", "DEU", Batteries, 50), (2022, "DEU", "FRA", Batteries, 40), // intra-EU: never counted for EUR
        (2022, "DEU", "USA", Batteries, 25), (2022, "FRA", "JPN", Batteries, 5),  // extra-EU exports: 30
        (2022, "CHN", "USA", Batteries, 300), (2022, "JPN", "USA", Batteries, 20),
    ];

    [Fact]
    public void Registry_MapsEurToTheTwentySevenMemberStates()
    {
        var members = TradeParties.ReportersOf("EUR");

        Assert.Equal(27, members.Count);
        Assert.Contains("DEU", members);
        Assert.Contains("HRV", members);
        Assert.DoesNotContain("GBR", members);
        Assert.All(members, m => Assert.True(TradeCodeLists.Default.KnownIso3.Contains(m), m));
        Assert.DoesNotContain("EUR", (IReadOnlySet<string>)TradeCodeLists.Default.KnownIso3);
        Assert.Equal(["USA"], TradeParties.ReportersOf("USA"));
    }

    [Fact]
    public void GeoDep_ScreensTheEuOnImportsFromOutsideIt_AsComputedByHand()
    {
        using var t = new TestStore();
        t.ImportBaci(Flows);

        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022) { Parties = ["EUR", "USA"] });

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal(["EUR", "USA"], result.Value.Rows.Select(r => r.Party));
        var eu = result.Value.Rows[0];
        // Imports: CHN 60 + 30 = 90, USA 10, KOR 20 → 120; FRA→DEU 50 and DEU→FRA 40 are inside the union.
        Assert.Equal(120, eu.Imports, 9);
        Assert.Equal(3, eu.Suppliers);
        // HHI over suppliers: (90² + 10² + 20²) / 120² = 8600 / 14400.
        Assert.Equal(8600.0 / 14400.0, eu.HhiImports, 12);
        Assert.Equal("CHN", eu.TopSupplier);
        Assert.Equal(90.0 / 120.0, eu.TopShare, 12);
        Assert.Equal(90.0 / 120.0, eu.ConcernShare, 12);
        // Allies from outside the union: USA 10 + KOR 20 (DEU and FRA are members, not suppliers).
        Assert.Equal(30.0 / 120.0, eu.AllyShare, 12);
        // Exports to non-members: DEU→USA 25 + FRA→JPN 5; M/X = 120 / 30.
        Assert.Equal(30, eu.Exports, 9);
        Assert.Equal(4, eu.ImportExportRatio, 12);
        // World exports by country: CHN 390, USA 10, KOR 20, FRA 55, DEU 65, JPN 20 (total 560).
        Assert.Equal((390.0 * 390 + 10 * 10 + 20 * 20 + 55 * 55 + 65 * 65 + 20 * 20) / (560.0 * 560), eu.HhiWorld, 12);
        Assert.True(eu.Dependent);
        Assert.False(eu.Persistent); // one year in the store; persistence needs two of three
        Assert.Null(eu.ExtraBlocShare);

        // The U.S. in the same request is screened as before: CHN 300 + JPN 20 + DEU 25.
        Assert.Equal(345, result.Value.Rows[1].Imports, 9);
        Assert.Equal(10, result.Value.Rows[1].Exports, 9);
    }

    [Fact]
    public void Eu2021_ComparesExtraEuImportsWithAllMemberExports()
    {
        using var t = new TestStore();
        t.ImportBaci(Flows);

        var eu = Assert.Single(ScreenDependencies.Run(t.Store, new ScreeningRequest(2022)
        {
            Parties = ["EUR"],
            Parameters = new ScreeningParameters { Preset = ScreeningPreset.Eu2021 },
        }).Value.Rows);

        Assert.Equal("EUR", eu.Party);
        Assert.Equal(120, eu.Imports, 9);
        // Extra-EU share of the members' total imports: 120 / (120 + 50 + 40).
        Assert.Equal(120.0 / 210.0, eu.ExtraBlocShare!.Value, 12);
        // The Commission's ratio: extra-EU imports / all the members' exports (DEU 40 + 25, FRA 50 + 5) = 120 / 120.
        Assert.Equal(120, eu.Exports, 9);
        Assert.Equal(1, eu.ImportExportRatio, 12);
        Assert.False(eu.Dependent); // the ratio must exceed 1
    }

    [Fact]
    public void SupplierSharesTrendsJointAndScenario_TakeTheEuCode()
    {
        using var t = new TestStore();
        t.ImportBaci(Flows);

        var shares = SupplierShares.Run(t.Store, "EUR", Batteries, 2022).Value;
        Assert.Equal(["CHN", "KOR", "USA"], shares.Suppliers.Select(s => s.Supplier));
        Assert.Equal([90.0, 20.0, 10.0], shares.Suppliers.Select(s => s.Value));
        Assert.Equal(120, shares.Imports, 9);

        var trend = Assert.Single(ComputeTrends.Run(t.Store, new TrendRequest("EUR") { Products = [Batteries] }).Value.Points);
        Assert.Equal(8600.0 / 14400.0, trend.HhiImports, 12);

        // Both the U.S. (HHI (300² + 20² + 25²) / 345², M/X 34.5) and the EU are dependent on China.
        var joint = Assert.Single(FindJointDependencies.Run(t.Store, new JointRequest(["USA", "EUR"], 2022)).Value.Rows);
        Assert.Equal(["USA", "EUR"], joint.Parties.Select(p => p.Party));
        Assert.Equal("CHN", joint.SharedTopSupplier);

        // China cuts everything to the EU: 90 lost. Allies outside the EU could send their spare exports:
        // USA 10 − 10 already sent to the EU, JPN 20 − 0, KOR 20 − 20 → spare 20, capacity 20 × 0.25 = 5, gap 85.
        var cut = Assert.Single(RunDisruptionScenario.Run(t.Store, new ScenarioRequest(["CHN"], ["EUR"], 2022) { Products = [Batteries] }).Value.Rows);
        Assert.Equal("EUR", cut.Target);
        Assert.Equal(120, cut.Imports, 9);
        Assert.Equal(90, cut.LostValue, 9);
        Assert.Equal(20, cut.AllySpareExports, 9);
        Assert.Equal(5, cut.SubstitutionCapacity, 9);
        Assert.Equal(85, cut.ResidualGap, 9);
    }

    [Fact]
    public void UnknownPartyCode_IsRefusedNamingTheInput()
    {
        using var t = new TestStore();
        t.ImportBaci(Flows);

        var refused = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022) { Parties = ["EUX"] });

        Assert.False(refused.IsSuccess);
        Assert.Contains("EUX", refused.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("EUR", refused.Failure.Message, StringComparison.Ordinal);
    }
}

using Tandem.Analytics.Scenario;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Scenario;

public class RunDisruptionScenarioTests
{
    [Fact]
    public void Scenario_HandCase_LostValueCapacityAndGap()
    {
        using var t = new TestStore();
        // Graphite (250410) in 2022. CHN supplies USA 100 and JPN 40; KOR exports 30 in all, 10 of them to the USA;
        // AUS exports 20, none to the USA; BRA (not an ally) exports 50.
        t.ImportBaci(
            (2022, "CHN", "USA", "250410", 100), (2022, "CHN", "JPN", "250410", 40),
            (2022, "KOR", "USA", "250410", 10), (2022, "KOR", "DEU", "250410", 20),
            (2022, "AUS", "IND", "250410", 20), (2022, "BRA", "USA", "250410", 50));

        var result = RunDisruptionScenario.Run(t.Store, new ScenarioRequest(["CHN"], ["USA", "JPN"], 2022)
        {
            Basket = "graphite",
            Cut = 0.5,
            Redirect = 0.5,
        }).Value;

        // USA: lost 0.5 × 100 = 50; spare = (30 − 10) + (20 − 0) = 40 (JPN, the other target, exports nothing);
        // capacity 0.5 × 40 = 20; gap 30.
        // JPN: lost 0.5 × 40 = 20; spare = 30 + 20 = 50 (nothing sent to JPN by allies); capacity 25; gap 0.
        Assert.Equal(2, result.Rows.Count);
        var usa = result.Rows[0];
        Assert.Equal(("USA", "250410"), (usa.Target, usa.Hs6));
        Assert.Equal(160.0, usa.Imports, 12);
        Assert.Equal(50.0, usa.LostValue, 12);
        Assert.Equal(40.0, usa.AllySpareExports, 12);
        Assert.Equal(20.0, usa.SubstitutionCapacity, 12);
        Assert.Equal(30.0, usa.ResidualGap, 12);
        var jpn = result.Rows[1];
        Assert.Equal(("JPN", 20.0, 50.0, 25.0, 0.0), (jpn.Target, jpn.LostValue, jpn.AllySpareExports, jpn.SubstitutionCapacity, jpn.ResidualGap));
        var total = Assert.Single(result.BasketTotals);
        Assert.Equal(("graphite", 70.0, 45.0, 30.0), (total.Basket, total.LostValue, total.SubstitutionCapacity, total.ResidualGap));
    }

    [Theory]
    [InlineData(1.5, 0.5, "cut")]
    [InlineData(0.5, -0.1, "redirect")]
    [InlineData(double.NaN, 0.5, "cut")]
    public void Scenario_FractionOutsideZeroOne_IsInvalid(double cut, double redirect, string named)
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", "250410", 100));

        var result = RunDisruptionScenario.Run(t.Store, new ScenarioRequest(["CHN"], ["USA"], 2022) { Cut = cut, Redirect = redirect });

        Assert.Equal(FailureKind.Invalid, result.Failure!.Kind);
        Assert.Contains(named, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_SupplierThatIsAnAlly_DoesNotSubstituteForItself()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "KOR", "USA", "854232", 100), (2022, "KOR", "DEU", "854232", 900));

        var row = RunDisruptionScenario.Run(t.Store, new ScenarioRequest(["KOR"], ["USA"], 2022) { Products = ["854232"] }).Value.Rows.Single();

        Assert.Equal(100.0, row.LostValue);
        Assert.Equal(0.0, row.AllySpareExports);
        Assert.Equal(100.0, row.ResidualGap);
    }
}

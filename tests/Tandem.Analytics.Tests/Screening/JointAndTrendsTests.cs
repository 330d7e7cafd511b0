using Tandem.Analytics.Screening;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Screening;

public class JointAndTrendsTests
{
    [Fact]
    public void Joint_ListsProductsDependentForEveryParty_WithTheSharedTopSupplier()
    {
        using var t = new TestStore();
        t.ImportBaci(
            (2022, "CHN", "USA", "811292", 90), (2022, "CHN", "JPN", "811292", 60), (2022, "RUS", "JPN", "811292", 5),
            (2022, "CHN", "USA", "250410", 90), (2022, "KOR", "JPN", "250410", 10), (2022, "VNM", "JPN", "250410", 10), (2022, "THA", "JPN", "250410", 10),
            (2022, "TWN", "USA", "854231", 90), (2022, "KOR", "JPN", "854231", 60));

        var joint = FindJointDependencies.Run(t.Store, new JointRequest(["USA", "JPN"], 2022)).Value;

        // 250410: JPN has three equal suppliers (HHI 1/3): not dependent, so not joint.
        Assert.Equal(["811292", "854231"], joint.Rows.Select(r => r.Hs6));
        Assert.Equal("CHN", joint.Rows[0].SharedTopSupplier);
        Assert.Null(joint.Rows[1].SharedTopSupplier);
        Assert.Equal(["USA", "JPN"], joint.Rows[0].Parties.Select(p => p.Party));
    }

    [Fact]
    public void Trends_GiveHhiAndTopSharePerYear()
    {
        using var t = new TestStore();
        t.ImportBaci(
            (2020, "CHN", "USA", "850760", 50), (2020, "KOR", "USA", "850760", 50),
            (2021, "CHN", "USA", "850760", 75), (2021, "KOR", "USA", "850760", 25),
            (2022, "CHN", "USA", "850760", 100));

        var points = ComputeTrends.Run(t.Store, new TrendRequest("USA") { Basket = "batteries" }).Value.Points;

        Assert.Equal([2020, 2021, 2022], points.Select(p => p.Year));
        Assert.Equal([0.5, 0.625, 1.0], points.Select(p => p.HhiImports));
        Assert.Equal([0.5, 0.75, 1.0], points.Select(p => p.TopShare));
        Assert.Equal("CHN", points[^1].TopSupplier);
    }
}

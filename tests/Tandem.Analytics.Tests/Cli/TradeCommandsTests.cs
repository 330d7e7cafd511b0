using System.CommandLine;
using Tandem.Analytics.Tests.Support;
using Tandem.Cli.Commands;

namespace Tandem.Analytics.Tests.Cli;

/// <summary>The <c>tandem trade</c> commands, invoked in-process: bad input gives a non-zero exit and one line naming the option.</summary>
public class TradeCommandsTests
{
    private static (int Exit, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(TradeCommands.Build());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return (exit, error.ToString());
    }

    private static TestStore StoreWithData()
    {
        var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", "854231", 10), (2022, "CHN", "JPN", "250410", 5));
        return t;
    }

    [Fact]
    public void Screen_WithoutYear_FailsNamingYear()
    {
        var (exit, error) = Run("trade", "screen", "--party", "USA", "--out", "x.csv");

        Assert.NotEqual(0, exit);
        Assert.Contains("--year", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_UnknownIso3_FailsNamingTheOption()
    {
        using var t = StoreWithData();

        var (exit, error) = Run("trade", "screen", "--party", "XYZ", "--year", "2022", "--out", t.Directory.File("r.csv"), "--store", t.Store.Path);

        Assert.Equal(2, exit);
        Assert.Contains("XYZ", error, StringComparison.Ordinal);
        Assert.Contains("--party", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_PartyEur_WritesOneRowForTheEuOnItsMembersImportsFromOutside()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "DEU", "850760", 60), (2022, "CHN", "FRA", "850760", 30), (2022, "FRA", "DEU", "850760", 50));
        t.Store.Dispose();
        var file = t.Directory.File("eu.csv");

        var (exit, error) = Run("trade", "screen", "--party", "eur", "--year", "2022", "--out", file, "--store", t.Store.Path);

        Assert.True(exit == 0, error);
        var row = File.ReadAllLines(file).Single(l => l.StartsWith("EUR,", StringComparison.Ordinal));
        // 60 + 30 from China; the 50 from France to Germany is inside the union.
        Assert.StartsWith("EUR,2022,850760,", row, StringComparison.Ordinal);
        Assert.Contains(",90,1,1,CHN,", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_YearNotInStore_IsNotFound()
    {
        using var t = StoreWithData();
        t.Store.Dispose();

        var (exit, error) = Run("trade", "screen", "--party", "USA", "--year", "1999", "--out", t.Directory.File("r.csv"), "--store", t.Store.Path);

        Assert.Equal(3, exit);
        Assert.Contains("year 1999 is not in the trade store", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_UnknownBasket_FailsNamingIt()
    {
        using var t = StoreWithData();
        t.Store.Dispose();

        var (exit, error) = Run("trade", "screen", "--party", "USA", "--year", "2022", "--basket", "moonrock", "--out", t.Directory.File("r.csv"), "--store", t.Store.Path);

        Assert.Equal(3, exit);
        Assert.Contains("unknown basket 'moonrock'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r.txt", "unknown output extension")]
    [InlineData("missing-dir/r.csv", "does not exist")]
    public void Screen_BadOutPath_FailsNamingOut(string outName, string message)
    {
        using var t = StoreWithData();
        t.Store.Dispose();

        var (exit, error) = Run("trade", "screen", "--party", "USA", "--year", "2022", "--out", t.Directory.File(outName), "--store", t.Store.Path);

        Assert.Equal(2, exit);
        Assert.Contains("--out", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_UnwritableOutPath_Fails()
    {
        using var t = StoreWithData();
        t.Store.Dispose();
        // Tests may run as root, who ignores directory permissions; a path under a regular file is unwritable for everyone.
        var blocker = t.Directory.File("file");
        File.WriteAllText(blocker, "x");

        var (exit, error) = Run("trade", "screen", "--party", "USA", "--year", "2022", "--out", Path.Combine(blocker, "r.csv"), "--store", t.Store.Path);

        Assert.Equal(2, exit);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cut", "1.5")]
    [InlineData("--redirect", "-0.2")]
    public void Scenario_BadFraction_FailsNamingTheOption(string option, string value)
    {
        using var t = StoreWithData();
        t.Store.Dispose();

        var (exit, error) = Run("trade", "scenario", "--suppliers", "CHN", "--targets", "USA", "--year", "2022", option, value, "--out", t.Directory.File("s.csv"), "--store", t.Store.Path);

        Assert.Equal(2, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_WithoutSuppliers_FailsNamingSuppliers()
    {
        var (exit, error) = Run("trade", "scenario", "--targets", "USA", "--year", "2022", "--out", "s.csv");

        Assert.NotEqual(0, exit);
        Assert.Contains("--suppliers", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnknownFormat_FailsNamingFormat()
    {
        var (exit, error) = Run("trade", "import", "--format", "excel", TestStore.Fixture("BACI_V202501_KOR_exports_852352_2023.csv"));

        Assert.NotEqual(0, exit);
        Assert.Contains("--format", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MissingFile_Fails()
    {
        using var dir = new TempDirectory();

        var (exit, error) = Run("trade", "import", "--format", "baci", dir.File("absent.csv"), "--store", dir.File("t.duckdb"));

        Assert.Equal(2, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_BadYears_FailsNamingYears()
    {
        using var dir = new TempDirectory();

        var (exit, error) = Run("trade", "synth", "--years", "2022-2020", "--flows-per-year", "10", "--out", dir.Path);

        Assert.Equal(2, exit);
        Assert.Contains("--years", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EndToEnd_SynthImportScreenScenario_WritesResults()
    {
        using var dir = new TempDirectory();
        var store = dir.File("trade.duckdb");

        Assert.Equal(0, Run("trade", "synth", "--years", "2021-2022", "--flows-per-year", "5000", "--seed", "4", "--products", "300", "--countries", "40", "--out", dir.Path).Exit);
        var files = Directory.GetFiles(dir.Path, "BACI_*.csv").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(0, Run(["trade", "import", "--format", "baci", .. files, "--store", store]).Exit);
        Assert.Equal(0, Run(["trade", "import", "--format", "baci", files[0], "--store", store]).Exit);
        Assert.Equal(0, Run("trade", "screen", "--party", "all", "--year", "2022", "--out", dir.File("screen.json"), "--store", store).Exit);
        Assert.Equal(0, Run("trade", "screen", "--bloc", "USA,JPN", "--preset", "eu2021", "--year", "2022", "--out", dir.File("bloc.xlsx"), "--store", store).Exit);
        Assert.Equal(0, Run("trade", "scenario", "--suppliers", "CHN", "--targets", "USA,JPN", "--year", "2022", "--cut", "0.5", "--out", dir.File("scenario.csv"), "--store", store).Exit);
        Assert.Equal(0, Run("trade", "baskets").Exit);
        Assert.Equal(0, Run("trade", "versions", "--store", store).Exit);

        Assert.True(new FileInfo(dir.File("screen.json")).Length > 1000);
        Assert.True(File.Exists(dir.File("bloc.xlsx")));
        Assert.StartsWith("target,hs6,description,imports,lost_value", File.ReadAllText(dir.File("scenario.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void StorePath_ComesFromTheEnvironmentWhenNotGiven()
    {
        using var dir = new TempDirectory();
        var store = dir.File("env.duckdb");
        Environment.SetEnvironmentVariable("Tandem__Trade__Store", store);
        try
        {
            var (exit, _) = Run("trade", "import", "--format", "baci", TestStore.Fixture("BACI_V202501_KOR_exports_852352_2023.csv"));

            Assert.Equal(0, exit);
            Assert.True(File.Exists(store));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Tandem__Trade__Store", null);
        }
    }
}

using Tandem.Analytics.Import;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Import;

public class ImportComtradeTests
{
    private const string Sample = "comtrade_USA_2022_sample.csv";

    [Fact]
    public async Task Import_ComtradeSample_MapsColumnsOrientsFlowsAndSkipsTotals()
    {
        using var t = new TestStore();

        var result = await ImportTradeFile.RunAsync(t.Store, new ImportRequest(TestStore.Fixture(Sample), TradeFileFormat.Comtrade) { MaxErrorShare = 0.2 });

        Assert.True(result.IsSuccess, result.Failure?.Message);
        var s = result.Value;
        // Kept: USA←CHN, USA←TWN (S19), USA←AUS (5-digit code padded), USA→JPN.
        Assert.Equal(4, s.Rows);
        // Skipped: World partner, TOTAL, 4-digit aggregate, customs and transport breakdowns, re-export.
        Assert.Equal(6, s.SkippedRows);
        Assert.Equal(1, s.BadRows);
        Assert.Equal(12L, s.FirstBadRows.Single().Line);
        Assert.Contains("unknown partner", s.FirstBadRows[0].Reason, StringComparison.Ordinal);
        Assert.Equal("UN Comtrade", s.Record!.DataVersion);
        var c = t.Store.Connection;
        var rows = Sql.Query(c, "SELECT exporter, importer, hs6, value, quantity, reported FROM flows ORDER BY exporter",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4), r.GetString(5)));
        Assert.Equal(
            [
                ("AUS", "USA", "028530", 120.0, 0.05, "M"),
                ("CHN", "USA", "854231", 2500.0, 1.5005, "M"),
                ("TWN", "USA", "854231", 7500.0, 0.9, "M"),
                ("USA", "JPN", "854231", 4000.0, 0.01, "X"),
            ],
            rows);
    }

    [Fact]
    public void Screening_ComtradeMirrorFlows_CountTheImportersDeclarationOnce()
    {
        using var t = new TestStore();
        var usa = t.Directory.File("usa.csv");
        var jpn = t.Directory.File("jpn.csv");
        const string header = "refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n";
        // The USA declares exports to Japan of 4,000,000 USD; Japan declares imports from the USA of 4,400,000 (CIF).
        File.WriteAllText(usa, header + "2022,USA,JPN,X,854231,4000000\n2022,USA,CHN,M,854231,1000000\n");
        File.WriteAllText(jpn, header + "2022,JPN,USA,M,854231,4400000\n2022,JPN,KOR,M,854231,600000\n");
        t.Import(usa, TradeFileFormat.Comtrade);
        t.Import(jpn, TradeFileFormat.Comtrade);

        var screening = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022) { Parties = ["JPN"] }).Value;

        var row = Assert.Single(screening.Rows);
        Assert.Equal(TradeSource.Comtrade, screening.Source);
        Assert.Equal(5000.0, row.Imports, 9);
        Assert.Equal("USA", row.TopSupplier);
        Assert.Equal((4400.0 * 4400 + 600 * 600) / (5000.0 * 5000), row.HhiImports, 12);
    }

    [Fact]
    public void Import_ComtradeFileForTheSameReporterAndYear_ReplacesOnlyThatReporter()
    {
        using var t = new TestStore();
        const string header = "refYear,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n";
        var usaV1 = t.Directory.File("usa1.csv");
        var usaV2 = t.Directory.File("usa2.csv");
        var jpn = t.Directory.File("jpn.csv");
        File.WriteAllText(usaV1, header + "2022,842,156,M,854231,1000\n");
        File.WriteAllText(jpn, header + "2022,392,156,M,854231,2000\n");
        File.WriteAllText(usaV2, header + "2022,842,156,M,854231,3000\n2022,842,410,M,854231,500\n");
        var first = t.Import(usaV1, TradeFileFormat.Comtrade);
        t.Import(jpn, TradeFileFormat.Comtrade);

        var second = t.Import(usaV2, TradeFileFormat.Comtrade);

        Assert.Equal([first.Record!.ImportId], second.ReplacedImportIds);
        Assert.Equal(3, t.Store.CountFlows(2022, TradeSource.Comtrade));
        Assert.Equal(5.5, Sql.Scalar<double>(t.Store.Connection, "SELECT sum(value) FROM flows"), 12);
    }

    [Fact]
    public async Task Import_FileWithoutComtradeColumns_NamesWhatIsMissing()
    {
        using var t = new TestStore();

        var result = await ImportTradeFile.RunAsync(t.Store, new ImportRequest(TestStore.Fixture("BACI_V202501_KOR_exports_852352_2023.csv"), TradeFileFormat.Comtrade));

        Assert.False(result.IsSuccess);
        Assert.Contains("primaryValue", result.Failure!.Message, StringComparison.Ordinal);
    }
}

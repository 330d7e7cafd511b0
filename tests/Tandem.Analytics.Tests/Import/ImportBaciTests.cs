using Tandem.Analytics.Import;
using Tandem.Analytics.Store;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Import;

public class ImportBaciTests
{
    private const string ZafAfg = "BACI_HS92_V202301_Y2021_exports_ZAF_AFG.csv";
    private const string Kor = "BACI_V202501_KOR_exports_852352_2023.csv";

    [Fact]
    public void Import_RealZafAfgFile_HandlesQuotedHeaderLostZerosAndNaQuantities()
    {
        using var t = new TestStore();

        var summary = t.Import(TestStore.Fixture(ZafAfg));

        Assert.Equal(ImportStatus.Imported, summary.Status);
        Assert.Equal(71_192, summary.Rows);
        Assert.Equal(0, summary.BadRows);
        Assert.Equal([2021], summary.Years);
        Assert.Equal("BACI HS92 V202301", summary.Record!.DataVersion);
        var c = t.Store.Connection;
        Assert.Equal(71_192, Sql.Scalar<long>(c, "SELECT count(*) FROM flows"));
        // Codes of chapters 01–09 lost their leading zero in the file: 4,442 of them, all padded back to six digits.
        Assert.Equal(4_442, Sql.Scalar<long>(c, "SELECT count(*) FROM flows WHERE hs6 LIKE '0%'"));
        Assert.Equal(0, Sql.Scalar<long>(c, "SELECT count(*) FROM flows WHERE length(hs6) <> 6"));
        Assert.Equal(2_306, Sql.Scalar<long>(c, "SELECT count(*) FROM flows WHERE quantity IS NULL"));
        // First data row: 2021,4,24,382390,52.051,"       13.235" (space-padded quantity).
        Assert.Equal(13.235, Sql.Scalar<double>(c, "SELECT quantity FROM flows WHERE exporter = 'AFG' AND importer = 'AGO' AND hs6 = '382390'"));
        Assert.Equal(["AFG", "ZAF"], Sql.Query(c, "SELECT DISTINCT exporter FROM flows ORDER BY 1", r => r.GetString(0)));
        Assert.Equal(211, Sql.Scalar<long>(c, "SELECT count(DISTINCT importer) FROM flows"));
    }

    [Fact]
    public void Import_RealKoreaFile_MapsBaciCodesToIso3()
    {
        using var t = new TestStore();

        var summary = t.Import(TestStore.Fixture(Kor));

        Assert.Equal(81, summary.Rows);
        Assert.Equal("BACI V202501", summary.Record!.DataVersion);
        var c = t.Store.Connection;
        Assert.Equal(["KOR"], Sql.Query(c, "SELECT DISTINCT exporter FROM flows", r => r.GetString(0)));
        // 842 is BACI's code for the USA (ISO numeric 840); 1223.702 thousand USD to Australia (36) in the file.
        Assert.Equal(1, Sql.Scalar<long>(c, "SELECT count(*) FROM flows WHERE importer = 'USA'"));
        Assert.Equal(1223.702, Sql.Scalar<double>(c, "SELECT value FROM flows WHERE importer = 'AUS'"));
        Assert.Equal([2023], t.Store.ListYears());
    }

    [Fact]
    public void Import_SameFileTwice_SecondIsANoOp()
    {
        using var t = new TestStore();
        var first = t.Import(TestStore.Fixture(Kor));

        var second = t.Import(TestStore.Fixture(Kor));

        Assert.Equal(ImportStatus.Imported, first.Status);
        Assert.Equal(ImportStatus.AlreadyImported, second.Status);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(first.Record!.ImportId, second.Record!.ImportId);
        Assert.Equal(81, t.Store.CountFlows(2023, TradeSource.Baci));
        Assert.Single(t.Store.ListImports(includeSuperseded: true));
    }

    [Fact]
    public void Import_NewerVersionOfAYear_ReplacesTheOlderOne()
    {
        using var t = new TestStore();
        var older = t.WriteBaci([(2021, "CHN", "USA", "854231", 10), (2021, "KOR", "USA", "854231", 5)], "BACI_HS22_Y2021_V202401.csv");
        var newer = t.WriteBaci([(2021, "TWN", "USA", "854231", 7)], "BACI_HS22_Y2021_V202501.csv");
        var otherYear = t.WriteBaci([(2022, "CHN", "JPN", "854231", 3)], "BACI_HS22_Y2022_V202401.csv");
        var first = t.Import(older);
        var kept = t.Import(otherYear);

        var second = t.Import(newer);

        Assert.Equal([first.Record!.ImportId], second.ReplacedImportIds);
        Assert.Equal(1, t.Store.CountFlows(2021, TradeSource.Baci));
        Assert.Equal(1, t.Store.CountFlows(2022, TradeSource.Baci));
        var active = t.Store.ListImports();
        Assert.Equal([second.Record!.ImportId, kept.Record!.ImportId], active.Select(i => i.ImportId));
        Assert.Equal("BACI HS22 V202501", active[0].DataVersion);
        var all = t.Store.ListImports(includeSuperseded: true);
        Assert.Equal(second.Record.ImportId, all.Single(i => i.ImportId == first.Record.ImportId).SupersededBy);
        Assert.Equal(7, Sql.Scalar<double>(t.Store.Connection, "SELECT value FROM flows WHERE year = 2021"));
    }

    [Fact]
    public async Task Import_TooManyBadRows_IsRefusedAndLeavesStoreUnchanged()
    {
        using var t = new TestStore();
        t.Import(TestStore.Fixture(Kor));
        var path = t.Directory.File("BACI_bad.csv");
        File.WriteAllText(path, """
            t,i,j,k,v,q
            2021,842,392,854231,10.5,1.0
            2021,842,392,854232,-3.0,1.0
            2021,999,392,854233,4.0,NA
            2021,842,392,854239,4.0,NA
            """.ReplaceLineEndings("\n") + "\n");

        var result = await ImportTradeFile.RunAsync(t.Store, new ImportRequest(path, TradeFileFormat.Baci));

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.Invalid, result.Failure!.Kind);
        Assert.Contains("store unchanged", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("line 3: negative value", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("line 4: unknown exporter code 999", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal([2023], t.Store.ListYears());
        Assert.Single(t.Store.ListImports(includeSuperseded: true));
        Assert.Equal(0, Sql.Scalar<long>(t.Store.Connection, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'flows_0%' AND table_name <> 'flows_000001'"));
    }

    [Fact]
    public async Task Import_BadRowsUnderTheAllowedShare_AreCountedWithTheirLineNumbers()
    {
        using var t = new TestStore();
        var path = t.Directory.File("BACI_some_bad.csv");
        File.WriteAllText(path, """
            "t","i","j","k","v","q"
            2021,842,392,854231,10.5,"        1.000"
            2021,842,392,854232
            2021,842,392,854233,1.5,NA
            2021,842,x,854234,1.5,NA
            2021,842,392,854235,-2,NA
            2021,842,392,85423,3.0,NA
            2021,156,392,854236,3.0,"         NA"
            2021,842,392,854237,3.0,abc
            """.ReplaceLineEndings("\n") + "\n");

        var result = await ImportTradeFile.RunAsync(t.Store, new ImportRequest(path, TradeFileFormat.Baci) { MaxErrorShare = 0.5 });

        Assert.True(result.IsSuccess, result.Failure?.Message);
        var summary = result.Value;
        Assert.Equal(4, summary.Rows);
        Assert.Equal(4, summary.BadRows);
        Assert.Equal([3L, 5L, 6L, 9L], summary.FirstBadRows.Select(b => b.Line));
        Assert.Contains("negative value", summary.FirstBadRows[2].Reason, StringComparison.Ordinal);
        Assert.Contains("bad quantity", summary.FirstBadRows[3].Reason, StringComparison.Ordinal);
        Assert.Equal(["085423", "854231", "854233", "854236"], Sql.Query(t.Store.Connection, "SELECT hs6 FROM flows ORDER BY hs6", r => r.GetString(0)));
    }

    [Fact]
    public async Task Import_FileThatIsNotBaci_IsInvalid()
    {
        using var t = new TestStore();
        var path = t.Directory.File("other.csv");
        File.WriteAllText(path, "year,from,to,code,value\n2021,USA,JPN,854231,1\n");

        var result = await ImportTradeFile.RunAsync(t.Store, new ImportRequest(path, TradeFileFormat.Baci));

        Assert.False(result.IsSuccess);
        Assert.Contains("not a BACI file", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_IsNotFound()
    {
        using var t = new TestStore();

        var result = await ImportTradeFile.RunAsync(t.Store, new ImportRequest(t.Directory.File("nope.csv"), TradeFileFormat.Baci));

        Assert.Equal(FailureKind.NotFound, result.Failure!.Kind);
    }

    [Fact]
    public async Task Import_ReportsProgressInBytesAndRows()
    {
        using var t = new TestStore();
        var reports = new List<ImportProgress>();
        var progress = new SynchronousProgress<ImportProgress>(reports.Add);

        var result = await ImportTradeFile.RunAsync(t.Store, new ImportRequest(TestStore.Fixture(ZafAfg), TradeFileFormat.Baci), progress);

        Assert.True(result.IsSuccess);
        var size = new FileInfo(TestStore.Fixture(ZafAfg)).Length;
        Assert.All(reports, r => Assert.True(r.TotalBytes == size && r.BytesRead <= size));
        Assert.Contains(reports, r => r.BytesRead == size);
        Assert.Equal(reports.Select(r => r.Phase).Order(), reports.Select(r => r.Phase));
        Assert.Contains(reports, r => r.Phase == ImportPhase.Validating && r.Rows == 71_192);
        Assert.Equal(ImportPhase.Done, reports[^1].Phase);
        Assert.Equal(71_192, reports[^1].Rows);
    }
}

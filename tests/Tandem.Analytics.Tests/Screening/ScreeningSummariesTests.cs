using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Screening;

/// <summary>
/// The screening reads per-import summaries kept in the store (ADR-0102). They are derived data: replacing an
/// import's flows must never leave a screening on the old numbers.
/// </summary>
public class ScreeningSummariesTests
{
    private const string Chips = "854231";

    private static ScreeningRow Screen(TestStore t, int year)
    {
        var result = ScreenDependencies.Run(t.Store, new ScreeningRequest(year) { Parties = ["USA"] });
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value.Rows.Single(r => r.Hs6 == Chips);
    }

    private static long SummaryCount(TestStore t, int importId) =>
        Sql.Scalar<long>(t.Store.Connection, "SELECT count(*) FROM screening_summaries WHERE import_id = ?", importId);

    private static bool TableExists(TestStore t, string table) =>
        Sql.Scalar<long>(t.Store.Connection, "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", table) > 0;

    [Fact]
    public void Screening_AfterReplacingAYear_UsesTheNewFile()
    {
        using var t = new TestStore();
        t.ImportBaci((2022, "CHN", "USA", Chips, 90), (2022, "KOR", "USA", Chips, 10));
        var before = Screen(t, 2022);
        Assert.Equal("CHN", before.TopSupplier);
        Assert.Equal(1, SummaryCount(t, 1));

        t.ImportBaci((2022, "KOR", "USA", Chips, 70), (2022, "CHN", "USA", Chips, 30), (2022, "USA", "JPN", Chips, 20));
        var after = Screen(t, 2022);

        Assert.Equal("KOR", after.TopSupplier);
        Assert.Equal(0.7, after.TopShare, 12);
        Assert.Equal(0.3, after.ConcernShare, 12);
        Assert.Equal(20.0, after.Exports);
        Assert.Equal(5.0, after.ImportExportRatio, 12);
        Assert.Equal((0.7 * 0.7) + (0.3 * 0.3), after.HhiImports, 12);
        // The superseded import's summary went with its flows; the new import has its own.
        Assert.Equal(0, SummaryCount(t, 1));
        Assert.False(TableExists(t, ScreeningSummaries.TableName(1)));
        Assert.Equal(1, SummaryCount(t, 2));
    }

    [Fact]
    public void Screening_AfterPartlyReplacingAnImport_RebuildsItsSummaryFromTheYearsItKeeps()
    {
        using var t = new TestStore();
        // One file with two years; USA depends on CHN alone in both.
        t.Import(t.WriteBaci([(2021, "CHN", "USA", Chips, 10), (2022, "CHN", "USA", Chips, 10)]));
        var before = Screen(t, 2022);
        Assert.True(before.Dependent);
        Assert.True(before.Persistent);

        // A newer 2022 file: three equal suppliers (HHI 1/3), so 2022 is no longer dependent; 2021 stays in the first import.
        t.Import(t.WriteBaci([(2022, "CHN", "USA", Chips, 10), (2022, "KOR", "USA", Chips, 10), (2022, "VNM", "USA", Chips, 10)]));
        var after = Screen(t, 2022);
        var kept = Screen(t, 2021);

        Assert.Equal(3, after.Suppliers);
        Assert.Equal(30.0, after.Imports);
        Assert.False(after.Dependent);
        Assert.False(after.Persistent);
        Assert.True(kept.Dependent);
        Assert.Equal(10.0, kept.Imports);
        Assert.Equal(0, Sql.Scalar<long>(t.Store.Connection, $"SELECT count(*) FROM {ScreeningSummaries.TableName(1)} WHERE year = 2022"));
    }

    [Fact]
    public void Screening_IsTheSameWhetherItsSummariesAreNewOrKept()
    {
        using var t = new TestStore();
        t.ImportBaci(
            (2021, "CHN", "USA", Chips, 40), (2021, "KOR", "USA", Chips, 5), (2021, "USA", "JPN", Chips, 3),
            (2022, "CHN", "USA", Chips, 50), (2022, "JPN", "USA", Chips, 20), (2022, "USA", "DEU", Chips, 7));

        var first = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022)).Value.Rows;
        var builtAt = Sql.Scalar<DateTime>(t.Store.Connection, "SELECT max(built_at) FROM screening_summaries");
        var second = ScreenDependencies.Run(t.Store, new ScreeningRequest(2022)).Value.Rows;

        Assert.Equal(builtAt, Sql.Scalar<DateTime>(t.Store.Connection, "SELECT max(built_at) FROM screening_summaries"));
        Assert.Equal(first, second);
        Assert.Equal(["DEU", "USA"], first.Select(r => r.Party));
    }

    [Fact]
    public void FirstScreening_AfterAnImport_ReadsTheSummaryTheImportBuilt()
    {
        using var t = new TestStore();
        // One file with both years of the persistence window.
        t.Import(t.WriteBaci([
            (2021, "CHN", "USA", Chips, 40), (2021, "KOR", "USA", Chips, 5), (2021, "USA", "JPN", Chips, 3),
            (2022, "CHN", "USA", Chips, 80), (2022, "KOR", "USA", Chips, 10), (2022, "JPN", "USA", Chips, 10),
            (2022, "USA", "DEU", Chips, 5)]));

        // Before any screening the import has left its summary, with one row per importer × product × year of its flows.
        Assert.Equal(1, SummaryCount(t, 1));
        var builtAt = Sql.Scalar<DateTime>(t.Store.Connection, "SELECT built_at FROM screening_summaries WHERE import_id = 1");
        var summary = ScreeningSummaries.TableName(1);
        Assert.True(TableExists(t, summary));
        Assert.Equal(
            Sql.Scalar<long>(t.Store.Connection, "SELECT count(*) FROM (SELECT DISTINCT year, importer, hs6 FROM flows)"),
            Sql.Scalar<long>(t.Store.Connection, $"SELECT count(*) FROM {summary}"));
        Assert.Equal(0, Sql.Scalar<long>(t.Store.Connection, "SELECT duplicate_pairs FROM imports WHERE import_id = 1"));

        var usa = Screen(t, 2022);

        // The screening answered from that summary (nothing rebuilt) with the numbers the flows give.
        Assert.Equal(builtAt, Sql.Scalar<DateTime>(t.Store.Connection, "SELECT built_at FROM screening_summaries WHERE import_id = 1"));
        Assert.Equal(100.0, usa.Imports);
        Assert.Equal(3, usa.Suppliers);
        Assert.Equal("CHN", usa.TopSupplier);
        Assert.Equal((0.8 * 0.8) + (0.1 * 0.1) + (0.1 * 0.1), usa.HhiImports, 12);
        Assert.Equal(0.8, usa.ConcernShare, 12);
        Assert.Equal(5.0, usa.Exports);
        Assert.Equal(20.0, usa.ImportExportRatio, 12);
        Assert.True(usa.Dependent);
        Assert.True(usa.Persistent);
    }

    [Fact]
    public void Import_ThatTakesAYearFromAnOlderImport_RebuildsTheOlderSummaryInItsOwnTransaction()
    {
        using var t = new TestStore();
        t.Import(t.WriteBaci([(2021, "CHN", "USA", Chips, 10), (2022, "CHN", "USA", Chips, 10)]));
        t.Import(t.WriteBaci([(2022, "KOR", "USA", Chips, 10)]));

        // Both imports have a summary straight away; the older one's holds only the year it kept.
        Assert.Equal(1, SummaryCount(t, 1));
        Assert.Equal(1, SummaryCount(t, 2));
        Assert.Equal([2021], Sql.Query(t.Store.Connection, $"SELECT DISTINCT year FROM {ScreeningSummaries.TableName(1)}", r => r.GetInt32(0)));
        Assert.Equal("KOR", Screen(t, 2022).TopSupplier);
        Assert.Equal("CHN", Screen(t, 2021).TopSupplier);
    }
}

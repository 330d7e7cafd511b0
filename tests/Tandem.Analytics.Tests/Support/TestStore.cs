using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Import;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Tests.Support;

/// <summary>A fresh trade store in its own temporary directory, with helpers to write and import small BACI files.</summary>
public sealed class TestStore : IDisposable
{
    private int _files;

    public TestStore()
    {
        Directory = new TempDirectory();
        Store = TradeStore.Open(Directory.File("trade.duckdb")).Value;
    }

    public TempDirectory Directory { get; }

    public TradeStore Store { get; }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The BACI code of a current country (BACI codes differ from ISO numeric for some).</summary>
    public static int BaciCode(string iso3) =>
        TradeCodeLists.Default.BaciCountries.First(c => c.Iso3 == iso3 && !c.Name.Contains("(...", StringComparison.Ordinal)).Code;

    /// <summary>Writes a BACI file from (year, exporter ISO3, importer ISO3, hs6, value) rows.</summary>
    public string WriteBaci(IEnumerable<(int Year, string Exporter, string Importer, string Hs6, double Value)> rows, string? name = null)
    {
        var path = Directory.File(name ?? $"BACI_HS22_TEST{++_files}.csv");
        using var writer = new StreamWriter(path);
        writer.Write("t,i,j,k,v,q\n");
        foreach (var (year, exporter, importer, hs6, value) in rows)
        {
            writer.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{year},{BaciCode(exporter)},{BaciCode(importer)},{hs6},{value:R},1.000\n"));
        }

        return path;
    }

    public ImportSummary Import(string path, TradeFileFormat format = TradeFileFormat.Baci, double maxErrorShare = 0.01)
    {
        var result = ImportTradeFile.RunAsync(Store, new ImportRequest(path, format) { MaxErrorShare = maxErrorShare }).GetAwaiter().GetResult();
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value;
    }

    /// <summary>Writes and imports one BACI file per year of the rows (a year's file replaces that year).</summary>
    public void ImportBaci(params (int Year, string Exporter, string Importer, string Hs6, double Value)[] rows)
    {
        foreach (var year in rows.Select(r => r.Year).Distinct())
        {
            Import(WriteBaci(rows.Where(r => r.Year == year)));
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Dispose();
    }
}

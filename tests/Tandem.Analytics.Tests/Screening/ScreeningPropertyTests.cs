using FsCheck;
using FsCheck.Xunit;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Screening;

/// <summary>Properties of the store's HHI for arbitrary supplier values: 0 &lt; HHI ≤ 1 and 1/HHI ≤ suppliers.</summary>
public sealed class ScreeningPropertyTests : IDisposable
{
    // One store for the whole property run: each case imports its own year, which keeps a case to one small import.
    private readonly TestStore _store = new();
    private int _year = 1970;

    private static readonly string[] Suppliers =
        ["CHN", "KOR", "JPN", "DEU", "VNM", "MYS", "THA", "MEX", "CAN", "BRA", "IND", "FRA", "ITA", "GBR", "AUS", "TWN"];

    [Property(MaxTest = 40)]
    public bool Hhi_IsInZeroOne_AndItsInverseNeverExceedsTheSupplierCount(NonEmptyArray<PositiveInt> values)
    {
        var year = ++_year;
        // Up to 16 distinct suppliers; extra values fall on suppliers already used (duplicates of a pair, summed).
        var rows = values.Get
            .Select((v, i) => (year, Suppliers[i % Suppliers.Length], "USA", "854231", v.Get / 7.0))
            .ToArray();
        _store.ImportBaci(rows);

        var row = ScreenDependencies.Run(_store.Store, new ScreeningRequest(year) { Parties = ["USA"] }).Value.Rows.Single();

        var distinct = Math.Min(values.Get.Length, Suppliers.Length);
        return row.HhiImports > 0
            && row.HhiImports <= 1 + 1e-12
            && 1 / row.HhiImports <= row.Suppliers + 1e-9
            && row.Suppliers == distinct;
    }

    public void Dispose() => _store.Dispose();
}

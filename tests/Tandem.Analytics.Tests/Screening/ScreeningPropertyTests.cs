using FsCheck;
using FsCheck.Xunit;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Screening;

/// <summary>Properties of the store's HHI for arbitrary supplier values: 0 &lt; HHI ≤ 1 and 1/HHI ≤ suppliers.</summary>
public sealed class ScreeningPropertyTests : IDisposable
{
    private static readonly string[] Suppliers =
        ["CHN", "KOR", "JPN", "DEU", "VNM", "MYS", "THA", "MEX", "CAN", "BRA", "IND", "FRA", "ITA", "GBR", "AUS", "TWN"];

    private static readonly string[] Products = TradeCodeLists.Default.Products.Select(p => p.Hs6).Take(400).ToArray();

    // One store for the whole property run; each run imports its own year. Every case of a run is one product,
    // so a run of up to 400 cases costs one import and one screening.
    private readonly TestStore _store = new();
    private int _year = 1970;

    [Property(MaxTest = 12)]
    public bool Hhi_IsInZeroOne_AndItsInverseNeverExceedsTheSupplierCount(NonEmptyArray<NonEmptyArray<PositiveInt>> cases)
    {
        var year = ++_year;
        var inputs = cases.Get.Take(Products.Length).Select(c => c.Get.Select(v => v.Get).ToArray()).ToArray();
        // Up to 16 distinct suppliers per product; further values fall on suppliers already used (duplicates of a pair, summed).
        var rows = inputs
            .SelectMany((values, p) => values.Select((v, i) => (year, Suppliers[i % Suppliers.Length], "USA", Products[p], v / 7.0)))
            .ToArray();
        _store.ImportBaci(rows);

        var screened = ScreenDependencies.Run(_store.Store, new ScreeningRequest(year) { Parties = ["USA"] }).Value.Rows
            .ToDictionary(r => r.Hs6);

        return inputs.Select((values, p) => (Row: screened[Products[p]], Distinct: Math.Min(values.Length, Suppliers.Length)))
            .All(x => x.Row.HhiImports > 0
                && x.Row.HhiImports <= 1 + 1e-12
                && 1 / x.Row.HhiImports <= x.Row.Suppliers + 1e-9
                && x.Row.Suppliers == x.Distinct);
    }

    public void Dispose() => _store.Dispose();
}

using System.Globalization;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Synth;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Screening;

/// <summary>
/// The DuckDB screening must equal a straightforward in-memory computation of DESIGN.md's formulas, done here in
/// plain C# from the CSV files themselves, on a generated data set of thousands of products.
/// </summary>
public class ScreeningReferenceTests
{
    private static readonly int[] Years = [2019, 2020, 2021];

    [Fact]
    public void DuckDbScreening_EqualsInMemoryComputation_ForEveryImporterAndProduct()
    {
        using var t = new TestStore();
        var files = TradeSynth.Write(new SynthRequest(Years, 40_000, Seed: 7, t.Directory.Path) { Products = 2_500, Countries = 60 }).Value;
        // Repeat some pairs in one year so the duplicate-summing path is exercised, not only BACI's unique pairs.
        var lines = File.ReadAllLines(files[1]);
        File.AppendAllLines(files[1], lines.Skip(1).Where((_, i) => i % 97 == 0).Select(l => l.Replace(",NA", ",1.000", StringComparison.Ordinal)));
        foreach (var file in files)
        {
            t.Import(file);
        }

        var parameters = new ScreeningParameters();
        var actual = ScreenDependencies.Run(t.Store, new ScreeningRequest(2021) { Parameters = parameters }).Value.Rows;
        var expected = Reference(files, 2021, parameters);

        Assert.True(expected.Count > 10_000, $"only {expected.Count} rows: the data set is too small to test anything");
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(actual.Select(r => r.Hs6).Distinct().Count() > 1_000);
        Assert.Contains(actual, r => r.Dependent);
        Assert.Contains(actual, r => r.Persistent);
        Assert.Contains(actual, r => !r.Dependent);
        var byKey = actual.ToDictionary(r => (r.Party, r.Hs6));
        foreach (var e in expected)
        {
            var a = byKey[(e.Party, e.Hs6)];
            Close(e.Imports, a.Imports, e, "imports");
            Assert.Equal(e.Suppliers, a.Suppliers);
            Close(e.HhiImports, a.HhiImports, e, "hhi_imports");
            Assert.Equal(e.TopSupplier, a.TopSupplier);
            Close(e.TopShare, a.TopShare, e, "top_share");
            Close(e.ConcernShare, a.ConcernShare, e, "concern_share");
            Close(e.AllyShare, a.AllyShare, e, "ally_share");
            Close(e.Exports, a.Exports, e, "exports");
            Close(e.ImportExportRatio, a.ImportExportRatio, e, "import_export_ratio");
            Close(e.HhiWorld, a.HhiWorld, e, "hhi_world");
            Assert.True(e.Dependent == a.Dependent, $"dependent differs for {e.Party} {e.Hs6}");
            Assert.True(e.Persistent == a.Persistent, $"persistent differs for {e.Party} {e.Hs6}");
            Assert.Equal(e.Description, a.Description);
        }
    }

    private static void Close(double expected, double actual, ScreeningRow row, string column) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1.0, Math.Abs(expected)),
            $"{column} for {row.Party} {row.Hs6}: expected {expected:R}, got {actual:R}");

    /// <summary>DESIGN.md's definitions, literally, over the files.</summary>
    private static List<ScreeningRow> Reference(IReadOnlyList<string> files, int year, ScreeningParameters p)
    {
        var baci = TradeCodeLists.Default.BaciByCode;
        // v[i→j,k,t], duplicates of a pair summed.
        var pairs = new Dictionary<(int T, string I, string J, string K), double>();
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(',');
                var key = (int.Parse(f[0], CultureInfo.InvariantCulture), baci[int.Parse(f[1], CultureInfo.InvariantCulture)].Iso3,
                    baci[int.Parse(f[2], CultureInfo.InvariantCulture)].Iso3, f[3].PadLeft(6, '0'));
                pairs[key] = pairs.GetValueOrDefault(key) + double.Parse(f[4], CultureInfo.InvariantCulture);
            }
        }

        var world = new Dictionary<(int T, string K, string E), double>();
        foreach (var ((t, i, _, k), v) in pairs)
        {
            world[(t, k, i)] = world.GetValueOrDefault((t, k, i)) + v;
        }

        var hhiWorld = world.GroupBy(w => (w.Key.T, w.Key.K)).ToDictionary(
            g => g.Key,
            g =>
            {
                var total = g.Sum(x => x.Value);
                return g.Sum(x => (x.Value / total) * (x.Value / total));
            });

        var concern = p.ConcernCountries.ToHashSet();
        var allies = p.Allies.ToHashSet();
        var rows = new Dictionary<(int T, string J, string K), ScreeningRow>();
        foreach (var g in pairs.Where(x => x.Value > 0).GroupBy(x => (x.Key.T, x.Key.J, x.Key.K)))
        {
            var (t, j, k) = g.Key;
            var m = g.Sum(x => x.Value);
            var hhi = g.Sum(x => (x.Value / m) * (x.Value / m));
            var topValue = g.Max(x => x.Value);
            var top = g.Where(x => x.Value == topValue).Select(x => x.Key.I).Order(StringComparer.Ordinal).First();
            var exports = world.GetValueOrDefault((t, k, j));
            var ratio = exports == 0 ? p.RatioWhenNoExports : m / exports;
            var hw = hhiWorld[(t, k)];
            var dependent = hhi > p.ImportConcentration && hw > p.WorldConcentration && ratio > p.ImportExportRatio;
            TradeCodeLists.Default.ProductsByCode.TryGetValue(k, out var product);
            rows[(t, j, k)] = new ScreeningRow(j, t, k, product?.Description, m, g.Count(), hhi, top, topValue / m,
                g.Where(x => concern.Contains(x.Key.I)).Sum(x => x.Value) / m,
                g.Where(x => allies.Contains(x.Key.I)).Sum(x => x.Value) / m,
                exports, ratio, hw, dependent, false);
        }

        return rows.Values
            .Where(r => r.Year == year)
            .Select(r => r with
            {
                Persistent = Enumerable.Range(year - 2, 3).Count(y => rows.TryGetValue((y, r.Party, r.Hs6), out var earlier) && earlier.Dependent) >= 2,
            })
            .ToList();
    }
}

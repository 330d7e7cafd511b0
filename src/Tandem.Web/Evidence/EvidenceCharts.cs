using ScottPlot;
using Tandem.Analytics.Screening;

namespace Tandem.Web.Evidence;

/// <summary>Server-side SVG charts of the trade store (ScottPlot), shared by pages and downloads.</summary>
public static class EvidenceCharts
{
    /// <summary>Supplier shares of one product's imports, largest first; the rest grouped as "others".</summary>
    public static string SupplierShares(SupplierSharesResult result, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(result);
        var shown = result.Suppliers.Take(top).ToList();
        var others = result.Suppliers.Skip(top).Sum(s => s.Share);
        var labels = shown.Select(s => s.Supplier).ToList();
        var values = shown.Select(s => s.Share * 100).ToList();
        if (others > 0)
        {
            labels.Add("others");
            values.Add(others * 100);
        }

        var plot = new Plot();
        var bars = plot.Add.Bars(values.ToArray());
        bars.Color = new ScottPlot.Color(42, 111, 151);
        plot.Axes.Bottom.SetTicks(labels.Select((_, i) => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Left.Label.Text = "Share of imports (%)";
        var hhi = result.Suppliers.Sum(s => s.Share * s.Share);
        plot.Title(FormattableString.Invariant($"{result.Party} imports of {result.Hs6} in {result.Year}: HHI {hhi:0.000}"));
        return plot.GetSvgXml(760, 360);
    }
}

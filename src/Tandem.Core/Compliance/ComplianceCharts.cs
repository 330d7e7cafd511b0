using System.Globalization;
using ScottPlot;

namespace Tandem.Core.Compliance;

/// <summary>
/// Server-side SVG charts (ScottPlot) for compliance trends and the partnership index, so pages,
/// reports and exports can share them. Each chart is accompanied by a table on its page.
/// </summary>
public static class ComplianceCharts
{
    public const int Width = 900;
    public const int Height = 420;

    /// <summary>Percent per cycle (each cycle under its own convention), overall and per party.</summary>
    public static string Trend(IReadOnlyList<TrendPointDto> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var xs = points.Select((_, i) => (double)i).ToArray();
        AddLine(plot, "Overall", xs, points.Select(p => p.Overall.Percent).ToArray(), palette.GetColor(0), 3);
        var parties = points.SelectMany(p => p.ByParty.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < parties.Count; i++)
        {
            var party = parties[i];
            AddLine(plot, party, xs, points.Select(p => p.ByParty.TryGetValue(party, out var a) ? a.Percent : null).ToArray(), palette.GetColor(i + 1), 1.5f);
        }

        if (points.Count > 0)
        {
            // At most ~20 labels, so long histories stay readable.
            var step = Math.Max(1, (int)Math.Ceiling(points.Count / 20.0));
            var ticks = xs.Where((_, i) => i % step == 0).ToArray();
            plot.Axes.Bottom.SetTicks(ticks, ticks.Select(t => points[(int)t].Name).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }

        plot.Axes.SetLimitsY(0, 100);
        plot.Axes.Left.Label.Text = "Compliance (%)";
        plot.Title("Compliance across cycles");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>Lead actions against support actions per agency; agencies that only support stand out as bars with no lead part.</summary>
    public static string Partnership(PartnershipDto index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var rows = index.Rows.ToList();
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var lead = r.TracksLed + r.TracksCoLed + r.CommitmentsOwned + r.AgendaItemsPresented;
            var support = r.TracksSupported + r.CommitmentsSupported;
            bars.Add(new Bar { Position = i - 0.2, Value = lead, Size = 0.4, FillColor = palette.GetColor(0) });
            bars.Add(new Bar { Position = i + 0.2, Value = support, Size = 0.4, FillColor = palette.GetColor(1) });
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
            plot.Axes.Bottom.SetTicks(rows.Select((_, i) => (double)i).ToArray(), rows.Select(r => r.Code + (r.OnlySupports ? " *" : "")).ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }

        plot.Axes.Margins(bottom: 0);
        plot.Axes.Left.Label.Text = "Count";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Partnership index {index.From:yyyy-MM-dd} – {index.To:yyyy-MM-dd} (* only supports)"));
        plot.ShowLegend(
        [
            new LegendItem { LabelText = "Leads (tracks led/co-led, commitments owned, items presented)", FillColor = palette.GetColor(0) },
            new LegendItem { LabelText = "Supports (tracks and commitments supported)", FillColor = palette.GetColor(1) },
        ], Alignment.UpperRight);
        return plot.GetSvgXml(Width, Height);
    }

    private static void AddLine(Plot plot, string label, double[] xs, double?[] ys, Color color, float width)
    {
        var present = ys.Select((y, i) => (y, x: xs[i])).Where(p => p.y is not null).ToList();
        if (present.Count == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(present.Select(p => p.x).ToArray(), present.Select(p => p.y!.Value).ToArray(), color);
        line.LegendText = label;
        line.LineWidth = width;
        line.MarkerSize = 4;
    }
}

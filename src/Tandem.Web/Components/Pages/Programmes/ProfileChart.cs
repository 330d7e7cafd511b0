using System.Globalization;
using ScottPlot;
using Tandem.Core.Programmes;

namespace Tandem.Web.Components.Pages.Programmes;

/// <summary>The yearly profile as a server-side SVG (ScottPlot), shared by the matrix page and the API.</summary>
public static class ProfileChart
{
    public static string Svg(ProfileDto profile, string title, int width = 760, int height = 340)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var groups = profile.Series.Count;
        var max = profile.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var (scale, unit) = max >= 1e9m ? (1e9m, "billion") : max >= 1e6m ? (1e6m, "million") : (1m, "");
        var bars = new List<Bar>();
        for (var s = 0; s < groups; s++)
        {
            var color = palette.GetColor(s);
            for (var y = 0; y < profile.Years.Count; y++)
            {
                bars.Add(new Bar
                {
                    Position = (y * (groups + 1)) + s,
                    Value = (double)(profile.Series[s].Values[y] / scale),
                    FillColor = color,
                    LineWidth = 0,
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = profile.Series[s].Party, FillColor = color });
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }

        var ticks = profile.Years.Select((year, i) => new Tick((i * (groups + 1)) + ((groups - 1) / 2.0), year.ToString(CultureInfo.InvariantCulture))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(string.IsNullOrEmpty(unit) ? profile.Currency : $"{profile.Currency} {unit}");
        plot.XLabel($"Rates of {ExchangeRates.Iso(profile.RateDate)}");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetSvgXml(width, height);
    }
}

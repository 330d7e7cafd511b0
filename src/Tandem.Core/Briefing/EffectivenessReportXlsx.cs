using System.Globalization;
using Tandem.Core.Common;

namespace Tandem.Core.Briefing;

/// <summary>
/// The effectiveness report as a workbook: one named sheet per table, a header row even when a table is empty,
/// percentages and counts as numbers, windows as dates, codes and text as text (formula-neutralised).
/// </summary>
public static class EffectivenessReportXlsx
{
    public const string AllCycles = "(all cycles)";

    private static readonly SheetColumn[] AggregateTail = [new("percent", ColumnKind.Number), new("scored", ColumnKind.Number), new("cells", ColumnKind.Number)];

    public static byte[] Write(EffectivenessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cycles = new WorkbookSheet("Cycles",
            [new("cycle"), new("kind"), new("window_start", ColumnKind.Date), new("window_end", ColumnKind.Date), new("scheme"), .. AggregateTail],
            report.Cycles.Select(c => Row(c.Name, c.Kind.ToString(), c.WindowStart, c.WindowEnd, c.Scheme.ToString(), Round(c.Overall.Percent), c.Overall.Scored, c.Overall.Cells)));
        var partnership = new WorkbookSheet("Partnership",
            [
                new("agency"), new("party"), new("name"), new("tracks_led", ColumnKind.Number), new("tracks_co_led", ColumnKind.Number),
                new("tracks_partnered", ColumnKind.Number), new("tracks_supported", ColumnKind.Number), new("agenda_items_presented", ColumnKind.Number),
                new("meetings_attended", ColumnKind.Number), new("commitments_owned", ColumnKind.Number), new("commitments_delivered", ColumnKind.Number),
                new("commitments_supported", ColumnKind.Number), new("lead_share", ColumnKind.Number), new("verdict"),
            ],
            report.Partnership.Rows.Select(r => Row(r.Code, r.Party, r.NameEn, r.TracksLed, r.TracksCoLed, r.TracksPartnered, r.TracksSupported,
                r.AgendaItemsPresented, r.MeetingsAttended, r.CommitmentsOwned, r.CommitmentsDelivered, r.CommitmentsSupported, r.LeadShare,
                EffectivenessReportHtml.Verdict(r))));
        var trend = new WorkbookSheet("Trend", [new("cycle"), new("window_end", ColumnKind.Date), .. AggregateTail],
            report.Trend.Select(t => Row(t.Name, t.WindowEnd, Round(t.Overall.Percent), t.Overall.Scored, t.Overall.Cells)));
        var verdicts = new WorkbookSheet("Kept and broken",
            [new("commitment"), new("text"), new("party"), new("verdict"), new("score", ColumnKind.Number), new("cycle"), new("evidence"), new("rationale")],
            report.Verdicts.Select(v => Row(v.Code, v.Text.Text, v.Party, v.Kept ? "kept" : "broken", Score(v.Score), v.Cycle, v.Evidence, v.Rationale)));
        return Workbook.Write($"Effectiveness report: {report.ForumCode}{(report.Year is { } y ? " " + y.ToString(CultureInfo.InvariantCulture) : "")}",
            report.GeneratedAt, cycles,
            Aggregates(report, "By party", c => c.ByParty, report.OverallByParty, "party"),
            Aggregates(report, "By track", c => c.ByTrack, report.OverallByTrack, "track"),
            Aggregates(report, "By agency", c => c.ByAgency, report.OverallByAgency, "agency"),
            partnership, trend, verdicts);
    }

    private static WorkbookSheet Aggregates(EffectivenessReport report, string sheet, Func<ReportCycle, IReadOnlyList<ReportAggregate>> pick,
        IReadOnlyList<ReportAggregate> overall, string key)
    {
        var rows = report.Cycles.SelectMany(c => pick(c).Select(a => Row(c.Name, a.Key, Round(a.Percent), a.Scored, a.Cells))).ToList();
        rows.AddRange(overall.Select(a => Row(AllCycles, a.Key, Round(a.Percent), a.Scored, a.Cells)));
        return new WorkbookSheet(sheet, [new("cycle"), new(key), .. AggregateTail], rows);
    }

    private static object?[] Row(params object?[] cells) => cells;

    /// <summary>A G7 score "+1" / "-1" becomes the number; other schemes' words (an OGP level) stay text.</summary>
    private static object? Score(string score) =>
        int.TryParse(score.Replace('−', '-'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : score;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}

using MiniExcelLibs;
using Tandem.Core.Common;

namespace Tandem.Core.Briefing;

/// <summary>
/// The effectiveness report as a workbook: one named sheet per table, a header row, numbers as numbers. Every text cell
/// goes through <see cref="Csv.SafeText"/>, so a rationale starting with "=" never becomes a formula.
/// </summary>
public static class EffectivenessReportXlsx
{
    public const string AllCycles = "(all cycles)";

    public static byte[] Write(EffectivenessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cycles = report.Cycles.Select(c => Row(
            ("cycle", Csv.SafeText(c.Name)), ("kind", c.Kind.ToString()), ("window_start", c.WindowStart.ToDateTime(TimeOnly.MinValue)),
            ("window_end", c.WindowEnd.ToDateTime(TimeOnly.MinValue)), ("scheme", c.Scheme.ToString()), ("percent", Round(c.Overall.Percent)),
            ("scored", c.Overall.Scored), ("cells", c.Overall.Cells))).ToList();
        var sheets = new Dictionary<string, object>
        {
            ["Cycles"] = Sheet(cycles, "cycle", "kind", "window_start", "window_end", "scheme", "percent", "scored", "cells"),
            ["By party"] = Sheet(Aggregates(report, c => c.ByParty, report.OverallByParty, "party"), "cycle", "party", "percent", "scored", "cells"),
            ["By track"] = Sheet(Aggregates(report, c => c.ByTrack, report.OverallByTrack, "track"), "cycle", "track", "percent", "scored", "cells"),
            ["By agency"] = Sheet(Aggregates(report, c => c.ByAgency, report.OverallByAgency, "agency"), "cycle", "agency", "percent", "scored", "cells"),
            ["Partnership"] = Sheet(report.Partnership.Rows.Select(r => Row(
                ("agency", Csv.SafeText(r.Code)), ("party", r.Party), ("name", Csv.SafeText(r.NameEn)), ("tracks_led", r.TracksLed), ("tracks_co_led", r.TracksCoLed),
                ("tracks_partnered", r.TracksPartnered), ("tracks_supported", r.TracksSupported), ("agenda_items_presented", r.AgendaItemsPresented),
                ("meetings_attended", r.MeetingsAttended), ("commitments_owned", r.CommitmentsOwned), ("commitments_delivered", r.CommitmentsDelivered),
                ("commitments_supported", r.CommitmentsSupported), ("lead_share", r.LeadShare), ("verdict", EffectivenessReportHtml.Verdict(r)))).ToList(),
                "agency", "party", "name", "tracks_led", "tracks_co_led", "tracks_partnered", "tracks_supported", "agenda_items_presented", "meetings_attended",
                "commitments_owned", "commitments_delivered", "commitments_supported", "lead_share", "verdict"),
            ["Trend"] = Sheet(report.Trend.Select(t => Row(("cycle", Csv.SafeText(t.Name)), ("window_end", t.WindowEnd.ToDateTime(TimeOnly.MinValue)),
                ("percent", Round(t.Overall.Percent)), ("scored", t.Overall.Scored), ("cells", t.Overall.Cells))).ToList(),
                "cycle", "window_end", "percent", "scored", "cells"),
            ["Kept and broken"] = Sheet(report.Verdicts.Select(v => Row(("commitment", Csv.SafeText(v.Code)), ("text", Csv.SafeText(v.Text.Text)), ("party", v.Party),
                ("verdict", v.Kept ? "kept" : "broken"), ("score", Csv.SafeText(v.Score)), ("cycle", Csv.SafeText(v.Cycle)), ("evidence", Csv.SafeText(v.Evidence)),
                ("rationale", Csv.SafeText(v.Rationale)))).ToList(),
                "commitment", "text", "party", "verdict", "score", "cycle", "evidence", "rationale"),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static List<Dictionary<string, object?>> Aggregates(EffectivenessReport report, Func<ReportCycle, IReadOnlyList<ReportAggregate>> pick,
        IReadOnlyList<ReportAggregate> overall, string key)
    {
        var rows = report.Cycles.SelectMany(c => pick(c).Select(a => Row(("cycle", Csv.SafeText(c.Name)), (key, Csv.SafeText(a.Key)), ("percent", Round(a.Percent)),
            ("scored", a.Scored), ("cells", a.Cells)))).ToList();
        rows.AddRange(overall.Select(a => Row(("cycle", AllCycles), (key, Csv.SafeText(a.Key)), ("percent", Round(a.Percent)), ("scored", a.Scored), ("cells", a.Cells))));
        return rows;
    }

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) => cells.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    /// <summary>A sheet keeps its header row even when it has no rows yet.</summary>
    private static List<Dictionary<string, object?>> Sheet(List<Dictionary<string, object?>> rows, params string[] columns) =>
        rows.Count > 0 ? rows : [columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal)];

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}

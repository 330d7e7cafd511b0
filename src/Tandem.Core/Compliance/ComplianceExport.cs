using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Compliance;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Scores and aggregates of a cycle as CSV or XLSX. Every text cell goes through
/// <see cref="Csv.SafeText"/>, so a rationale starting with "=" cannot become a formula (SECURITY.md row 12).
/// </summary>
public static class ComplianceExport
{
    public const int MaxRows = 200_000;

    public static async Task<Result<ExportFile>> Handle(TandemDbContext db, Actor actor, Guid cycleId, ExportFormat format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var dashboard = await ComplianceDashboard.Handle(db, actor, cycleId, 1, 1, null, ct);
        if (!dashboard.Succeeded)
        {
            return dashboard.Error!;
        }

        var cycle = dashboard.Value.Cycle;
        var grid = await ComplianceDashboard.Grid(db, cycle, new PageRequest(1, MaxRows), null, ct);
        var scores = ScoreRows(cycle, grid.Items);
        var aggregates = AggregateRows(dashboard.Value);
        var name = "compliance-" + new string(cycle.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        db.Audit(AuditAction.Export, nameof(AssessmentCycle), cycleId.ToString("D"), details: $"{format}, {grid.Items.Count} commitments");
        await db.SaveChangesAsync(ct);
        return format == ExportFormat.Csv
            ? new ExportFile(name + ".csv", "text/csv; charset=utf-8", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(scores, aggregates))).ToArray())
            : new ExportFile(name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ToXlsx(scores, aggregates));
    }

    private static readonly string[] ScoreColumns = ["cycle", "commitment", "group", "text", "party", "value", "score", "rationale", "evidence", "commitment_average", "commitment_percent"];

    private static readonly string[] AggregateColumns = ["scope", "key", "mean", "percent", "scored", "cells"];

    private static List<Dictionary<string, object?>> ScoreRows(CycleDto cycle, IEnumerable<GridRowDto> rows)
    {
        var list = new List<Dictionary<string, object?>>();
        foreach (var row in rows)
        {
            foreach (var cell in row.Cells)
            {
                list.Add(new Dictionary<string, object?>
                {
                    ["cycle"] = Csv.SafeText(cycle.Name),
                    ["commitment"] = Csv.SafeText(row.Code),
                    ["group"] = Csv.SafeText(row.Group),
                    ["text"] = Csv.SafeText(row.TextEn),
                    ["party"] = Csv.SafeText(cell.Party),
                    ["value"] = cell.Value,

                    // "+1" and "-1" are shown as text; the apostrophe guard keeps them from being read as formulas.
                    ["score"] = Csv.SafeText(cell.Display),
                    ["rationale"] = Csv.SafeText(cell.Rationale),
                    ["evidence"] = Csv.SafeText(cell.Evidence),
                    ["commitment_average"] = Round(row.Average.Mean),
                    ["commitment_percent"] = Round(row.Average.Percent),
                });
            }
        }

        return list;
    }

    private static List<Dictionary<string, object?>> AggregateRows(ComplianceDashboardDto d)
    {
        var list = new List<Dictionary<string, object?>> { Row("overall", "all scored cells", d.Overall) };
        list.Add(new Dictionary<string, object?>
        {
            ["scope"] = "overall",
            ["key"] = "mean of party averages",
            ["mean"] = Round(d.MeanOfPartyAverages),
            ["percent"] = Round(d.MeanOfPartyAveragesPercent),
            ["scored"] = null,
            ["cells"] = null,
        });
        list.AddRange(d.ByParty.Select(p => Row("party", p.Key, p.Aggregate)));
        list.AddRange(d.ByTrack.Select(t => Row("track", t.Key, t.Aggregate)));
        return list;

        static Dictionary<string, object?> Row(string scope, string key, AggregateDto a) => new()
        {
            ["scope"] = scope,
            ["key"] = Csv.SafeText(key),
            ["mean"] = Round(a.Mean),
            ["percent"] = Round(a.Percent),
            ["scored"] = a.Scored,
            ["cells"] = a.Cells,
        };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;

    private static string ToCsv(List<Dictionary<string, object?>> scores, List<Dictionary<string, object?>> aggregates)
    {
        var csv = new StringBuilder();
        Table(csv, ScoreColumns, scores);
        csv.Append("\r\n");
        Table(csv, AggregateColumns, aggregates);
        return csv.ToString();
    }

    private static void Table(StringBuilder csv, string[] columns, List<Dictionary<string, object?>> rows)
    {
        csv.Append(string.Join(",", columns)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(",", columns.Select(c => row[c] switch
            {
                null => "",
                string s => Csv.Cell(s),
                double d => d.ToString("0.######", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => Csv.Cell(other.ToString()),
            }))).Append("\r\n");
        }
    }

    private static byte[] ToXlsx(List<Dictionary<string, object?>> scores, List<Dictionary<string, object?>> aggregates)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Scores"] = scores.Count > 0 ? scores : [ScoreColumns.ToDictionary(c => c, _ => (object?)null)],
            ["Aggregates"] = aggregates,
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}

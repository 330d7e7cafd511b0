using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Compliance;

public enum ExportFormat
{
    /// <summary>One table per CSV file: the scores (default) or, with <see cref="ComplianceTable.Aggregates"/>, the aggregates.</summary>
    Csv,

    /// <summary>One workbook with a sheet per table.</summary>
    Xlsx,

    /// <summary>Both tables as CSV files in one ZIP.</summary>
    Zip,
}

/// <summary>The two tables of a cycle's export.</summary>
public enum ComplianceTable
{
    Scores,
    Aggregates,
}

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Scores and aggregates of a cycle as CSV (one table per file, or both in a ZIP) or XLSX (a sheet per table).
/// Scores and averages are numbers, codes and text are text; every text cell goes through <see cref="Csv.SafeText"/>,
/// so a rationale starting with "=" cannot become a formula.
/// </summary>
public static class ComplianceExport
{
    public const int MaxRows = 200_000;

    public static async Task<Result<ExportFile>> Handle(TandemDbContext db, Actor actor, Guid cycleId, ExportFormat format, CancellationToken ct,
        ComplianceTable table = ComplianceTable.Scores)
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
        var what = format == ExportFormat.Csv ? $"{format} ({table.ToString().ToLowerInvariant()})" : format.ToString();
        db.Audit(AuditAction.Export, nameof(AssessmentCycle), cycleId.ToString("D"), details: $"{what}, {grid.Items.Count} commitments");
        await db.SaveChangesAsync(ct);
        return format switch
        {
            ExportFormat.Csv when table == ComplianceTable.Aggregates => new ExportFile(name + "-aggregates.csv", CsvFile.ContentType, CsvFile.Write(AggregateColumns, aggregates)),
            ExportFormat.Csv => new ExportFile(name + ".csv", CsvFile.ContentType, CsvFile.Write(ScoreColumns, scores)),
            ExportFormat.Zip => new ExportFile(name + ".zip", "application/zip", Zip(
                (name + "-scores.csv", CsvFile.Write(ScoreColumns, scores)), (name + "-aggregates.csv", CsvFile.Write(AggregateColumns, aggregates)))),
            _ => new ExportFile(name + ".xlsx", Workbook.ContentType, Workbook.Write("Compliance: " + cycle.Name, DateTime.UtcNow,
                new WorkbookSheet("Scores", ScoreColumns, scores), new WorkbookSheet("Aggregates", AggregateColumns, aggregates))),
        };
    }

    public static Result<ComplianceTable> ParseTable(string? table) => table?.Trim().ToLowerInvariant() switch
    {
        null or "" or "scores" => ComplianceTable.Scores,
        "aggregates" => ComplianceTable.Aggregates,
        _ => Error.Invalid("table", "table must be scores or aggregates."),
    };

    private static readonly SheetColumn[] ScoreColumns =
    [
        new("cycle"), new("commitment"), new("group"), new("text"), new("party"), new("value", ColumnKind.Number), new("score", ColumnKind.Number),
        new("rationale"), new("evidence"), new("commitment_average", ColumnKind.Number), new("commitment_percent", ColumnKind.Number),
    ];

    private static readonly SheetColumn[] AggregateColumns =
    [
        new("scope"), new("key"), new("mean", ColumnKind.Number), new("percent", ColumnKind.Number), new("scored", ColumnKind.Number), new("cells", ColumnKind.Number),
    ];

    private static List<object?[]> ScoreRows(CycleDto cycle, IEnumerable<GridRowDto> rows)
    {
        var list = new List<object?[]>();
        foreach (var row in rows)
        {
            foreach (var cell in row.Cells)
            {
                // The score is the scheme's number (-1, 0, +1 or 0–100), so a spreadsheet can sum and average it;
                // "value" is kept beside it for scripts that read the older column.
                list.Add([cycle.Name, row.Code, row.Group, row.TextEn, cell.Party, cell.Value, cell.Value, cell.Rationale, cell.Evidence,
                    Round(row.Average.Mean), Round(row.Average.Percent)]);
            }
        }

        return list;
    }

    private static List<object?[]> AggregateRows(ComplianceDashboardDto d)
    {
        var list = new List<object?[]>
        {
            Row("overall", "all scored cells", d.Overall),
            new object?[] { "overall", "mean of party averages", Round(d.MeanOfPartyAverages), Round(d.MeanOfPartyAveragesPercent), null, null },
        };
        list.AddRange(d.ByParty.Select(p => Row("party", p.Key, p.Aggregate)));
        list.AddRange(d.ByTrack.Select(t => Row("track", t.Key, t.Aggregate)));
        return list;

        static object?[] Row(string scope, string key, AggregateDto a) => [scope, key, Round(a.Mean), Round(a.Percent), a.Scored, a.Cells];
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (fileName, content) in files)
            {
                using var entry = zip.CreateEntry(fileName, System.IO.Compression.CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;
}

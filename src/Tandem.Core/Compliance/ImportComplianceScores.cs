using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Compliance;

public sealed record ComplianceImportOptions(Guid? ForumId, string? CyclePrefix = "G7", UnscoredRule Unscored = UnscoredRule.Exclude,
    PercentConvention Percent = PercentConvention.Current);

/// <summary>
/// Imports historical compliance scores in the G7 Research Group layout
/// (<c>area,id,year,text,average,&lt;member columns&gt;</c>; blank = not scored). Each summit year
/// becomes a Final cycle "{prefix} {year}", each row a commitment of the forum, each member column
/// an assessed party. The file's own average is checked against the mean of the row's scored
/// cells (the G7 rule); rows that disagree beyond the file's rounding are reported, not "fixed".
/// Re-importing updates changed cells and keeps their revisions.
/// </summary>
public static partial class ImportComplianceScores
{
    public const int MaxRows = 100_000;

    private static readonly string[] Required = ["area", "id", "year", "text", "average"];

    /// <summary>Member columns of the G7 Research Group files, mapped to party codes; other columns must already be codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownMembers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["canada"] = "CAN",
        ["france"] = "FRA",
        ["germany"] = "DEU",
        ["italy"] = "ITA",
        ["japan"] = "JPN",
        ["russia"] = "RUS",
        ["uk"] = "GBR",
        ["united kingdom"] = "GBR",
        ["us"] = "USA",
        ["usa"] = "USA",
        ["united states"] = "USA",
        ["eu"] = "EU",
        ["european union"] = "EU",
    };

    [GeneratedRegex("^[A-Za-z]{2,3}$")]
    private static partial Regex CodeColumn();

    [GeneratedRegex("[^A-Z0-9_-]+")]
    private static partial Regex NotCodeCharacters();

    private sealed record Row(int Line, string RawId, string Code, string Area, int Year, string Text, string AverageText, Dictionary<string, int?> Scores);

    public static async Task<Result<ComplianceImportReport>> Handle(TandemDbContext db, Actor actor, ComplianceImportOptions options, TextReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reader);
        if (!ForumCommunity.CanOrganise(actor))
        {
            return Error.Forbidden("Only the secretariat or an administrator may import compliance scores.");
        }

        var forum = options.ForumId is { } forumId && await ForumCommunity.IsMember(db, actor, forumId, ct)
            ? await db.Forums.AsNoTracking().FirstOrDefaultAsync(f => f.Id == forumId, ct)
            : null;
        var prefix = options.CyclePrefix?.Trim() ?? "";
        var validation = new Validation().Required("cyclePrefix", prefix, 100);
        if (forum is null)
        {
            validation.Add("forumId", options.ForumId is null ? "forumId is required." : "forumId is not a forum you belong to.");
        }

        if (!Enum.IsDefined(options.Unscored))
        {
            validation.Add("unscored", "unscored must be Exclude or CountAsZero.");
        }

        if (!Enum.IsDefined(options.Percent))
        {
            validation.Add("percent", "percent must be Current or Historic.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Fields.All(string.IsNullOrWhiteSpace))
        {
            return Error.Invalid("file", "The file is empty: expected a header row area,id,year,text,average,<member columns>.");
        }

        var columns = records.Current.Fields.Select(c => c.Trim()).ToList();
        var problems = new List<string>();
        foreach (var missing in Required.Where(r => !columns.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"Column '{missing}' is missing.");
        }

        var members = new List<(int Index, string Party)>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (Required.Contains(columns[i], StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var party = KnownMembers.TryGetValue(columns[i], out var known) ? known : CodeColumn().IsMatch(columns[i]) ? columns[i].ToUpperInvariant() : null;
            if (party is not null)
            {
                if (members.Any(m => m.Party == party))
                {
                    problems.Add($"Member column '{ForumRules.Truncate(columns[i])}' repeats party {party}.");
                }

                members.Add((i, party));
            }
            else
            {
                problems.Add($"Column '{ForumRules.Truncate(columns[i])}' is neither a known member (canada, france, …, eu) nor a two- or three-letter party code.");
            }
        }

        if (members.Count == 0)
        {
            problems.Add("No member columns: expected one column per assessed party after 'average'.");
        }

        if (problems.Count > 0)
        {
            return new ComplianceImportReport(0, 0, 0, 0, 0, [], [], problems);
        }

        int Index(string name) => columns.FindIndex(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
        var (areaAt, idAt, yearAt, textAt, averageAt) = (Index("area"), Index("id"), Index("year"), Index("text"), Index("average"));
        var warnings = new List<ImportIssueDto>();
        var rows = new List<Row>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            ct.ThrowIfCancellationRequested();
            var (lineNumber, fields) = records.Current;
            if (rows.Count >= MaxRows)
            {
                return new ComplianceImportReport(rows.Count, 0, 0, 0, 0, [], warnings, [$"The file has more than {MaxRows} rows; split it."]);
            }

            string Field(int i) => i < fields.Count ? fields[i].Trim() : "";
            var rawId = Field(idAt);
            if (!int.TryParse(Field(yearAt), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2200)
            {
                warnings.Add(new ImportIssueDto(lineNumber, rawId, $"year '{ForumRules.Truncate(Field(yearAt))}' is not a year between 1900 and 2200; row skipped."));
                continue;
            }

            var text = Field(textAt);
            if (text.Length == 0 || text.Length > CommitmentRules.TextLength)
            {
                warnings.Add(new ImportIssueDto(lineNumber, rawId, $"text is empty or longer than {CommitmentRules.TextLength} characters; row skipped."));
                continue;
            }

            var code = UniqueCode(rawId, lineNumber, codes, out var renamed);
            if (renamed)
            {
                warnings.Add(new ImportIssueDto(lineNumber, rawId, $"id '{ForumRules.Truncate(rawId)}' is used more than once or is not a code; imported as {code}."));
            }

            var scores = new Dictionary<string, int?>(StringComparer.Ordinal);
            foreach (var (index, party) in members)
            {
                var cell = Field(index);
                if (cell.Length == 0)
                {
                    scores[party] = null;
                }
                else if (cell is "1" or "+1" or "0" or "-1" or "1.0" or "0.0" or "-1.0")
                {
                    scores[party] = (int)double.Parse(cell, CultureInfo.InvariantCulture);
                }
                else
                {
                    scores[party] = null;
                    warnings.Add(new ImportIssueDto(lineNumber, rawId, $"{columns[index]}: '{ForumRules.Truncate(cell)}' is not −1, 0, +1 or blank; imported as not scored."));
                }
            }

            var area = Field(areaAt);
            rows.Add(new Row(lineNumber, rawId, code, area.Length > 200 ? area[..200] : area, year, text, Field(averageAt), scores));
        }

        var inconsistent = rows.Select(Check).Where(i => i is not null).Select(i => i!).ToList();
        var report = await Write(db, actor, forum!, prefix, options, members.Select(m => m.Party).ToList(), rows, ct);
        return report with { Inconsistent = inconsistent, Warnings = warnings };
    }

    /// <summary>The file's average against the mean of the scored cells, within the file's own rounding (at least 2 decimals).</summary>
    private static ImportIssueDto? Check(Row row)
    {
        var scored = row.Scores.Values.Where(v => v is not null).Select(v => (double)v!.Value).ToList();
        double? computed = scored.Count > 0 ? scored.Average() : null;
        if (row.AverageText.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(row.AverageText, NumberStyles.Float, CultureInfo.InvariantCulture, out var fileAverage))
        {
            return new ImportIssueDto(row.Line, row.RawId, $"average '{ForumRules.Truncate(row.AverageText)}' is not a number.", null, computed);
        }

        if (computed is null)
        {
            return new ImportIssueDto(row.Line, row.RawId, "The file gives an average but no member is scored.", fileAverage, null);
        }

        var decimals = row.AverageText.Contains('.', StringComparison.Ordinal) ? row.AverageText.Length - row.AverageText.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var tolerance = (0.5 * Math.Pow(10, -Math.Max(2, decimals))) + 1e-9;
        return Math.Abs(computed.Value - fileAverage) <= tolerance
            ? null
            : new ImportIssueDto(row.Line, row.RawId,
                string.Create(CultureInfo.InvariantCulture, $"The file's average {fileAverage} differs from the mean of the scored members {computed.Value:0.####}."), fileAverage, computed);
    }

    private static string UniqueCode(string rawId, int line, HashSet<string> codes, out bool renamed)
    {
        var code = NotCodeCharacters().Replace(rawId.ToUpperInvariant(), "-").Trim('-', '_');
        if (code.Length > 28)
        {
            code = code[..28];
        }

        renamed = code.Length == 0 || code != rawId;
        if (code.Length == 0)
        {
            code = "ROW" + line.ToString(CultureInfo.InvariantCulture);
        }

        // A normalised id that differs only in case ("2001-xx" → 2001-XX) is not worth a warning.
        renamed = renamed && !string.Equals(code, rawId, StringComparison.OrdinalIgnoreCase);
        var candidate = code;
        for (var n = 2; !codes.Add(candidate); n++)
        {
            candidate = code + "-" + n.ToString(CultureInfo.InvariantCulture);
            renamed = true;
        }

        return candidate;
    }

    private static async Task<ComplianceImportReport> Write(TandemDbContext db, Actor actor, Forum forum, string prefix, ComplianceImportOptions options,
        List<string> parties, List<Row> rows, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rowCodes = rows.Select(r => r.Code).ToList();
        var commitments = await db.Set<Commitment>().Where(c => c.ForumId == forum.Id && rowCodes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        var names = rows.Select(r => r.Year).Distinct().ToDictionary(y => y, y => $"{prefix} {y.ToString(CultureInfo.InvariantCulture)}");
        var nameList = names.Values.ToList();
        var cycles = await db.Set<AssessmentCycle>().Where(c => c.ForumId == forum.Id && nameList.Contains(c.Name)).ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, ct);
        var cycleIds = cycles.Values.Select(c => c.Id).ToList();
        var links = (await db.Set<CycleCommitment>().Where(l => cycleIds.Contains(l.CycleId)).Select(l => new { l.CycleId, l.CommitmentId }).ToListAsync(ct))
            .Select(l => (l.CycleId, l.CommitmentId)).ToHashSet();
        var existingScores = await db.Set<ComplianceScore>().Where(s => cycleIds.Contains(s.CycleId)).ToListAsync(ct);
        var scoreIndex = existingScores.ToDictionary(s => (s.CycleId, s.CommitmentId, s.Party));
        int cyclesAdded = 0, commitmentsAdded = 0, commitmentsReused = 0, scoresWritten = 0;
        var by = actor.Email ?? "import";
        foreach (var row in rows)
        {
            var name = names[row.Year];
            if (!cycles.TryGetValue(name, out var cycle))
            {
                cycle = new AssessmentCycle
                {
                    ForumId = forum.Id,
                    Name = name,
                    Kind = CycleKind.Final,
                    WindowStart = new DateOnly(row.Year, 1, 1),
                    WindowEnd = new DateOnly(row.Year, 12, 31),
                    Scheme = ScoringScheme.G7,
                    Unscored = options.Unscored,
                    Percent = options.Percent,
                    Parties = parties,
                    Notes = "Imported historical scores.",
                };
                db.Add(cycle);
                cycles[name] = cycle;
                cyclesAdded++;
            }
            else
            {
                foreach (var party in parties.Where(p => !cycle.Parties.Contains(p)))
                {
                    cycle.Parties = [.. cycle.Parties, party];
                }
            }

            if (!commitments.TryGetValue(row.Code, out var commitment))
            {
                commitment = new Commitment
                {
                    ForumId = forum.Id,
                    Code = row.Code,
                    TextEn = row.Text,
                    Area = row.Area,
                    SourceStatement = $"{prefix} {row.Year.ToString(CultureInfo.InvariantCulture)}",
                    SourceParagraph = row.RawId.Length > 100 ? row.RawId[..100] : row.RawId,
                    Confidence = "imported",
                    Status = CommitmentStatus.NotStarted,
                };
                db.Add(commitment);
                commitments[row.Code] = commitment;
                commitmentsAdded++;
            }
            else
            {
                commitmentsReused++;
            }

            if (links.Add((cycle.Id, commitment.Id)))
            {
                db.Add(new CycleCommitment { CycleId = cycle.Id, CommitmentId = commitment.Id });
            }

            foreach (var (party, value) in row.Scores)
            {
                if (scoreIndex.TryGetValue((cycle.Id, commitment.Id, party), out var score))
                {
                    if (score.Value == value)
                    {
                        continue;
                    }

                    score.Value = value;
                    score.Rationale = "Recalibrated by import.";
                }
                else if (value is null)
                {
                    continue;
                }
                else
                {
                    score = new ComplianceScore { CycleId = cycle.Id, CommitmentId = commitment.Id, Party = party, Value = value, Rationale = "Imported." };
                    db.Add(score);
                    scoreIndex[(cycle.Id, commitment.Id, party)] = score;
                }

                db.Add(ScoreCommitment.Revision(score, by));
                scoresWritten++;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ComplianceImportReport(rows.Count, cyclesAdded, commitmentsAdded, commitmentsReused, scoresWritten, [], [], []);
    }

    /// <summary>The report as text lines, for the command line and the upload page.</summary>
    public static string Describe(ComplianceImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Rows} rows: {report.CyclesAdded} cycles and {report.CommitmentsAdded} commitments added, {report.CommitmentsReused} commitments already present, {report.ScoresWritten} scores written.");
        foreach (var problem in report.Problems)
        {
            text.AppendLine("problem: " + problem);
        }

        foreach (var issue in report.Inconsistent)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"inconsistent: line {issue.Line} ({issue.Id}): {issue.Message}");
        }

        foreach (var issue in report.Warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"warning: line {issue.Line} ({issue.Id}): {issue.Message}");
        }

        return text.ToString();
    }
}

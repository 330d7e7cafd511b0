using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Programmes;

/// <summary>
/// Registers or updates programmes from CSV, matched by code; every row is checked first and
/// nothing is written unless all are valid. Columns (header names, any order):
/// <c>code, party, agency, name_en, [name_ja], instrument, technology, value_chain_stage (or stage), amount, currency,
/// start_year, end_year, [status], [legal_basis], [source], [source_url], [confidence], [label], [releasable_to]</c>.
/// <c>label</c> is clear, green, amber or amber-strict; <c>releasable_to</c> lists parties separated by spaces or ';'.
/// </summary>
public static class ImportProgrammes
{
    private static readonly string[] RequiredColumns =
        ["code", "party", "agency", "name_en", "instrument", "technology", "amount", "currency", "start_year", "end_year"];

    public static async Task<Result<ImportReport>> Handle(TandemDbContext db, Actor actor, TextReader csv, Tlp defaultLevel, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(csv);
        var records = Csv.ReadRecords(csv);
        if (records.Count == 0)
        {
            return Error.Invalid("file", "The file has no programmes: expected a header row and one programme per line.");
        }

        var problems = RequiredColumns.Where(c => !records[0].ContainsKey(c)).Select(c => $"the header has no '{c}' column.").ToList();
        if (!records[0].ContainsKey("value_chain_stage") && !records[0].ContainsKey("stage"))
        {
            problems.Add("the header has no 'value_chain_stage' (or 'stage') column.");
        }

        if (problems.Count > 0)
        {
            return new ImportReport(0, 0, 0, problems);
        }

        var rows = new List<(ProgrammeInput Input, ProgrammeUseCases.Resolved Resolved, Label? Label, bool HasLabel)>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var line = record["__line"];
            var rowProblems = new List<string>();
            var input = Read(record, rowProblems);
            var (validation, resolved) = await ProgrammeUseCases.Validate(db, input, ct);
            if (resolved.Party is { } party && ProgrammeUseCases.CheckWriter(actor, party) is { } forbidden)
            {
                rowProblems.Add(forbidden.Message);
            }

            var level = ParseLevel(record.GetValueOrDefault("label"), rowProblems) ?? defaultLevel;
            var releasable = record.GetValueOrDefault("releasable_to")?.Split([' ', ';', '|'], StringSplitOptions.RemoveEmptyEntries);
            var label = ProgrammeUseCases.BuildLabel(actor, new LabelInput(level, releasable is { Length: > 0 } ? releasable : null), resolved, validation);
            foreach (var (field, messages) in validation.Errors)
            {
                rowProblems.AddRange(messages.Select(m => m.StartsWith(field, StringComparison.Ordinal) ? m : $"{field}: {m}"));
            }

            if (input.Code is { Length: > 0 } code && !codes.Add(code.Trim().ToUpperInvariant()))
            {
                rowProblems.Add($"code {code} appears twice in the file.");
            }

            problems.AddRange(rowProblems.Select(p => $"line {line}: {p}"));
            rows.Add((input, resolved, label, !string.IsNullOrWhiteSpace(record.GetValueOrDefault("label"))));
        }

        if (problems.Count > 0)
        {
            return new ImportReport(0, 0, 0, problems);
        }

        var existing = await db.Set<Programme>().Include(p => p.Disbursements).Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var (input, resolved, label, hasLabel) in rows)
        {
            var code = input.Code!.Trim().ToUpperInvariant();
            if (!existing.TryGetValue(code, out var programme))
            {
                programme = new Programme { Code = code, Label = LabelData.From(label!) };
                ProgrammeUseCases.Apply(programme, input, resolved);
                db.Set<Programme>().Add(programme);
                added++;
                continue;
            }

            var before = Fingerprint(programme);
            ProgrammeUseCases.Apply(programme, input, resolved);
            var relabel = hasLabel && label is not null && (actor.UserId is null || actor.AgencyId == programme.Label.Originator)
                && label.Marking != programme.Label.ToLabel().Marking;
            if (relabel)
            {
                programme.Label = LabelData.From(label! with { Originator = programme.Label.Originator });
            }

            if (relabel || Fingerprint(programme) != before)
            {
                db.Entry(programme).State = EntityState.Modified;
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new ImportReport(added, updated, unchanged, []);
    }

    private static ProgrammeInput Read(Dictionary<string, string> r, List<string> problems)
    {
        string? Get(string column) => r.TryGetValue(column, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

        int? Year(string column)
        {
            var text = Get(column);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                return year;
            }

            problems.Add($"{column} '{text}' is not a year.");
            return -1;
        }

        decimal? amount = null;
        if (Get("amount") is { } amountText)
        {
            if (decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a))
            {
                amount = a;
            }
            else
            {
                problems.Add($"amount '{Forums.ForumRules.Truncate(amountText)}' is not a number (digits and a decimal point, no separators).");
            }
        }

        var instrument = ProgrammeRules.ParseInstrument(Get("instrument"));
        if (Get("instrument") is { } instrumentText && instrument is null)
        {
            problems.Add($"instrument '{Forums.ForumRules.Truncate(instrumentText)}' is not one of {ProgrammeRules.Names<Instrument>()}.");
        }

        var stageText = Get("value_chain_stage") ?? Get("stage");
        var stage = ProgrammeRules.ParseStage(stageText);
        if (stageText is not null && stage is null)
        {
            problems.Add($"value_chain_stage '{Forums.ForumRules.Truncate(stageText)}' is not one of {ProgrammeRules.Names<ValueChainStage>()}.");
        }

        var status = ProgrammeRules.ParseStatus(Get("status"));
        if (Get("status") is { } statusText && status is null)
        {
            problems.Add($"status '{Forums.ForumRules.Truncate(statusText)}' is not one of {ProgrammeRules.Names<ProgrammeStatus>()}.");
        }

        var start = Year("start_year");
        var end = Year("end_year");
        return new ProgrammeInput(Get("code"), Get("party"), Get("agency"), Get("name_en"), Get("name_ja"), instrument, Get("technology"), stage,
            amount, Get("currency"), start is -1 ? null : start, end is -1 ? null : end, status, Get("legal_basis"), Get("source"), Get("source_url"),
            Get("confidence"));
    }

    private static Tlp? ParseLevel(string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = new string(text.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant).ToArray());
        Tlp? level = key switch
        {
            "clear" or "tlpclear" => Tlp.Clear,
            "green" or "tlpgreen" => Tlp.Green,
            "amber" or "tlpamber" => Tlp.Amber,
            "amberstrict" or "tlpamberstrict" => Tlp.AmberStrict,
            _ => null,
        };
        if (level is null)
        {
            problems.Add($"label '{Forums.ForumRules.Truncate(text)}' must be clear, green, amber or amber-strict (RED needs named people: set it in Tandem).");
        }

        return level;
    }

    private static string Fingerprint(Programme p) => string.Join("\u001f", p.Party, p.AgencyId, p.NameEn, p.NameJa, p.Instrument, p.TechnologyId, p.Stage,
        p.Amount.ToString("G29", CultureInfo.InvariantCulture), p.Currency, p.StartYear, p.EndYear, p.Status, p.LegalBasis, p.Source, p.SourceUrl, p.Confidence,
        string.Join(";", p.Disbursements.Select(d => $"{d.Year}:{d.Amount.ToString("G29", CultureInfo.InvariantCulture)}")));
}

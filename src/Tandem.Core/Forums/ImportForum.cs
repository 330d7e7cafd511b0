using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Forums;

public sealed record ForumImportReport(string ForumCode, int PartiesAdded, int AgenciesAdded, int TracksAdded, int Unchanged, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports a forum from the CSV layout of the EPCC scenario (forum.csv, parties.csv, agencies.csv,
/// tracks.csv). Re-running it adds what is missing and leaves existing records alone. Any problem
/// aborts the whole import, so a half-loaded forum never exists.
/// </summary>
public static class ImportForum
{
    private static readonly string[] DescriptionKeys = ["launched_by", "principals"];

    public static readonly string[] Files = ["forum.csv", "parties.csv", "agencies.csv", "tracks.csv"];

    /// <param name="open">Opens one of <see cref="Files"/> by name, or returns null when it is missing.</param>
    public static async Task<ForumImportReport> Handle(TandemDbContext db, Actor actor, Func<string, TextReader?> open, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(open);
        var tables = new Dictionary<string, List<Dictionary<string, string>>>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var file in Files)
        {
            using var reader = open(file);
            if (reader is null)
            {
                missing.Add($"{file} is missing.");
                continue;
            }

            tables[file] = Csv.ReadRecords(reader);
        }

        if (missing.Count > 0)
        {
            return new ForumImportReport("", 0, 0, 0, 0, missing);
        }

        var problems = new List<string>();
        int partiesAdded = 0, agenciesAdded = 0, tracksAdded = 0, unchanged = 0;
        var forumValues = tables["forum.csv"].ToDictionary(r => r.GetValueOrDefault("key") ?? "", r => r.GetValueOrDefault("value") ?? "", StringComparer.Ordinal);
        var shortName = forumValues.GetValueOrDefault("short_name", "");
        var forumCode = forumValues.GetValueOrDefault("code") is { Length: > 0 } c ? c : shortName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant() ?? "";

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in tables["parties.csv"])
        {
            var iso3 = row.GetValueOrDefault("iso3", "").Trim().ToUpperInvariant();
            if (await db.Parties.AnyAsync(p => p.Iso3 == iso3, ct))
            {
                unchanged++;
                continue;
            }

            // An optional other_time_zones column lists a party's further capital zones (a union's member capitals).
            var others = (row.GetValueOrDefault("other_time_zones") ?? "").Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries);
            var main = row.GetValueOrDefault("capital_time_zone");
            var input = new PartyInput(iso3, row.GetValueOrDefault("name_en"), row.GetValueOrDefault("name_ja"), main)
            {
                CapitalTimeZones = others.Length == 0 ? null : [main ?? "", .. others],
            };
            var result = await PartyUseCases.Create(db, actor, input, ct);
            Collect(result, "parties.csv", row, problems, ref partiesAdded);
        }

        // Parents first: an agency's parent must exist before the agency is added.
        var agencyRows = tables["agencies.csv"].OrderBy(r => string.IsNullOrWhiteSpace(r.GetValueOrDefault("parent_code")) ? 0 : 1).ToList();
        foreach (var row in agencyRows)
        {
            var code = row.GetValueOrDefault("code", "").Trim();
            if (await db.Agencies.AnyAsync(a => a.Code == code, ct))
            {
                unchanged++;
                continue;
            }

            AgencyKind? kind = Enum.TryParse<AgencyKind>(row.GetValueOrDefault("kind"), ignoreCase: true, out var k) ? k : null;
            var result = await AgencyUseCases.Create(db, actor, new AgencyInput(code, row.GetValueOrDefault("party"), row.GetValueOrDefault("parent_code"), kind, row.GetValueOrDefault("name_en"), row.GetValueOrDefault("name_ja")), ct);
            Collect(result, "agencies.csv", row, problems, ref agenciesAdded);
        }

        var forum = await db.Forums.FirstOrDefaultAsync(f => f.Code == forumCode, ct);
        if (forum is null)
        {
            var tiers = forumValues.GetValueOrDefault("tiers", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => Enum.TryParse<Tier>(t.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var tier) ? tier : (Tier?)null).ToList();
            if (tiers.Any(t => t is null))
            {
                problems.Add($"forum.csv: tiers '{forumValues.GetValueOrDefault("tiers")}' contains an unknown tier.");
            }

            DateOnly? launched = DateOnly.TryParseExact(forumValues.GetValueOrDefault("launched"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var l) ? l : null;
            var description = string.Join("\n", DescriptionKeys.Select(k => forumValues.GetValueOrDefault(k)).Where(v => !string.IsNullOrWhiteSpace(v)));
            var created = await ForumUseCases.Create(db, actor, new ForumInput(forumCode, shortName, forumValues.GetValueOrDefault("name_en"), forumValues.GetValueOrDefault("name_ja"), launched, description,
                tiers.OfType<Tier>().ToList(), tables["parties.csv"].Select(r => r.GetValueOrDefault("iso3", "").Trim().ToUpperInvariant()).ToList()), ct);
            if (!created.Succeeded)
            {
                problems.Add($"forum.csv: {Describe(created.Error!)}");
            }

            forum = created.Succeeded ? await db.Forums.FirstAsync(f => f.Id == created.Value.Id, ct) : null;
        }
        else
        {
            unchanged++;
        }

        if (forum is not null)
        {
            foreach (var row in tables["tracks.csv"])
            {
                var code = row.GetValueOrDefault("code", "").Trim();
                if (await db.Tracks.AnyAsync(t => t.ForumId == forum.Id && t.Code == code, ct))
                {
                    unchanged++;
                    continue;
                }

                var coLeads = row.Where(kv => kv.Key.StartsWith("co_lead_", StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(kv => kv.Key["co_lead_".Length..].ToUpperInvariant(), kv => kv.Value, StringComparer.Ordinal);
                DateOnly? firstUsed = DateOnly.TryParseExact(row.GetValueOrDefault("first_used"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null;
                var result = await TrackUseCases.Create(db, actor, new TrackInput(forum.Id, code, row.GetValueOrDefault("name_en"), row.GetValueOrDefault("name_ja"), row.GetValueOrDefault("description"), firstUsed, coLeads), ct);
                Collect(result, "tracks.csv", row, problems, ref tracksAdded);
            }
        }

        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ForumImportReport(forumCode, 0, 0, 0, 0, problems);
        }

        await transaction.CommitAsync(ct);
        return new ForumImportReport(forumCode, partiesAdded, agenciesAdded, tracksAdded, unchanged, problems);
    }

    private static void Collect<T>(Result<T> result, string file, Dictionary<string, string> row, List<string> problems, ref int added)
    {
        if (result.Succeeded)
        {
            added++;
        }
        else
        {
            problems.Add($"{file} line {row.GetValueOrDefault("__line")}: {Describe(result.Error!)}");
        }
    }

    private static string Describe(Error error) =>
        error.Fields.Count == 0 ? error.Message : string.Join("; ", error.Fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}")));
}

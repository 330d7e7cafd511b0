using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Commitments;

/// <summary>Field rules shared by creating and editing commitments.</summary>
internal static class CommitmentRules
{
    public const int TextLength = 4000;
    public const int MaxSupporting = 30;
    public const int MaxMilestones = 50;

    public sealed record Resolved(Guid? TrackId, List<CommitmentResponsibility> Responsibilities);

    public static async Task<(Validation, Resolved)> Validate(TandemDbContext db, CommitmentInput input, Forum? forum, CancellationToken ct)
    {
        var validation = new Validation()
            .Code("code", input.Code)
            .Required("textEn", input.TextEn, TextLength)
            .Optional("textJa", input.TextJa, TextLength)
            .Optional("area", input.Area, 200)
            .Optional("sourceStatement", input.SourceStatement, 300)
            .Optional("sourceParagraph", input.SourceParagraph, 100)
            .Url("sourceUrl", input.SourceUrl)
            .Optional("confidence", input.Confidence, 32);
        var responsibilities = new List<CommitmentResponsibility>();
        if (forum is null)
        {
            validation.Add("forumId", input.ForumId is null ? "forumId is required." : "forumId is not a forum you belong to.");
            return (validation, new Resolved(null, responsibilities));
        }

        if (input.Status is { } status && !Enum.IsDefined(status))
        {
            validation.Add("status", $"status must be one of {string.Join(", ", Enum.GetNames<CommitmentStatus>())}.");
        }

        if (input.MadeOn is { } made && input.DueDate is { } due && due < made)
        {
            validation.Add("dueDate", "dueDate cannot be before the date the commitment was made (madeOn).");
        }

        Guid? trackId = null;
        if (!string.IsNullOrWhiteSpace(input.TrackCode))
        {
            var code = input.TrackCode.Trim();
            trackId = await db.Tracks.Where(t => t.ForumId == forum.Id && t.Code == code).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
            if (trackId is null)
            {
                validation.Add("trackCode", $"'{ForumRules.Truncate(code)}' is not a track of forum {forum.Code}.");
            }
        }

        if (input.SourceMeetingId is { } meetingId && !await db.Set<Meeting>().AnyAsync(m => m.Id == meetingId && m.ForumId == forum.Id, ct))
        {
            validation.Add("sourceMeetingId", "sourceMeetingId is not a meeting of this forum.");
        }

        if (input.SupersededById is { } byId && !await db.Set<Commitment>().AnyAsync(c => c.Id == byId && c.ForumId == forum.Id, ct))
        {
            validation.Add("supersededById", "supersededById is not a commitment of this forum.");
        }

        if (input.SupersededById is not null && input.Status != CommitmentStatus.Superseded)
        {
            validation.Add("supersededById", "supersededById applies only when status is Superseded.");
        }

        var parties = forum.Parties.Select(p => p.Party).ToHashSet(StringComparer.Ordinal);
        var given = input.Responsibilities ?? new Dictionary<string, ResponsibilityInput>();
        var codes = given.Values.SelectMany(r => (r?.Supporting ?? []).Append(r?.Lead)).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        var seen = new HashSet<Guid>();
        foreach (var (rawParty, responsibility) in given.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var party = rawParty.Trim().ToUpperInvariant();
            var field = $"responsibilities.{ForumRules.Truncate(party)}";
            if (!parties.Contains(party))
            {
                validation.Add(field, $"{ForumRules.Truncate(party)} is not a party of forum {forum.Code}.");
                continue;
            }

            if (responsibility is null)
            {
                continue;
            }

            if (!string.IsNullOrWhiteSpace(responsibility.Lead))
            {
                AddAgency(responsibility.Lead, field + ".lead", ResponsibilityRole.Lead);
            }
            else if (responsibility.Supporting is { Count: > 0 })
            {
                validation.Add(field + ".lead", $"A lead agency of {party} is required when {party} has supporting agencies.");
            }

            var supporting = responsibility.Supporting ?? [];
            if (supporting.Count > MaxSupporting)
            {
                validation.Add(field + ".supporting", $"At most {MaxSupporting} supporting agencies per party.");
                continue;
            }

            for (var i = 0; i < supporting.Count; i++)
            {
                AddAgency(supporting[i], $"{field}.supporting[{i}]", ResponsibilityRole.Supporting);
            }

            void AddAgency(string? rawCode, string agencyField, ResponsibilityRole role)
            {
                var code = rawCode?.Trim() ?? "";
                if (!agencies.TryGetValue(code, out var agency))
                {
                    validation.Add(agencyField, $"'{ForumRules.Truncate(code)}' is not an agency.");
                }
                else if (agency.Party != party)
                {
                    validation.Add(agencyField, $"{agency.Code} belongs to {agency.Party}; responsibility for {party} must lie with an agency of {party}.");
                }
                else if (!seen.Add(agency.Id))
                {
                    validation.Add(agencyField, $"{agency.Code} is named twice.");
                }
                else
                {
                    responsibilities.Add(new CommitmentResponsibility { Party = party, AgencyId = agency.Id, Role = role });
                }
            }
        }

        return (validation, new Resolved(trackId, responsibilities));
    }

    public static void Apply(Commitment commitment, CommitmentInput input, Resolved resolved)
    {
        commitment.TextEn = input.TextEn!.Trim();
        commitment.TextJa = input.TextJa?.Trim() ?? "";
        commitment.TrackId = resolved.TrackId;
        commitment.Area = input.Area?.Trim() ?? "";
        commitment.SourceMeetingId = input.SourceMeetingId ?? commitment.SourceMeetingId;
        commitment.SourceStatement = input.SourceStatement?.Trim() ?? commitment.SourceStatement;
        commitment.SourceParagraph = input.SourceParagraph?.Trim() ?? commitment.SourceParagraph;
        commitment.SourceUrl = input.SourceUrl?.Trim() ?? commitment.SourceUrl;
        commitment.Confidence = input.Confidence?.Trim() ?? commitment.Confidence;
        commitment.MadeOn = input.MadeOn ?? commitment.MadeOn;
        commitment.DueDate = input.DueDate;
        commitment.Status = input.Status ?? commitment.Status;
        commitment.SupersededById = input.SupersededById;

        // Replace responsibilities in place so unchanged rows are not deleted and re-added.
        var wanted = resolved.Responsibilities.ToDictionary(r => r.AgencyId);
        commitment.Responsibilities.RemoveAll(r => !wanted.ContainsKey(r.AgencyId));
        foreach (var r in resolved.Responsibilities)
        {
            var existing = commitment.Responsibilities.FirstOrDefault(x => x.AgencyId == r.AgencyId);
            if (existing is null)
            {
                commitment.Responsibilities.Add(new CommitmentResponsibility { CommitmentId = commitment.Id, Party = r.Party, AgencyId = r.AgencyId, Role = r.Role });
            }
            else
            {
                existing.Party = r.Party;
                existing.Role = r.Role;
            }
        }
    }

    /// <summary>The fields a reader of the history cares about, as text, so a change can be described old → new.</summary>
    public static Dictionary<string, string> Snapshot(Commitment c, IReadOnlyDictionary<Guid, string> agencyCodes) => new(StringComparer.Ordinal)
    {
        ["status"] = c.Status.ToString(),
        ["dueDate"] = c.DueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none",
        ["track"] = c.TrackId?.ToString("D")[..8] ?? "none",
        ["textEn"] = c.TextEn.Length > 60 ? c.TextEn[..60] + "…" : c.TextEn,
        ["textJa"] = c.TextJa.Length > 30 ? c.TextJa[..30] + "…" : c.TextJa,
        ["responsibilities"] = string.Join(" ", c.Responsibilities.OrderBy(r => r.Party, StringComparer.Ordinal).ThenBy(r => r.Role)
            .Select(r => $"{r.Party}:{(r.Role == ResponsibilityRole.Lead ? "lead" : "support")}={agencyCodes.GetValueOrDefault(r.AgencyId, "?")}")),
    };

    public static string Describe(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var changes = after.Where(kv => before.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => $"{kv.Key}: {before.GetValueOrDefault(kv.Key)} → {kv.Value}");
        var text = string.Join("; ", changes);
        return text.Length > 1900 ? text[..1900] + "…" : text;
    }

    /// <summary>People of a responsible agency report progress and keep milestones; the secretariat may keep milestones too.</summary>
    public static bool IsResponsible(Commitment commitment, Actor actor) =>
        actor.AgencyId is { } agency && commitment.Responsibilities.Any(r => r.AgencyId == agency);
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Compliance;

/// <summary>
/// Scores one party on one commitment in a cycle, or clears the cell. A recalibration replaces the
/// current value but appends to the cell's revisions, so earlier judgements stay on record.
/// </summary>
public static class ScoreCommitment
{
    public const int RationaleLength = 4000;
    public const int EvidenceLength = 4000;

    public static async Task<Result<CellDto>> Handle(TandemDbContext db, Actor actor, Guid cycleId, ScoreInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var cycle = await db.Set<AssessmentCycle>().AsNoTracking().Visible(db, actor).FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null)
        {
            return Error.NotFound("Assessment cycle");
        }

        if (!ForumCommunity.CanAssess(actor))
        {
            return Error.Forbidden("Only assessors (secretariat, administrators, analysts) may score compliance.");
        }

        var validation = new Validation().Optional("rationale", input.Rationale, RationaleLength).Optional("evidence", input.Evidence, EvidenceLength);
        var party = input.Party?.Trim().ToUpperInvariant() ?? "";
        if (party.Length == 0)
        {
            validation.Add("party", "party is required.");
        }
        else if (!cycle.Parties.Contains(party))
        {
            validation.Add("party", $"{ForumRules.Truncate(party)} is not assessed in this cycle (parties: {string.Join(", ", cycle.Parties)}).");
        }

        if (input.CommitmentId is not { } commitmentId)
        {
            validation.Add("commitmentId", "commitmentId is required.");
            commitmentId = Guid.Empty;
        }
        else if (!await db.Set<CycleCommitment>().AnyAsync(c => c.CycleId == cycleId && c.CommitmentId == commitmentId, ct))
        {
            validation.Add("commitmentId", "The commitment is not assessed in this cycle; add it to the cycle first.");
        }

        var value = ValueOf(cycle.Scheme, input, validation);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var existing = await db.Set<ComplianceScore>().FirstOrDefaultAsync(s => s.CycleId == cycleId && s.CommitmentId == commitmentId && s.Party == party, ct);
        if (existing is not null && input.Version is null)
        {
            return Error.Invalid("version", "version is required: this cell is already scored; send the version you loaded, so concurrent recalibrations are detected.");
        }

        var rationale = input.Rationale?.Trim() ?? "";
        var evidence = input.Evidence?.Trim() ?? "";
        var by = actor.Email ?? "";
        if (existing is null)
        {
            var score = new ComplianceScore { CycleId = cycleId, CommitmentId = commitmentId, Party = party, Value = value, Rationale = rationale, Evidence = evidence };
            db.Add(score);
            db.Add(Revision(score, by));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone scored the same empty cell a moment earlier: the unique index refused ours.
                db.ChangeTracker.Clear();
                return Error.StaleVersion();
            }

            return ToDto(cycle.Scheme, score);
        }

        var saved = await Concurrency.SaveAsync(db, existing, input.Version!.Value, () =>
        {
            existing.Value = value;
            existing.Rationale = rationale;
            existing.Evidence = evidence;
            db.Add(Revision(existing, by));
        }, () => ToDto(cycle.Scheme, existing), ct);
        return saved;
    }

    internal static int? ValueOf(ScoringScheme scheme, ScoreInput input, Validation validation)
    {
        if (scheme == ScoringScheme.G7)
        {
            if (input.Level is not null)
            {
                validation.Add("level", "level applies to OGP cycles; this cycle scores −1, 0 or +1 as value.");
            }

            if (input.Value is { } v && !ComplianceMath.IsValid(scheme, v))
            {
                validation.Add("value", "value must be −1, 0 or +1 (or empty for not scored).");
            }

            return input.Value;
        }

        if (input.Level is { } level && !Enum.IsDefined(level))
        {
            validation.Add("level", "level must be NoEvidence, NotStarted, Limited, Substantial or Complete.");
        }

        if (input.Value is { } number && !ComplianceMath.IsValid(scheme, number))
        {
            validation.Add("value", "value must be an OGP level from 0 (no evidence) to 4 (complete).");
        }

        if (input.Level is not null && input.Value is not null && (int)input.Level != input.Value)
        {
            validation.Add("value", "Give level or value, not two different ones.");
        }

        return input.Level is { } l ? (int)l : input.Value;
    }

    internal static ComplianceScoreRevision Revision(ComplianceScore score, string by) => new()
    {
        CycleId = score.CycleId,
        CommitmentId = score.CommitmentId,
        Party = score.Party,
        Value = score.Value,
        Rationale = score.Rationale,
        Evidence = score.Evidence,
        At = DateTime.UtcNow,
        By = by.Length > 256 ? by[..256] : by,
    };

    private static CellDto ToDto(ScoringScheme scheme, ComplianceScore score) =>
        new(score.Party, score.Value, ComplianceMath.Display(scheme, score.Value), score.Rationale, score.Evidence, score.Version);
}

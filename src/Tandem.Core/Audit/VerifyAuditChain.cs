using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Audit;

public enum AuditProblem
{
    None,

    /// <summary>A sequence number is missing (rows deleted from the middle, or the chain does not start at 1).</summary>
    Gap,

    /// <summary>An entry's stored previous hash is not the hash of the entry before it.</summary>
    BrokenLink,

    /// <summary>An entry's content no longer produces its stored hash: it was edited.</summary>
    HashMismatch,

    /// <summary>A checkpoint's signature does not verify with the configured key.</summary>
    BadSignature,

    /// <summary>A correctly signed checkpoint names a different hash than the entry at its sequence: the chain was rewritten.</summary>
    CheckpointMismatch,

    /// <summary>The newest entries are missing (the head row or a signed checkpoint names entries that no longer exist).</summary>
    Truncated,

    /// <summary>The head row disagrees with the last entry, or entries exist beyond it.</summary>
    HeadMismatch,
}

/// <summary>The outcome of a verification: intact, or the first bad sequence number and why.</summary>
public sealed record AuditVerification(
    bool Intact,
    long Count,
    long LastSequence,
    long? LastCheckpoint,
    int CheckpointsVerified,
    AuditProblem Problem,
    long? FirstBadSequence,
    string Message)
{
    public string Summary => Intact
        ? string.Create(CultureInfo.InvariantCulture,
            $"Audit chain intact: {Count} entries, last sequence {LastSequence}, {CheckpointsVerified} signed checkpoints verified (last at {(LastCheckpoint is { } c ? c.ToString(CultureInfo.InvariantCulture) : "none")}).")
        : Message;
}

/// <summary>
/// Verifies the audit chain (SECURITY.md row 15): sequence without gaps from 1, every hash recomputed from
/// the canonical entry and the previous hash, every checkpoint's signature and hash, and the tail against
/// both the head row and the signed checkpoints. Entries are read in batches by sequence (keyset), so memory
/// stays constant however long the log is.
/// </summary>
public static class VerifyAuditChain
{
    public const int BatchSize = 1000;

    /// <summary>Verification asked for by a person (page or API): auditors only, and the request is itself audited.</summary>
    public static async Task<Result<AuditVerification>> HandleAudited(TandemDbContext db, AuditSigner signer, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!AuditAccess.CanRead(actor))
        {
            db.Audit(AuditAction.Verify, AuditAccess.LogObject, "", AuditDecision.Denied, details: "not an auditor");
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only auditors may verify the audit log.");
        }

        var result = await Handle(db, signer, ct);
        var details = result.Intact ? result.Summary : "NOT intact: " + result.Message;
        db.Audit(AuditAction.Verify, AuditAccess.LogObject, "", details: details.Length <= 2000 ? details : details[..2000]);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Verifies without writing anything, so it also runs against a read-only copy or a backup.</summary>
    public static async Task<AuditVerification> Handle(TandemDbContext db, AuditSigner signer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(signer);

        // The head is read first: entries written while we verify lie beyond it and are checked next time.
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var state = new State();

        while (state.Last < head.LastSequence)
        {
            var after = state.Last;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after && e.Sequence <= head.LastSequence)
                .OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var upTo = batch[^1].Sequence;
            var checkpoints = await db.AuditCheckpoints.AsNoTracking()
                .Where(c => c.Sequence > after && c.Sequence <= upTo)
                .ToDictionaryAsync(c => c.Sequence, ct);
            foreach (var entry in batch)
            {
                if (Check(state, entry, checkpoints.GetValueOrDefault(entry.Sequence), signer) is { } failure)
                {
                    return failure;
                }
            }

            // Checkpoints inside the batch whose entry is missing are gaps, already reported above.
        }

        return await CheckTail(db, signer, head, state, ct) ?? new AuditVerification(true, state.Count, state.Last, state.LastCheckpoint,
            state.CheckpointsVerified, AuditProblem.None, null, "");
    }

    private static AuditVerification? Check(State state, AuditEntry entry, AuditCheckpoint? checkpoint, AuditSigner signer)
    {
        var expected = state.Last + 1;
        if (entry.Sequence != expected)
        {
            return state.Fail(AuditProblem.Gap, expected,
                $"sequence {expected}: missing (gap: the entry after {state.Last} is {entry.Sequence}); entries were deleted.");
        }

        if (!string.Equals(entry.PreviousHash, state.Hash, StringComparison.Ordinal))
        {
            return state.Fail(AuditProblem.BrokenLink, entry.Sequence,
                $"sequence {entry.Sequence}: broken link (its previous hash is not the hash of entry {state.Last}); entry {state.Last} or {entry.Sequence} was altered.");
        }

        string computed;
        try
        {
            computed = AuditChain.ComputeHash(entry, state.Hash);
        }
        catch (FormatException)
        {
            return state.Fail(AuditProblem.BrokenLink, entry.Sequence, $"sequence {entry.Sequence}: broken link (the previous hash is not a SHA-256 value).");
        }

        if (!string.Equals(computed, entry.Hash, StringComparison.Ordinal))
        {
            return state.Fail(AuditProblem.HashMismatch, entry.Sequence,
                $"sequence {entry.Sequence}: hash mismatch (the entry's content no longer produces its hash); it was edited.");
        }

        if (checkpoint is not null)
        {
            if (!string.Equals(checkpoint.KeyId, signer.KeyId, StringComparison.Ordinal) || !signer.Verify(checkpoint.Sequence, checkpoint.Hash, checkpoint.Signature))
            {
                return state.Fail(AuditProblem.BadSignature, entry.Sequence,
                    $"sequence {entry.Sequence}: bad signature on its checkpoint (key {Short(checkpoint.KeyId)}, configured key {signer.KeyId}).");
            }

            if (!string.Equals(checkpoint.Hash, entry.Hash, StringComparison.Ordinal))
            {
                return state.Fail(AuditProblem.CheckpointMismatch, entry.Sequence,
                    $"sequence {entry.Sequence}: does not match its signed checkpoint; entries after {state.LastCheckpoint ?? 0} up to {entry.Sequence} were rewritten.");
            }

            state.LastCheckpoint = entry.Sequence;
            state.CheckpointsVerified++;
        }

        state.Last = entry.Sequence;
        state.Hash = entry.Hash;
        state.Count++;
        return null;
    }

    private static async Task<AuditVerification?> CheckTail(TandemDbContext db, AuditSigner signer, AuditHead head, State state, CancellationToken ct)
    {
        if (state.Last < head.LastSequence)
        {
            return state.Fail(AuditProblem.Truncated, state.Last + 1,
                $"truncated after {state.Last}: the chain head records {head.LastSequence} entries; the newest were deleted.");
        }

        // A checkpoint is written in the same transaction as its entry, so one without its entry means the tail was cut,
        // even when the head row was rewritten to match. Signed ones prove it.
        var last = state.Last;
        var orphan = await db.AuditCheckpoints.AsNoTracking()
            .Where(c => c.Sequence > last && !db.AuditEntries.Any(e => e.Sequence == c.Sequence))
            .OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(ct);
        if (orphan is not null)
        {
            var signed = string.Equals(orphan.KeyId, signer.KeyId, StringComparison.Ordinal) && signer.Verify(orphan.Sequence, orphan.Hash, orphan.Signature);
            return state.Fail(AuditProblem.Truncated, state.Last + 1,
                $"truncated after {state.Last}: {(signed ? "a signed" : "an (unverifiable)")} checkpoint names entry {orphan.Sequence}, which no longer exists.");
        }

        var expectedHash = state.Count == 0 ? AuditChain.GenesisHash : state.Hash;
        if (!string.Equals(head.LastHash, expectedHash, StringComparison.Ordinal))
        {
            return state.Fail(AuditProblem.HeadMismatch, state.Last == 0 ? 1 : state.Last,
                $"sequence {Math.Max(state.Last, 1)}: the chain head's hash does not match the last entry; the head row or the entry was altered.");
        }

        // Read the newest entry before the head again: any entry committed by then is covered by the head.
        var newest = await db.AuditEntries.AsNoTracking().MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        var now = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => h.LastSequence).SingleAsync(ct);
        if (newest > now)
        {
            return state.Fail(AuditProblem.HeadMismatch, now + 1,
                $"sequence {now + 1}: entries exist beyond the chain head ({now}); rows were inserted outside the application.");
        }

        return null;
    }

    private static string Short(string keyId) => keyId.Length <= 32 ? keyId : keyId[..32];

    private sealed class State
    {
        public long Last { get; set; }

        public string Hash { get; set; } = AuditChain.GenesisHash;

        public long Count { get; set; }

        public long? LastCheckpoint { get; set; }

        public int CheckpointsVerified { get; set; }

        public AuditVerification Fail(AuditProblem problem, long sequence, string message) =>
            new(false, Count, Last, LastCheckpoint, CheckpointsVerified, problem, sequence, message);
    }
}

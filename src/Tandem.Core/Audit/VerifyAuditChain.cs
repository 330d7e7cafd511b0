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

    /// <summary>The head row disagrees with the last entry, is missing, or entries exist beyond it.</summary>
    HeadMismatch,

    /// <summary>A column holds a value the application never writes (text where a time belongs): the row was edited.</summary>
    Unreadable,

    /// <summary>An entry at a checkpoint position has no signed checkpoint: the checkpoint row was deleted.</summary>
    MissingCheckpoint,

    /// <summary>The witness outside the database holds a newer chain end than the database: it was restored or truncated.</summary>
    RolledBack,

    /// <summary>An entry's hash differs from the one the witness recorded for its sequence: the chain was rewritten.</summary>
    WitnessMismatch,

    /// <summary>A witness digest's signature does not verify with the audit key: the witness was altered or is foreign.</summary>
    BadWitness,
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
    string Message,
    string LastHash = "",
    int WitnessDigestsVerified = 0,
    long? NewestWitnessed = null)
{
    public string Summary => Intact
        ? string.Create(CultureInfo.InvariantCulture,
            $"Audit chain intact: {Count} entries, last sequence {LastSequence}, {CheckpointsVerified} signed checkpoints verified (last at {(LastCheckpoint is { } c ? c.ToString(CultureInfo.InvariantCulture) : "none")}){WitnessSummary}.")
        : Message;

    private string WitnessSummary => WitnessDigestsVerified == 0 ? ""
        : string.Create(CultureInfo.InvariantCulture, $"; {WitnessDigestsVerified} witnessed digests agree (newest at {NewestWitnessed})");
}

/// <summary>
/// Verifies the audit chain: sequence without gaps from 1, every hash recomputed from the canonical entry and
/// the previous hash, a correctly signed checkpoint at every checkpoint position, the tail against both the head
/// row and the signed checkpoints, and the whole against the digests witnessed outside the database. Entries are
/// read in batches by sequence (keyset), so memory stays constant however long the log is. Whatever was done to
/// the rows, the answer is a verdict naming the first bad sequence, never an exception.
/// </summary>
public static class VerifyAuditChain
{
    public const int BatchSize = 1000;

    /// <summary>Verification asked for by a person (page or API): auditors only, and the request is itself audited.</summary>
    public static async Task<Result<AuditVerification>> HandleAudited(TandemDbContext db, AuditSigner signer, AuditWitness? witness, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!AuditAccess.CanRead(actor))
        {
            db.Audit(AuditAction.Verify, AuditAccess.LogObject, "", AuditDecision.Denied, details: "not an auditor");
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only auditors may verify the audit log.");
        }

        var result = await Handle(db, signer, witness?.Read() ?? WitnessReading.None, ct);
        var details = result.Intact ? result.Summary : "NOT intact: " + result.Message;
        db.Audit(AuditAction.Verify, AuditAccess.LogObject, "", details: details.Length <= 2000 ? details : details[..2000]);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Verifies without writing anything, so it also runs against a read-only copy or a backup.</summary>
    public static Task<AuditVerification> Handle(TandemDbContext db, AuditSigner signer, CancellationToken ct) =>
        Handle(db, signer, WitnessReading.None, ct);

    /// <summary>
    /// Verifies the chain and checks it against <paramref name="witness"/>. Read the witness before calling: the
    /// head is read here, later, so every digest the witness holds is of a chain end the head has reached.
    /// </summary>
    public static async Task<AuditVerification> Handle(TandemDbContext db, AuditSigner signer, WitnessReading witness, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(witness);
        var state = new State(signer.CheckpointInterval);

        // A digest that does not verify cannot be trusted to accuse the database, nor ignored.
        foreach (var found in witness.Digests)
        {
            if (!signer.Verify(found.Digest))
            {
                return state.Fail(AuditProblem.BadWitness, found.Digest.Sequence,
                    $"witness {found.Where} (sequence {found.Digest.Sequence}): its signature does not verify with the audit key {signer.KeyId}; the witness was altered or comes from another installation.");
            }

            state.Witnessed.TryAdd(found.Digest.Sequence, []);
            state.Witnessed[found.Digest.Sequence].Add(found);
        }

        // The head is read first: entries written while we verify lie beyond it and are checked next time.
        var head = await AuditRows.Head(db, ct);
        var end = head?.LastSequence ?? long.MaxValue;
        while (state.Last < end)
        {
            var after = state.Last;
            var batch = await AuditRows.Entries(db, after, end, BatchSize, ct);
            if (batch.Count == 0)
            {
                break;
            }

            var upTo = batch[^1].Entry.Sequence;
            var checkpoints = await AuditRows.Checkpoints(db, after, upTo, ct);
            foreach (var stored in batch)
            {
                if (Check(state, stored, checkpoints.GetValueOrDefault(stored.Entry.Sequence), signer) is { } failure)
                {
                    return failure;
                }
            }
        }

        return await CheckTail(db, signer, head, state, ct) ?? new AuditVerification(true, state.Count, state.Last, state.LastCheckpoint,
            state.CheckpointsVerified, AuditProblem.None, null, "", state.Hash, state.WitnessVerified, state.Witnessed.Count == 0 ? null : state.Witnessed.Keys.Max());
    }

    private static AuditVerification? Check(State state, StoredEntry stored, StoredCheckpoint? stamp, AuditSigner signer)
    {
        var entry = stored.Entry;
        var expected = state.Last + 1;
        if (entry.Sequence != expected)
        {
            return state.Fail(AuditProblem.Gap, expected,
                $"sequence {expected}: missing (gap: the entry after {state.Last} is {entry.Sequence}); entries were deleted.");
        }

        if (stored.Unreadable is { } column)
        {
            return state.Fail(AuditProblem.Unreadable, entry.Sequence,
                $"sequence {entry.Sequence}: its {column} is not a value the application writes; the row was edited in the database.");
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

        if (CheckCheckpoint(state, entry, stamp, signer) is { } failure)
        {
            return failure;
        }

        if (state.Witnessed.TryGetValue(entry.Sequence, out var witnessed))
        {
            foreach (var found in witnessed)
            {
                if (!string.Equals(found.Digest.Hash, entry.Hash, StringComparison.Ordinal))
                {
                    return state.Fail(AuditProblem.WitnessMismatch, entry.Sequence,
                        $"sequence {entry.Sequence}: differs from the hash witnessed for it at {AuditChain.FormatInstant(found.Digest.At)} ({found.Where}); the chain was rewritten or the database restored from another history.");
                }

                state.WitnessVerified++;
            }
        }

        state.Last = entry.Sequence;
        state.Hash = entry.Hash;
        state.Count++;
        return null;
    }

    private static AuditVerification? CheckCheckpoint(State state, AuditEntry entry, StoredCheckpoint? stamp, AuditSigner signer)
    {
        if (stamp is null)
        {
            // Checkpoints are written in the entry's own transaction at every multiple of the interval.
            return entry.Sequence % state.Interval == 0
                ? state.Fail(AuditProblem.MissingCheckpoint, entry.Sequence,
                    $"sequence {entry.Sequence}: its signed checkpoint is missing (one every {state.Interval} entries, Tandem:Audit:CheckpointInterval); the checkpoint row was deleted.")
                : null;
        }

        var checkpoint = stamp.Checkpoint;
        if (stamp.Unreadable is { } column)
        {
            return state.Fail(AuditProblem.Unreadable, entry.Sequence,
                $"sequence {entry.Sequence}: its checkpoint's {column} is not a value the application writes; the checkpoint row was edited.");
        }

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

        if (AuditChain.Normalize(checkpoint.At) != AuditChain.Normalize(entry.At))
        {
            return state.Fail(AuditProblem.CheckpointMismatch, entry.Sequence,
                $"sequence {entry.Sequence}: its checkpoint's time is not the entry's (both are written together); the checkpoint row was edited.");
        }

        state.LastCheckpoint = entry.Sequence;
        state.CheckpointsVerified++;
        return null;
    }

    private static async Task<AuditVerification?> CheckTail(TandemDbContext db, AuditSigner signer, StoredHead? head, State state, CancellationToken ct)
    {
        if (head?.LastSequence is not { } headSequence || head.LastHash is null)
        {
            return state.Fail(AuditProblem.HeadMismatch, Math.Max(state.Last, 1),
                $"sequence {Math.Max(state.Last, 1)}: the chain head row is missing or unreadable (the entries end at {state.Last}); it was deleted or edited.");
        }

        if (state.Last < headSequence)
        {
            return state.Fail(AuditProblem.Truncated, state.Last + 1,
                $"sequence {state.Last + 1}: truncated after {state.Last}: the chain head records {headSequence} entries; the newest were deleted.");
        }

        // A checkpoint is written in the same transaction as its entry, so one without its entry means the tail was cut,
        // even when the head row was rewritten to match. Signed ones prove it.
        if (await AuditRows.NewestOrphanCheckpoint(db, state.Last, ct) is { } orphan)
        {
            var c = orphan.Checkpoint;
            var signed = orphan.Unreadable is null && string.Equals(c.KeyId, signer.KeyId, StringComparison.Ordinal) && signer.Verify(c.Sequence, c.Hash, c.Signature);
            return state.Fail(AuditProblem.Truncated, state.Last + 1,
                $"sequence {state.Last + 1}: truncated after {state.Last}: {(signed ? "a signed" : "an (unverifiable)")} checkpoint names entry {c.Sequence}, which no longer exists.");
        }

        var expectedHash = state.Count == 0 ? AuditChain.GenesisHash : state.Hash;
        if (!string.Equals(head.LastHash, expectedHash, StringComparison.Ordinal))
        {
            return state.Fail(AuditProblem.HeadMismatch, Math.Max(state.Last, 1),
                $"sequence {Math.Max(state.Last, 1)}: the chain head's hash does not match the last entry; the head row or the entry was altered.");
        }

        // Read the newest entry before the head again: any entry committed by then is covered by the head.
        var newest = await AuditRows.NewestEntry(db, ct);
        var now = (await AuditRows.Head(db, ct))?.LastSequence ?? headSequence;
        if (newest > now)
        {
            return state.Fail(AuditProblem.HeadMismatch, now + 1,
                $"sequence {now + 1}: entries exist beyond the chain head ({now}); rows were inserted outside the application.");
        }

        if (state.Witnessed.Count > 0 && state.Witnessed.Keys.Max() is var witnessed && witnessed > state.Last)
        {
            var found = state.Witnessed[witnessed][0];
            return state.Fail(AuditProblem.RolledBack, state.Last + 1,
                $"sequence {state.Last + 1}: rolled back: the witness holds sequence {witnessed} (witnessed {AuditChain.FormatInstant(found.Digest.At)}, {found.Where}) but the chain ends at {state.Last}; the database was restored from an older copy or its newest entries were removed.");
        }

        return null;
    }

    private static string Short(string keyId) => keyId.Length <= 32 ? keyId : keyId[..32];

    private sealed class State(int interval)
    {
        public int Interval { get; } = Math.Max(1, interval);

        public long Last { get; set; }

        public string Hash { get; set; } = AuditChain.GenesisHash;

        public long Count { get; set; }

        public long? LastCheckpoint { get; set; }

        public int CheckpointsVerified { get; set; }

        public Dictionary<long, List<WitnessedDigest>> Witnessed { get; } = [];

        public int WitnessVerified { get; set; }

        public AuditVerification Fail(AuditProblem problem, long sequence, string message) =>
            new(false, Count, Last, LastCheckpoint, CheckpointsVerified, problem, sequence, message.ReplaceLineEndings(" "));
    }
}

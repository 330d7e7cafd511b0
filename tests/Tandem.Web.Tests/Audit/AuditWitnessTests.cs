using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Audit;

/// <summary>The witness outside the database: signed head digests in a file, and the verifier checking the chain against them.</summary>
public sealed class AuditWitnessTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Checkpoint_AppendsASignedHeadDigest_ToTheWitnessFile(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 14);

        var reading = await AuditTamper.WitnessReaches(factory, 14);

        // The first save after start is witnessed at once, the one that wrote checkpoint 10 right after it.
        var signer = factory.Services.GetRequiredService<AuditSigner>();
        var hashes = await factory.WithDb(db => db.AuditEntries.ToDictionaryAsync(e => e.Sequence, e => e.Hash));
        Assert.Equal(14, reading.Digests.Max(d => d.Digest.Sequence));
        Assert.All(reading.Digests, d =>
        {
            Assert.True(signer.Verify(d.Digest));
            Assert.Equal(hashes[d.Digest.Sequence], d.Digest.Hash);
        });
        Assert.Equal(Path.Combine(factory.Database.Folder, "audit-witness.jsonl"), factory.Services.GetRequiredService<AuditWitness>().Path);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_DatabaseRolledBackBehindTheWitness_NamesTheWitnessedSequence(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 21);
        var witness = await AuditTamper.WitnessReaches(factory, 21);
        await RollBackTo(factory, 12);

        var result = await Verify(factory, witness);

        Assert.Equal(AuditProblem.RolledBack, result.Problem);
        Assert.Equal(13, result.FirstBadSequence);
        Assert.Contains("the witness holds sequence 21", result.Message, StringComparison.Ordinal);
        Assert.True((await Verify(factory, WitnessReading.None)).Intact, "without the witness, the rolled-back database looks intact");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_ChainRewrittenAfterARollback_DiffersFromTheWitnessedHash(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 14);
        var witness = await AuditTamper.WitnessReaches(factory, 14);
        await RollBackTo(factory, 9);
        await AuditTamper.Append(factory, 12);

        var result = await Verify(factory, witness);

        Assert.Equal(AuditProblem.WitnessMismatch, result.Problem);
        Assert.Equal(14, result.FirstBadSequence);
        Assert.StartsWith("sequence 14: differs from the hash witnessed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ForgedWitnessDigest_IsABadWitnessNotAnAccusation()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        await AuditTamper.Append(factory, 5);
        using var stranger = AuditSigner.LoadOrCreate(new AuditOptions { KeyPath = Path.Combine(factory.Database.Folder, "stranger.pem") });
        var file = Path.Combine(factory.Database.Folder, "forged.jsonl");
        AuditWitnessFile.Append(file, stranger.SignDigest(400, new string('e', 64), DateTime.UtcNow));

        var result = await Verify(factory, AuditWitnessFile.Read(file, mustExist: true));

        Assert.Equal(AuditProblem.BadWitness, result.Problem);
        Assert.Contains("forged.jsonl line 1", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TornLastLine_IsSkippedAndTheNextDigestStartsAFreshLine()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        await AuditTamper.Append(factory, 14);
        var signer = factory.Services.GetRequiredService<AuditSigner>();
        var before = await AuditTamper.WitnessReaches(factory, 14);
        var path = before.Files[0];
        var whole = signer.SignDigest(14, await factory.WithDb(db => db.AuditEntries.Where(e => e.Sequence == 14).Select(e => e.Hash).SingleAsync()), DateTime.UtcNow);

        // A crash in the middle of a write leaves half a line.
        await File.AppendAllTextAsync(path, whole.ToJsonLine()[..40]);
        var torn = AuditWitnessFile.Read(path, mustExist: true);
        AuditWitnessFile.Append(path, whole);
        var after = AuditWitnessFile.Read(path, mustExist: true);

        Assert.Equal(1, torn.UnreadableLines);
        Assert.Equal(before.Digests.Count, torn.Digests.Count);
        Assert.Equal(before.Digests.Count + 1, after.Digests.Count);
        Assert.Equal(1, after.UnreadableLines);
        Assert.True((await Verify(factory, after)).Intact);
    }

    [Fact]
    public async Task Append_TwoWritersAtOnce_LeaveOnlyWholeLines()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "witness.jsonl");
        using var signer = AuditSigner.LoadOrCreate(new AuditOptions { KeyPath = Path.Combine(folder, "key.pem") });
        var hash = new string('f', 64);

        // Each append opens the file on its own, as the web app and the command line do.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(writer => Task.Run(() =>
        {
            for (var i = 1; i <= 100; i++)
            {
                AuditWitnessFile.Append(path, signer.SignDigest((writer * 1000) + i, hash, DateTime.UtcNow));
            }
        })));

        var reading = AuditWitnessFile.Read(path, mustExist: true);
        Assert.Equal(0, reading.UnreadableLines);
        Assert.Equal(200, reading.Digests.Count);
        Assert.All(reading.Digests, d => Assert.True(signer.Verify(d.Digest)));
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EntriesInARolledBackTransaction_AreNeverWitnessed(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 3);
            await factory.WithDb(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                for (var i = 0; i < 12; i++)
                {
                    db.Audit(AuditAction.View, "Document", "never");
                }

                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            });
        }

        // Stopping the app witnesses its last committed chain end: 3, never the 15 that was rolled back.
        var reading = AuditWitnessFile.Read(Path.Combine(database.Folder, "audit-witness.jsonl"), mustExist: true);
        Assert.Equal(3, reading.Digests.Max(d => d.Digest.Sequence));
    }

    [Fact]
    public async Task EntriesBetweenCheckpoints_AreWitnessedWithinAMinute_NotAtEverySave()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = Options.Create(new AuditOptions { KeyPath = Path.Combine(folder, "key.pem") });
        using var signer = AuditSigner.LoadOrCreate(options.Value);
        var clock = new ManualClock();
        await using var witness = new AuditWitness(options, signer, clock);

        witness.Committed(1, new string('1', 64), checkpoint: true);
        await Until(() => Count(witness) == 1);
        witness.Committed(2, new string('2', 64), checkpoint: false);
        witness.Committed(3, new string('3', 64), checkpoint: false);
        await Task.Delay(300);
        var beforeTheMinute = Count(witness);
        clock.Advance(AuditWitness.Period);
        await Until(() => Count(witness) == 2);

        Assert.Equal(1, beforeTheMinute);
        Assert.Equal([1L, 3L], witness.Read().Digests.Select(d => d.Digest.Sequence));

        static int Count(AuditWitness w) => w.Read().Digests.Count;
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "timed out");
    }

    /// <summary>What a database restored from an older copy looks like: a consistent chain ending at <paramref name="sequence"/>.</summary>
    internal static async Task RollBackTo(TandemFactory factory, long sequence)
    {
        var hash = await factory.WithDb(db => db.AuditEntries.Where(e => e.Sequence == sequence).Select(e => e.Hash).SingleAsync());
        await AuditTamper.Execute(factory,
            $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {sequence}",
            $"DELETE FROM \"AuditCheckpoints\" WHERE \"Sequence\" > {sequence}",
            $"UPDATE \"AuditHeads\" SET \"LastSequence\" = {sequence}, \"LastHash\" = '{hash}'");
    }

    /// <summary>A web host on the test's own database, which outlives the host (its witness file too).</summary>
    internal static TandemFactory Host(TestDatabase database) => new(database.Provider, settings: new Dictionary<string, string?>
    {
        ["ConnectionStrings:Tandem"] = database.ConnectionString,
        ["Tandem:Audit:KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        ["Tandem:Audit:CheckpointInterval"] = "10",
    });

    private static Task<AuditVerification> Verify(TandemFactory factory, WitnessReading witness) =>
        factory.WithDb(db => VerifyAuditChain.Handle(db, factory.Services.GetRequiredService<AuditSigner>(), witness, CancellationToken.None));

    /// <summary>A clock the test moves by hand, so "a minute later" takes no minute.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly List<(DateTimeOffset Due, TimerCallback Callback, object? State)> _timers = [];
        private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow()
        {
            lock (_timers)
            {
                return _now;
            }
        }

        public void Advance(TimeSpan by)
        {
            List<(DateTimeOffset Due, TimerCallback Callback, object? State)> due;
            lock (_timers)
            {
                _now += by;
                due = _timers.Where(t => t.Due <= _now).ToList();
                _timers.RemoveAll(t => t.Due <= _now);
            }

            foreach (var timer in due)
            {
                timer.Callback(timer.State);
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_timers)
            {
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    _timers.Add((_now + dueTime, callback, state));
                }
            }

            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Audit;

/// <summary>SECURITY.md row 15 in Core: the verifier names the first bad entry for each kind of tampering, on both databases.</summary>
public sealed class VerifyAuditChainTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_UntouchedChain_IsIntactWithCountsAndCheckpoints(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 35);

        var result = await Verify(factory);

        Assert.True(result.Intact, result.Message);
        Assert.Equal(35, result.Count);
        Assert.Equal(35, result.LastSequence);
        Assert.Equal(30, result.LastCheckpoint);
        Assert.Equal(3, result.CheckpointsVerified);
        Assert.Contains("35 entries", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_EmptyLog_IsIntact(string provider)
    {
        await using var factory = new TandemFactory(provider);

        var result = await Verify(factory);

        Assert.True(result.Intact, result.Message);
        Assert.Equal(0, result.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_EditedEntry_NamesItsSequenceAsHashMismatch(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 25);
        await AuditTamper.Execute(factory, "UPDATE \"AuditEntries\" SET \"Decision\" = 'allowed', \"ActorName\" = 'someone else' WHERE \"Sequence\" = 13");

        var result = await Verify(factory);

        Assert.False(result.Intact);
        Assert.Equal(AuditProblem.HashMismatch, result.Problem);
        Assert.Equal(13, result.FirstBadSequence);
        Assert.Equal(12, result.Count);
        Assert.Contains("sequence 13", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_EditedEntryWithRecomputedHash_IsABrokenLinkAtTheNextEntry(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 25);
        var entry = await factory.WithDb(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 13));
        entry.Details = "forged";
        var hash = AuditChain.ComputeHash(entry, entry.PreviousHash);
        await AuditTamper.Execute(factory, $"UPDATE \"AuditEntries\" SET \"Details\" = 'forged', \"Hash\" = '{hash}' WHERE \"Sequence\" = 13");

        var result = await Verify(factory);

        Assert.Equal(AuditProblem.BrokenLink, result.Problem);
        Assert.Equal(14, result.FirstBadSequence);
        Assert.Contains("13", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_ConsistentlyRewrittenChain_IsCaughtByTheSignedCheckpoint(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 25);
        await AuditTamper.RewriteChainFrom(factory, 13);

        var result = await Verify(factory);

        Assert.Equal(AuditProblem.CheckpointMismatch, result.Problem);
        Assert.Equal(20, result.FirstBadSequence);
        Assert.Contains("after 10 up to 20", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_DeletedMiddleEntry_IsAGapAtItsSequence(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 25);
        await AuditTamper.Execute(factory, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 7");

        var result = await Verify(factory);

        Assert.Equal(AuditProblem.Gap, result.Problem);
        Assert.Equal(7, result.FirstBadSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_NewestEntriesDeleted_IsATruncatedTail(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 25);
        await AuditTamper.Execute(factory, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > 22");

        var result = await Verify(factory);

        Assert.Equal(AuditProblem.Truncated, result.Problem);
        Assert.Equal(23, result.FirstBadSequence);
        Assert.Contains("truncated after 22", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_TailDeletedAndHeadRewritten_IsCaughtByTheLastSignedCheckpoint(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 25);
        var hash18 = await factory.WithDb(db => db.AuditEntries.Where(e => e.Sequence == 18).Select(e => e.Hash).SingleAsync());
        await AuditTamper.Execute(factory,
            "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > 18",
            $"UPDATE \"AuditHeads\" SET \"LastSequence\" = 18, \"LastHash\" = '{hash18}'");

        var result = await Verify(factory);

        Assert.Equal(AuditProblem.Truncated, result.Problem);
        Assert.Equal(19, result.FirstBadSequence);
        Assert.Contains("signed checkpoint names entry 20", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_ForgedCheckpointSignature_IsABadSignature(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await AuditTamper.Append(factory, 25);
        using var stranger = AuditSigner.LoadOrCreate(new AuditOptions { KeyPath = Path.Combine(factory.Database.Folder, "attacker-key.pem") });
        var checkpoint = await factory.WithDb(db => db.AuditCheckpoints.AsNoTracking().SingleAsync(c => c.Sequence == 20));
        var forged = stranger.Sign(20, checkpoint.Hash);
        await AuditTamper.Execute(factory, $"UPDATE \"AuditCheckpoints\" SET \"Signature\" = '{forged}' WHERE \"Sequence\" = 20");

        var result = await Verify(factory);

        Assert.Equal(AuditProblem.BadSignature, result.Problem);
        Assert.Equal(20, result.FirstBadSequence);
        Assert.Equal(10, result.LastCheckpoint);
    }

    [Fact]
    public async Task Verify_WithAnotherKey_RejectsTheFirstCheckpoint()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        await AuditTamper.Append(factory, 12);
        using var other = AuditSigner.LoadOrCreate(new AuditOptions { KeyPath = Path.Combine(factory.Database.Folder, "other-key.pem") });

        var result = await factory.WithDb(db => VerifyAuditChain.Handle(db, other, CancellationToken.None));

        Assert.Equal(AuditProblem.BadSignature, result.Problem);
        Assert.Equal(10, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_LongChain_ReadsInBatches()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, settings: new Dictionary<string, string?> { ["Tandem:Audit:CheckpointInterval"] = "500" });
        await factory.WithDb(async db =>
        {
            for (var i = 0; i < VerifyAuditChain.BatchSize * 2 + 17; i++)
            {
                db.Audit(AuditAction.View, "Document", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await db.SaveChangesAsync();
        });

        var result = await Verify(factory);

        Assert.True(result.Intact, result.Message);
        Assert.Equal(VerifyAuditChain.BatchSize * 2 + 17, result.Count);
        Assert.Equal(4, result.CheckpointsVerified);
    }

    private static Task<AuditVerification> Verify(TandemFactory factory) =>
        factory.WithDb(db => VerifyAuditChain.Handle(db, factory.Services.GetRequiredService<AuditSigner>(), CancellationToken.None));
}

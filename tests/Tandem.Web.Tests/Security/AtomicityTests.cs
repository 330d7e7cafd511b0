using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 14: the audit entry and the change commit together or not at all.</summary>
public sealed class AtomicityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FailureAfterWriteBeforeCommit_LeavesNeitherRecordNorAuditEntry(string provider)
    {
        await using var factory = new SecurityFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var script = factory.ClientFor(admin);
        var headBefore = await factory.WithDb(db => db.AuditHeads.AsNoTracking().SingleAsync());
        var entriesBefore = await factory.WithDb(db => db.AuditEntries.CountAsync());

        factory.FailAfterWrite.Arm();
        var failed = await script.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), new { iso3 = "KOR", nameEn = "Korea", capitalTimeZone = "Asia/Seoul" });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.False(await factory.WithDb(db => db.Parties.IgnoreQueryFilters().AnyAsync(p => p.Iso3 == "KOR")));
        Assert.Equal(entriesBefore, await factory.WithDb(db => db.AuditEntries.CountAsync()));
        var headAfter = await factory.WithDb(db => db.AuditHeads.AsNoTracking().SingleAsync());
        Assert.Equal(headBefore.LastSequence, headAfter.LastSequence);
        Assert.Equal(headBefore.LastHash, headAfter.LastHash);

        // The chain continues where it was: the retry takes the next sequence and the chain still verifies.
        var retried = await script.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), new { iso3 = "KOR", nameEn = "Korea", capitalTimeZone = "Asia/Seoul" });
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var created = await factory.WithDb(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == headBefore.LastSequence + 1));
        Assert.Equal("Party", created.ObjectType);
        var verification = await factory.WithDb(db => VerifyAuditChain.Handle(db, factory.Services.GetRequiredService<AuditSigner>(), CancellationToken.None));
        Assert.True(verification.Intact, verification.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UseCaseInsideAFailingTransaction_LeavesNeitherRecordNorAuditEntry(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var entriesBefore = await factory.WithDb(db => db.AuditEntries.CountAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.WithDb(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await Tandem.Core.Forums.PartyUseCases.Create(db, Tandem.Core.Common.Actor.System("test"),
                new Tandem.Core.Forums.PartyInput("KOR", "Korea", "", "Asia/Seoul"), CancellationToken.None);
            Assert.True(result.Succeeded);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.ObjectId == result.Value.Id.ToString()));
            throw new InvalidOperationException("the rest of the unit of work failed");
        }));

        Assert.False(await factory.WithDb(db => db.Parties.IgnoreQueryFilters().AnyAsync(p => p.Iso3 == "KOR")));
        Assert.Equal(entriesBefore, await factory.WithDb(db => db.AuditEntries.CountAsync()));
    }
}

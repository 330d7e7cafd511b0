using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 16: the application's own connection cannot change or remove audit history.</summary>
public sealed class AppendOnlyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AppConnection_UpdateOrDeleteOfAuditRows_IsRefusedByTheDatabase(string provider)
    {
        await using var factory = new TandemFactory(provider, settings: new Dictionary<string, string?> { ["Tandem:Audit:CheckpointInterval"] = "2" });
        await SecurityKit.SeedAgencies(factory);
        var before = await SecurityKit.AuditEntries(factory);
        Assert.True(before.Count >= 4);
        var checkpoints = await factory.WithDb(db => db.AuditCheckpoints.CountAsync());
        Assert.True(checkpoints >= 2);

        var statements = new[]
        {
            "UPDATE \"AuditEntries\" SET \"Details\" = 'rewritten' WHERE \"Sequence\" = 1",
            "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = (SELECT MAX(\"Sequence\") FROM \"AuditEntries\")",
            "DELETE FROM \"AuditEntries\"",
            "UPDATE \"AuditCheckpoints\" SET \"Hash\" = 'x'",
            "DELETE FROM \"AuditCheckpoints\"",
        };
        foreach (var sql in statements)
        {
            var error = await Record.ExceptionAsync(() => factory.WithDb(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.True(error is System.Data.Common.DbException, $"{sql} was not refused ({error?.GetType().Name})");
            Assert.Contains("append-only", error!.Message, StringComparison.Ordinal);
        }

        if (provider == TestDatabase.PostgreSQL)
        {
            var truncate = await Record.ExceptionAsync(() => factory.WithDb(db => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\", \"AuditCheckpoints\"")));
            Assert.IsAssignableFrom<System.Data.Common.DbException>(truncate);
        }

        var after = await SecurityKit.AuditEntries(factory);
        Assert.Equal(before.Select(e => (e.Sequence, e.Hash, e.Details)), after.Select(e => (e.Sequence, e.Hash, e.Details)));
        Assert.Equal(checkpoints, await factory.WithDb(db => db.AuditCheckpoints.CountAsync()));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Audit;

/// <summary>
/// What an attacker with direct database access does: switch off the append-only triggers
/// (SQLite: drop them; PostgreSQL: disable them as the table owner) and edit the rows.
/// </summary>
internal static class AuditTamper
{
    public static Task Execute(TandemFactory factory, params string[] statements) => factory.WithDb(async db =>
    {
        await DisableAppendOnly(factory, db);
        foreach (var sql in statements)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    });

    public static async Task DisableAppendOnly(TandemFactory factory, Tandem.Core.Data.TandemDbContext db)
    {
        if (factory.Provider == TestDatabase.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_delete\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditCheckpoints_no_update\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditCheckpoints_no_delete\"");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditCheckpoints\" DISABLE TRIGGER USER");
        }
    }

    /// <summary>Waits for the witness writer (a background loop) to record a chain end of at least <paramref name="sequence"/>.</summary>
    public static async Task<WitnessReading> WitnessReaches(TandemFactory factory, long sequence)
    {
        var witness = factory.Services.GetRequiredService<AuditWitness>();
        for (var i = 0; i < 200; i++)
        {
            var reading = witness.Read();
            if (reading.Digests.Any(d => d.Digest.Sequence >= sequence))
            {
                return reading;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The witness {witness.Path} did not reach sequence {sequence} within 10 s.");
    }

    /// <summary>Writes <paramref name="count"/> view entries in a few saves, so the chain spans several checkpoints.</summary>
    public static Task Append(TandemFactory factory, int count) => factory.WithDb(async db =>
    {
        for (var i = 1; i <= count; i++)
        {
            db.Audit(AuditAction.View, "Document", $"doc-{i}", label: "TLP:AMBER");
            if (i % 7 == 0 || i == count)
            {
                await db.SaveChangesAsync();
            }
        }
    });

    public static Task<long> LastSequence(TandemFactory factory) =>
        factory.WithDb(db => db.AuditHeads.AsNoTracking().Select(h => h.LastSequence).SingleAsync());

    /// <summary>Rewrites entries from <paramref name="from"/> on with recomputed hashes: a consistent forgery without the key.</summary>
    public static async Task RewriteChainFrom(TandemFactory factory, long from)
    {
        var entries = await factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from - 1).OrderBy(e => e.Sequence).ToListAsync());
        var previous = entries[0].Hash;
        var statements = new List<string>();
        foreach (var entry in entries.Skip(1))
        {
            if (entry.Sequence == from)
            {
                entry.Details = "nothing to see here";
            }

            entry.PreviousHash = previous;
            entry.Hash = AuditChain.ComputeHash(entry, previous);
            previous = entry.Hash;
            statements.Add($"UPDATE \"AuditEntries\" SET \"Details\" = '{entry.Details.Replace("'", "''", StringComparison.Ordinal)}', \"PreviousHash\" = '{entry.PreviousHash}', \"Hash\" = '{entry.Hash}' WHERE \"Sequence\" = {entry.Sequence}");
        }

        statements.Add($"UPDATE \"AuditHeads\" SET \"LastHash\" = '{previous}'");
        await Execute(factory, [.. statements]);
    }
}

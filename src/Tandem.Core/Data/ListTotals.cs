using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Caching.Memory;

namespace Tandem.Core.Data;

/// <summary>
/// How often a table has been written: a database trigger adds one to its row on every insert, update and delete,
/// in the writer's transaction, whoever writes (this instance, another instance, the command line or plain SQL).
/// </summary>
public sealed class ChangeStamp
{
    /// <summary>Tables whose writes are counted; each has a row seeded by the migration and triggers that bump it.</summary>
    public static readonly IReadOnlyList<string> Tables = ["Agencies", "Commitment", "CommitmentResponsibilities", "Documents", "Tracks"];

    public required string Name { get; init; }

    public long Stamp { get; set; }
}

internal sealed class ChangeStampConfiguration : IEntityTypeConfiguration<ChangeStamp>
{
    public void Configure(EntityTypeBuilder<ChangeStamp> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.HasData(ChangeStamp.Tables.Select(t => new ChangeStamp { Name = t, Stamp = 0 }));
    }
}

/// <summary>
/// Totals of the long lists (50,000 commitments, 100,000 documents), remembered until a table the count reads changes.
/// Counting every visible row again for each page is what made those lists cost a tenth of a second per request;
/// the rows of a page are always read fresh (ADR-012). The key holds the database, the SQL with its parameter values (so the
/// reader's party, agency, forums and filters) and the change stamps read before counting, so a total is never
/// reused for another reader, another filter or after a write.
/// </summary>
public static class ListTotals
{
    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public static async Task<int> CountAsync<T>(TandemDbContext db, IQueryable<T> query, IReadOnlyCollection<string> tables, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tables);

        // Read before counting: a write that commits in between changes the stamp, so the next reader counts again.
        var stamps = await db.ChangeStamps.AsNoTracking().Where(s => tables.Contains(s.Name))
            .OrderBy(s => s.Name).Select(s => s.Name + "=" + s.Stamp).ToListAsync(ct);
        if (stamps.Count != tables.Count)
        {
            return await query.CountAsync(ct);
        }

        var key = new Key(db.Database.GetConnectionString() ?? "", query.ToQueryString(), string.Join(';', stamps));
        if (Cache.TryGetValue(key, out int total))
        {
            return total;
        }

        total = await query.CountAsync(ct);
        Cache.Set(key, total, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return total;
    }

    private sealed record Key(string Database, string Sql, string Stamps);
}

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
/// the rows of a page are always read fresh (ADR-012). The key holds the database, the list, everything the caller's query
/// depends on (the reader as the access policy sees them, the forums, the filters, the day) and the change stamps read
/// before counting, so a total is never reused for another reader, another filter or after a write.
/// </summary>
public static class ListTotals
{
    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    /// <param name="list">Names the list and every value its query is built from; two calls with the same text must count the same rows.
    /// It replaces the query's SQL text as the key: rendering that SQL on every request took an EF Core lock per query shape, so
    /// concurrent requests of one list queued behind each other.</param>
    public static async Task<int> CountAsync<T>(TandemDbContext db, IQueryable<T> query, IReadOnlyCollection<string> tables, string list, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentException.ThrowIfNullOrEmpty(list);

        // Read before counting: a write that commits in between changes the stamp, so the next reader counts again.
        // All rows (a handful) without a parameter list, so EF Core reuses one cached command.
        var all = await db.ChangeStamps.AsNoTracking().Select(s => new { s.Name, s.Stamp }).ToListAsync(ct);
        var stamps = all.Where(s => tables.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.Name + "=" + s.Stamp).ToList();
        if (stamps.Count != tables.Count)
        {
            return await query.CountAsync(ct);
        }

        var key = new Key(db.Database.GetConnectionString() ?? "", list, string.Join(';', stamps));
        if (Cache.TryGetValue(key, out int total))
        {
            return total;
        }

        total = await query.CountAsync(ct);
        Cache.Set(key, total, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return total;
    }

    private sealed record Key(string Database, string List, string Stamps);
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Data;

namespace Tandem.Core.Common;

/// <summary>
/// Optimistic concurrency: the version the client loaded becomes the original value EF checks
/// in the UPDATE's WHERE clause, so a stale edit fails even if it races past the first check.
/// </summary>
public static class Concurrency
{
    public static async Task<Result<T>> SaveAsync<TEntity, T>(TandemDbContext db, TEntity entity, int expectedVersion, Action change, Func<T> result, CancellationToken ct)
        where TEntity : Entity
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(result);
        if (entity.Version != expectedVersion)
        {
            return Error.StaleVersion();
        }

        db.Entry(entity).Property(e => e.Version).OriginalValue = expectedVersion;
        change();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.StaleVersion();
        }

        return result();
    }
}

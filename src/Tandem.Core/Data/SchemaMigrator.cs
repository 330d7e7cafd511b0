using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tandem.Core.Data;

/// <summary>
/// Brings a database to the current schema, as the web app does on start and <c>tandem db migrate</c> does on demand.
/// Before the first release the migrations were squashed into one baseline per provider; a database made by an
/// earlier build records migrations this version no longer has, and migrating it would fail half-way on tables that
/// already exist. Such a database is refused up front with a message that says what to do.
/// </summary>
public static class SchemaMigrator
{
    public static async Task MigrateAsync(DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        var unknown = (await AppliedMigrations(database, cancellationToken))
            .Except(database.GetMigrations(), StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationException(
                $"{DatabaseSettings.ConnectionStringKey}: this database was created by a pre-release build of Tandem " +
                $"(it records the migration {unknown[0]}{(unknown.Count > 1 ? $" and {unknown.Count - 1} more" : "")}, " +
                "which this version does not have). Move it aside (the SQLite file, by default ./data/tandem.db) or drop it, " +
                "and start again: Tandem creates a new database.");
        }

        await database.MigrateAsync(cancellationToken);

        // Records written before search existed (or loaded outside the app) are indexed once, right after the migration.
        if (database.GetService<ICurrentDbContext>().Context is TandemDbContext db)
        {
            await Search.SearchIndex.BuildIfEmptyAsync(db, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> AppliedMigrations(DatabaseFacade database, CancellationToken cancellationToken)
    {
        try
        {
            return (await database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // A database that does not exist yet has no history; Migrate creates it, or reports why it cannot.
            return [];
        }
    }
}

using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Data;

namespace Tandem.Core.Backup;

/// <summary>A table's rows after a restore, beside what the backup's manifest says it held.</summary>
public sealed record RestoredTable(string Table, long Restored, long InManifest);

/// <summary>
/// Restores a verified backup into an empty database of either provider, in one transaction: a failure at any row leaves
/// the database as it was. Rows are inserted as they are, with their ids — the audit chain too, entry by entry, never
/// re-signed, so the restored chain verifies against the same key and checkpoints. PostgreSQL identity sequences are moved
/// past the restored ids, and the rows the migrations seed (reference rows, the audit head) are replaced by the backup's.
/// </summary>
public static class DatabaseRestore
{
    public static async Task<IReadOnlyList<RestoredTable>> RestoreAsync(TandemDbContext db, BackupArchive archive, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(archive);
        var manifest = archive.Manifest;
        var latest = db.Database.GetMigrations().LastOrDefault() ?? "";
        if (DatabaseBackup.MigrationName(latest) != manifest.Migration)
        {
            throw new BackupException($"{archive.Path} was made at schema {manifest.Migration}; this version of Tandem is at {DatabaseBackup.MigrationName(latest)}. "
                + "Restore it with the version of Tandem that made it, then upgrade.");
        }

        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "";
        if (applied != latest)
        {
            throw new BackupException($"{DatabaseSettings.ConnectionStringKey}: the target database is not migrated to {latest}; run `tandem db migrate` first.");
        }

        var tables = BackupTables.Of(db).Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var entry in manifest.Tables)
        {
            if (!tables.TryGetValue(entry.Table, out var table) || !table.Columns.Select(c => c.Name).SequenceEqual(entry.Columns, StringComparer.Ordinal))
            {
                throw new BackupException($"{archive.Path}: table {entry.Table} does not match this version's schema.");
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await RefuseNonEmpty(connection, tables.Values, ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (connection is SqliteConnection)
            {
                await Execute(connection, transaction, "PRAGMA defer_foreign_keys = ON", ct);
            }

            // Rows the migrations seeded go first, dependents before principals, so the backup's own take their place.
            foreach (var entry in manifest.Tables.AsEnumerable().Reverse())
            {
                if (tables[entry.Table].Seeded)
                {
                    await Execute(connection, transaction, $"DELETE FROM {tables[entry.Table].Quoted}", ct);
                }
            }

            var restored = new List<RestoredTable>();
            foreach (var entry in manifest.Tables)
            {
                var table = tables[entry.Table];
                await InsertRows(connection, transaction, table, archive.Rows(entry, ct), ct);
                restored.Add(new RestoredTable(entry.Table, await Count(connection, transaction, table, ct), entry.Rows));
            }

            if (restored.FirstOrDefault(r => r.Restored != r.InManifest) is { } wrong)
            {
                throw new BackupException(string.Create(CultureInfo.InvariantCulture,
                    $"{wrong.Table}: {wrong.Restored} rows after the restore, the backup holds {wrong.InManifest}; nothing was restored."));
            }

            if (db.Database.IsNpgsql())
            {
                await MoveSequencesPastRestoredIds(connection, transaction, ct);
            }

            await transaction.CommitAsync(ct);
            return restored;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task RefuseNonEmpty(DbConnection connection, IEnumerable<BackupTable> tables, CancellationToken ct)
    {
        foreach (var table in tables.Where(t => !t.Seeded).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var rows = await Count(connection, null, table, ct);
            if (rows > 0)
            {
                throw new BackupException(string.Create(CultureInfo.InvariantCulture,
                    $"the target database is not empty ({table.Name} holds {rows} rows): restore only into a new database, before the web app first starts on it."), targetNotEmpty: true);
            }
        }
    }

    private static async Task InsertRows(DbConnection connection, DbTransaction transaction, BackupTable table, IAsyncEnumerable<JsonElement> rows,
        CancellationToken ct)
    {
        var columns = string.Join(", ", table.Columns.Select(c => BackupTable.Quote(c.Name)));
        var values = string.Join(", ", table.Columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        var sql = $"INSERT INTO {table.Quoted} ({columns}) VALUES ({values})";
        if (table.SelfReferences.Count == 0)
        {
            await foreach (var row in rows)
            {
                await Insert(connection, transaction, table, sql, row, ct);
            }

            return;
        }

        // A row may name a parent in its own table (written in key order, not parents first): insert in rounds, parents first.
        var pending = new List<JsonElement>();
        await foreach (var row in rows)
        {
            pending.Add(row);
        }

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var ready = pending.Where(row => table.SelfReferences.All(r =>
                row.GetProperty(r.Column) is var parent
                && (parent.ValueKind == JsonValueKind.Null || inserted.Contains(r.Principal + "=" + parent.GetRawText())
                    || parent.GetRawText() == row.GetProperty(r.Principal).GetRawText()))).ToList();
            if (ready.Count == 0)
            {
                throw new BackupException($"{table.Name}: rows refer to parents the backup does not hold.");
            }

            foreach (var row in ready)
            {
                await Insert(connection, transaction, table, sql, row, ct);
                foreach (var (_, principal) in table.SelfReferences)
                {
                    inserted.Add(principal + "=" + row.GetProperty(principal).GetRawText());
                }
            }

            pending = pending.Except(ready).ToList();
        }
    }

    private static async Task Insert(DbConnection connection, DbTransaction transaction, BackupTable table, string sql, JsonElement row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (!row.TryGetProperty(column.Name, out var value))
            {
                throw new BackupException($"{table.Name}: a row has no {column.Name}.");
            }

            command.Parameters.Add(column.Parameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), column.FromJson(value)));
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ids were inserted explicitly, which leaves PostgreSQL's sequences at 1: the next insert would collide.</summary>
    private static async Task MoveSequencesPastRestoredIds(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var generated = new List<(string Table, string Column)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                generated.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, column) in generated)
        {
            var quotedTable = BackupTable.Quote(table);
            var quotedColumn = BackupTable.Quote(column);
            var literal = quotedTable.Replace("'", "''", StringComparison.Ordinal);
            await Execute(connection, transaction,
                $"SELECT setval(pg_get_serial_sequence('{literal}', '{column.Replace("'", "''", StringComparison.Ordinal)}'), "
                + $"COALESCE((SELECT MAX({quotedColumn}) FROM {quotedTable}), 1), (SELECT MAX({quotedColumn}) FROM {quotedTable}) IS NOT NULL)", ct);
        }
    }

    private static async Task<long> Count(DbConnection connection, DbTransaction? transaction, BackupTable table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM {table.Quoted}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}

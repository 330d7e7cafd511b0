using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tandem.Core.Data;

namespace Tandem.Core.Backup;

/// <summary>A file kept outside the database that belongs in the backup: its kind, entry name and how to copy it consistently.</summary>
public sealed record BackupFileSource(string Kind, string Entry, Func<Stream, CancellationToken, Task> CopyTo);

/// <summary>
/// Writes an online backup: every table of the model, read in one snapshot (PostgreSQL REPEATABLE READ, SQLite a read
/// transaction over its write-ahead log) so writers carry on and the backup is one moment of the database — an audit
/// entry is there exactly when the change it records is. Rows go as JSON lines per table, hashed as they are written;
/// <c>manifest.json</c> names each entry with its row count and SHA-256. The audit signing key is not read.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupManifest> WriteAsync(TandemDbContext db, Stream output, IReadOnlyList<BackupFileSource> files, TimeProvider clock,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(clock);
        var tables = BackupTables.Of(db);
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        if (applied.Count == 0)
        {
            throw new BackupException($"{DatabaseSettings.ConnectionStringKey}: the database has no schema yet; there is nothing to back up.");
        }

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var entries = new List<BackupTableEntry>();
        long lastSequence;
        string lastHash;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var snapshot = await BeginSnapshot(connection, ct);
            (lastSequence, lastHash) = await AuditEnd(connection, snapshot, ct);
            for (var i = 0; i < tables.Tables.Count; i++)
            {
                var table = tables.Tables[i];
                var name = string.Create(CultureInfo.InvariantCulture, $"tables/{i + 1:000}-{table.Name}.jsonl");
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                await using var entryStream = await entry.OpenAsync(ct);
                await using var hashing = new HashingStream(entryStream);
                var rows = await WriteTable(connection, snapshot, table, hashing, ct);
                await hashing.FlushAsync(ct);
                entries.Add(new BackupTableEntry(table.Name, name, rows, hashing.HashHex(), table.Columns.Select(c => c.Name).ToList()));
            }

            await snapshot.RollbackAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var fileEntries = new List<BackupFileEntry>();
        foreach (var file in files)
        {
            var entry = zip.CreateEntry(file.Entry, CompressionLevel.Fastest);
            await using var entryStream = await entry.OpenAsync(ct);
            await using var hashing = new HashingStream(entryStream);
            await file.CopyTo(hashing, ct);
            await hashing.FlushAsync(ct);
            fileEntries.Add(new BackupFileEntry(file.Kind, file.Entry, hashing.Written, hashing.HashHex()));
        }

        var manifest = new BackupManifest
        {
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Provider = db.Database.IsNpgsql() ? nameof(DatabaseProvider.PostgreSQL) : nameof(DatabaseProvider.Sqlite),
            MigrationId = applied[^1],
            Migration = MigrationName(applied[^1]),
            AuditKeyIncluded = false,
            AuditLastSequence = lastSequence,
            AuditLastHash = lastHash,
            Tables = entries,
            Files = fileEntries,
        };
        var manifestEntry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Fastest);
        await using (var stream = await manifestEntry.OpenAsync(ct))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, BackupManifest.Json, ct);
        }

        return manifest;
    }

    /// <summary>The name part of a migration id (<c>20261205083902_ListTotals</c> → <c>ListTotals</c>): equal across providers.</summary>
    public static string MigrationName(string migrationId)
    {
        ArgumentNullException.ThrowIfNull(migrationId);
        var underscore = migrationId.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? migrationId : migrationId[(underscore + 1)..];
    }

    private static async Task<DbTransaction> BeginSnapshot(DbConnection connection, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            // A deferred transaction takes its snapshot of the write-ahead log at the first read and keeps it to the end.
            return sqlite.BeginTransaction(deferred: true);
        }

        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SET TRANSACTION READ ONLY";
        await command.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    private static async Task<(long Sequence, string Hash)> AuditEnd(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT "LastSequence", "LastHash" FROM "AuditHeads" WHERE "Id" = 1""";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, "");
    }

    private static async Task<long> WriteTable(DbConnection connection, DbTransaction transaction, BackupTable table, Stream output, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = string.Join(", ", table.Columns.Select(c => BackupTable.Quote(c.Name)));
        var order = table.Key.Count == 0 ? "" : " ORDER BY " + string.Join(", ", table.Key.Select(BackupTable.Quote));
        command.CommandText = $"SELECT {columns} FROM {table.Quoted}{order}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        long rows = 0;
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = false });
        while (await reader.ReadAsync(ct))
        {
            writer.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                writer.WritePropertyName(table.Columns[i].Name);
                table.Columns[i].Write(writer, table.Columns[i].Read(reader, i));
            }

            writer.WriteEndObject();
            await writer.FlushAsync(ct);
            writer.Reset();
            output.WriteByte((byte)'\n');
            rows++;
        }

        return rows;
    }
}

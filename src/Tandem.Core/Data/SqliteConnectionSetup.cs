using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tandem.Core.Data;

/// <summary>
/// Sets each new SQLite connection up for many concurrent readers and one writer: write-ahead logging, so
/// readers never wait for the writer (every audited read is also a short write), and <c>synchronous=NORMAL</c>,
/// which in WAL mode syncs at checkpoints instead of at every commit and still never corrupts the database.
/// Pooled connections keep their native handle, so the pragmas run once per physical connection.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private static readonly ConditionalWeakTable<object, object> Prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetup(connection, out var sqlite))
        {
            using var command = Command(sqlite);
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSetup(connection, out var sqlite))
        {
            await using var command = Command(sqlite);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static bool NeedsSetup(DbConnection connection, out SqliteConnection sqlite)
    {
        sqlite = (SqliteConnection)connection;
        return sqlite.Handle is { } handle && Prepared.TryAdd(handle, handle);
    }

    private static SqliteCommand Command(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        return command;
    }
}

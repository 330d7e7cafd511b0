using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tandem.Core.Data;

namespace Tandem.Core.Audit;

/// <summary>An audit row as stored, with the first column that could not be read as the type the application writes.</summary>
internal sealed record StoredEntry(AuditEntry Entry, string? Unreadable);

internal sealed record StoredCheckpoint(AuditCheckpoint Checkpoint, string? Unreadable);

internal sealed record StoredHead(long? LastSequence, string? LastHash);

/// <summary>
/// Reads the audit tables cell by cell, for the verifier. Someone editing the database directly can put
/// text where a date or a user id belongs (SQLite keeps whatever it is given); reading such a row through
/// the EF model throws, which would stop the verifier instead of letting it name the edited entry.
/// The conversions are the ones EF uses when it reads these columns, so an untouched row reads the same.
/// </summary>
internal static class AuditRows
{
    private const string EntryColumns =
        "\"Sequence\", \"At\", \"ActorUserId\", \"ActorName\", \"ActorAgency\", \"Action\", \"ObjectType\", \"ObjectId\", \"Label\", \"Decision\", \"RequestId\", \"Details\", \"PreviousHash\", \"Hash\"";

    public static async Task<StoredHead?> Head(TandemDbContext db, CancellationToken ct)
    {
        StoredHead? head = null;
        await Read(db, "SELECT \"LastSequence\", \"LastHash\" FROM \"AuditHeads\" WHERE \"Id\" = 1", [], reader =>
        {
            var sequence = reader.IsDBNull(0) ? null : reader.GetValue(0) switch
            {
                long l => l,
                int i => (long?)i,
                _ => null,
            };
            head = new StoredHead(sequence, Text(reader, 1));
        }, ct);
        return head;
    }

    /// <summary>Entries with <paramref name="after"/> &lt; sequence ≤ <paramref name="upTo"/>, in sequence order, at most <paramref name="limit"/>.</summary>
    public static async Task<List<StoredEntry>> Entries(TandemDbContext db, long after, long upTo, int limit, CancellationToken ct)
    {
        var rows = new List<StoredEntry>();
        await Read(db, $"SELECT {EntryColumns} FROM \"AuditEntries\" WHERE \"Sequence\" > @after AND \"Sequence\" <= @upTo ORDER BY \"Sequence\" LIMIT @limit",
            [("after", after), ("upTo", upTo), ("limit", limit)], reader =>
            {
                string? unreadable = null;
                var entry = new AuditEntry { Sequence = reader.GetInt64(0) };
                if (Instant(reader, 1) is { } at)
                {
                    entry.At = at;
                }
                else
                {
                    unreadable ??= "time";
                }

                if (!reader.IsDBNull(2))
                {
                    if (UserId(reader, 2) is { } id)
                    {
                        entry.ActorUserId = id;
                    }
                    else
                    {
                        unreadable ??= "actor user id";
                    }
                }

                entry.ActorName = Text(reader, 3) ?? Missing(ref unreadable, "actor name");
                entry.ActorAgency = Text(reader, 4) ?? Missing(ref unreadable, "actor agency");
                entry.Action = Text(reader, 5) ?? Missing(ref unreadable, "action");
                entry.ObjectType = Text(reader, 6) ?? Missing(ref unreadable, "object type");
                entry.ObjectId = Text(reader, 7) ?? Missing(ref unreadable, "object id");
                entry.Label = Text(reader, 8) ?? Missing(ref unreadable, "label");
                entry.Decision = Text(reader, 9) ?? Missing(ref unreadable, "decision");
                entry.RequestId = Text(reader, 10) ?? Missing(ref unreadable, "request id");
                entry.Details = Text(reader, 11) ?? Missing(ref unreadable, "details");
                entry.PreviousHash = Text(reader, 12) ?? Missing(ref unreadable, "previous hash");
                entry.Hash = Text(reader, 13) ?? Missing(ref unreadable, "hash");
                rows.Add(new StoredEntry(entry, unreadable));
            }, ct);
        return rows;
    }

    public static async Task<Dictionary<long, StoredCheckpoint>> Checkpoints(TandemDbContext db, long after, long upTo, CancellationToken ct)
    {
        var rows = new Dictionary<long, StoredCheckpoint>();
        await Read(db, "SELECT \"Sequence\", \"Hash\", \"Signature\", \"KeyId\", \"At\" FROM \"AuditCheckpoints\" WHERE \"Sequence\" > @after AND \"Sequence\" <= @upTo",
            [("after", after), ("upTo", upTo)], reader =>
            {
                string? unreadable = null;
                var checkpoint = new AuditCheckpoint
                {
                    Sequence = reader.GetInt64(0),
                    Hash = Text(reader, 1) ?? Missing(ref unreadable, "hash"),
                    Signature = Text(reader, 2) ?? Missing(ref unreadable, "signature"),
                    KeyId = Text(reader, 3) ?? Missing(ref unreadable, "key id"),
                };
                if (Instant(reader, 4) is { } at)
                {
                    checkpoint.At = at;
                }
                else
                {
                    unreadable ??= "time";
                }

                rows[checkpoint.Sequence] = new StoredCheckpoint(checkpoint, unreadable);
            }, ct);
        return rows;
    }

    /// <summary>The newest checkpoint after <paramref name="after"/> whose entry no longer exists.</summary>
    public static async Task<StoredCheckpoint?> NewestOrphanCheckpoint(TandemDbContext db, long after, CancellationToken ct)
    {
        long? sequence = null;
        await Read(db,
            "SELECT c.\"Sequence\" FROM \"AuditCheckpoints\" c WHERE c.\"Sequence\" > @after AND NOT EXISTS (SELECT 1 FROM \"AuditEntries\" e WHERE e.\"Sequence\" = c.\"Sequence\") ORDER BY c.\"Sequence\" DESC LIMIT 1",
            [("after", after)], reader => sequence = reader.GetInt64(0), ct);
        if (sequence is not { } s)
        {
            return null;
        }

        var found = await Checkpoints(db, s - 1, s, ct);
        return found.GetValueOrDefault(s);
    }

    public static async Task<long> NewestEntry(TandemDbContext db, CancellationToken ct)
    {
        long newest = 0;
        await Read(db, "SELECT MAX(\"Sequence\") FROM \"AuditEntries\"", [], reader => newest = reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), ct);
        return newest;
    }

    private static async Task Read(TandemDbContext db, string sql, (string Name, object Value)[] parameters, Action<DbDataReader> row, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;

            // A verification inside a caller's transaction (a test rolling back its edit) must read what that transaction sees.
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                parameter.DbType = value is int ? DbType.Int32 : DbType.Int64;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                row(reader);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Missing(ref string? unreadable, string column)
    {
        unreadable ??= column;
        return "";
    }

    private static string? Text(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        try
        {
            return reader.GetString(ordinal);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException)
        {
            return null;
        }
    }

    private static DateTime? Instant(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        try
        {
            return DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static Guid? UserId(DbDataReader reader, int ordinal)
    {
        try
        {
            return reader.GetGuid(ordinal);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return null;
        }
    }
}

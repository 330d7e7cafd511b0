using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tandem.Core.Backup;

/// <summary>
/// What <c>manifest.json</c> of a backup says about the archive: enough to check every entry and to know whether
/// this version of Tandem can restore it. The audit signing key is never in a backup (see <see cref="AuditKeyIncluded"/>).
/// </summary>
public sealed record BackupManifest
{
    public const string Format = "tandem-backup";

    /// <summary>Raised when the layout of the archive changes; a restore refuses versions it does not know.</summary>
    public const int CurrentFormatVersion = 1;

    public const string EntryName = "manifest.json";

    public string FormatName { get; init; } = Format;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public DateTime CreatedAt { get; init; }

    /// <summary><c>Sqlite</c> or <c>PostgreSQL</c>: the database the backup was read from (a restore may target either).</summary>
    public string Provider { get; init; } = "";

    /// <summary>The last schema migration of the source, by name (the timestamped ids differ per provider).</summary>
    public string Migration { get; init; } = "";

    public string MigrationId { get; init; } = "";

    public bool AuditKeyIncluded { get; init; }

    public long AuditLastSequence { get; init; }

    public string AuditLastHash { get; init; } = "";

    /// <summary>One per table of the model, in the order a restore inserts them (principals before dependents).</summary>
    public IReadOnlyList<BackupTableEntry> Tables { get; init; } = [];

    /// <summary>Files kept outside the database (the trade store).</summary>
    public IReadOnlyList<BackupFileEntry> Files { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>A table's JSON-lines entry: one object per row, keyed by column name.</summary>
public sealed record BackupTableEntry(string Table, string Entry, long Rows, string Sha256, IReadOnlyList<string> Columns);

/// <summary>A file stored as it is, e.g. <c>trade/trade.duckdb</c>.</summary>
public sealed record BackupFileEntry(string Kind, string Entry, long Bytes, string Sha256);

/// <summary>A backup cannot be written, read or restored for a reason the operator can act on; the message says which.</summary>
public sealed class BackupException(string message, bool targetNotEmpty = false) : Exception(message)
{
    /// <summary>The backup is sound but the target already holds data.</summary>
    public bool TargetNotEmpty { get; } = targetNotEmpty;
}

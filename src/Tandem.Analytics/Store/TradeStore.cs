using System.Data.Common;
using DuckDB.NET.Data;

namespace Tandem.Analytics.Store;

/// <summary>
/// The trade store: one DuckDB file holding flows, the imports registry and the code lists.
/// One connection per store; operations are serialised by a gate so a web host can share one instance.
/// </summary>
public sealed class TradeStore : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DuckDBConnection _connection;

    private TradeStore(string path, DuckDBConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>Full path of the DuckDB file.</summary>
    public string Path { get; }

    /// <summary>Opens the store at <paramref name="path"/>, creating the file and its tables if needed.</summary>
    public static Result<TradeStore> Open(string path, TradeStoreOptions? options = null)
    {
        options ??= new TradeStoreOptions();
        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
            var directory = System.IO.Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Result<TradeStore>.Invalid($"cannot use trade store path '{path}': {ex.Message}");
        }

        DuckDBConnection? connection = null;
        try
        {
            connection = new DuckDBConnection($"Data Source={fullPath}");
            connection.Open();
            if (options.MemoryLimit is { } limit)
            {
                Sql.Execute(connection, $"SET memory_limit = {Sql.Literal(limit)}");
            }

            if (options.Threads is { } threads)
            {
                Sql.Execute(connection, $"SET threads = {threads}");
            }

            var migrated = TradeStoreSchema.Migrate(connection);
            if (!migrated.IsSuccess)
            {
                connection.Dispose();
                return migrated.Failure!;
            }

            return new TradeStore(fullPath, connection);
        }
        catch (DuckDBException ex)
        {
            connection?.Dispose();
            return Result<TradeStore>.Invalid($"cannot open trade store '{fullPath}': {FirstLine(ex.Message)}");
        }
    }

    /// <summary>Years present in the store for a source (all sources when null), ascending.</summary>
    public IReadOnlyList<int> ListYears(TradeSource? source = null)
    {
        // From the registry, not the flows: a year listed by an active import always has flows, and this reads
        // a handful of rows instead of scanning tens of millions.
        using var _ = Acquire();
        var where = source is null ? string.Empty : $"AND source = {Sql.Literal(SourceName(source.Value))}";
        return Sql.Query(_connection,
            $"SELECT DISTINCT unnest(years) AS year FROM imports WHERE superseded_by IS NULL {where} ORDER BY year",
            r => r.GetInt32(0));
    }

    /// <summary>Sources that have flows in the store.</summary>
    public IReadOnlyList<TradeSource> ListSources()
    {
        using var _ = Acquire();
        return Sql.Query(_connection, "SELECT DISTINCT source FROM imports WHERE superseded_by IS NULL ORDER BY source", r => ParseSource(r.GetString(0)));
    }

    /// <summary>The imports registry (the data versions), newest first; superseded imports only when asked.</summary>
    public IReadOnlyList<ImportRecord> ListImports(bool includeSuperseded = false)
    {
        using var _ = Acquire();
        return ReadImports(_connection, includeSuperseded ? "TRUE" : "superseded_by IS NULL");
    }

    /// <summary>How many flows the store holds for a year and source.</summary>
    public long CountFlows(int year, TradeSource source)
    {
        using var _ = Acquire();
        return Sql.Scalar<long>(_connection, "SELECT count(*) FROM flows WHERE year = ? AND source = ?", (short)year, SourceName(source));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    internal DuckDBConnection Connection => _connection;

    /// <summary>Serialises use of the single connection; dispose the returned value to release.</summary>
    internal Gate Acquire()
    {
        _gate.Wait();
        return new Gate(_gate);
    }

    internal static string SourceName(TradeSource source) => source switch
    {
        TradeSource.Baci => "baci",
        TradeSource.Comtrade => "comtrade",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    internal static TradeSource ParseSource(string name) => name switch
    {
        "baci" => TradeSource.Baci,
        "comtrade" => TradeSource.Comtrade,
        _ => throw new InvalidOperationException($"unknown source '{name}' in the store"),
    };

    internal static List<ImportRecord> ReadImports(DuckDBConnection connection, string where) =>
        Sql.Query(connection,
            $"""
            SELECT import_id, file_name, sha256, source, data_version, years, rows, bad_rows, skipped_rows, imported_at, superseded_by
            FROM imports WHERE {where} ORDER BY import_id DESC
            """,
            MapImport);

    internal static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    private static ImportRecord MapImport(DbDataReader r)
    {
        var years = ((System.Collections.IEnumerable)r.GetValue(5)).Cast<object>().Select(Convert.ToInt32).ToList();
        return new ImportRecord(
            r.GetInt32(0), r.GetString(1), r.GetString(2), ParseSource(r.GetString(3)), r.GetString(4), years,
            r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), DateTime.SpecifyKind(r.GetDateTime(9), DateTimeKind.Utc),
            r.IsDBNull(10) ? null : r.GetInt32(10));
    }

    internal readonly struct Gate(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

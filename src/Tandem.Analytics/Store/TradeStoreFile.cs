namespace Tandem.Analytics.Store;

/// <summary>The trade store as one file, for backup and restore.</summary>
public static class TradeStoreFile
{
    /// <summary>
    /// Copies a consistent image of the store: opening it takes DuckDB's file lock, so no other process writes while the
    /// copy runs (the web app holds the store only for one piece of work at a time, so this waits for it, up to
    /// <paramref name="wait"/>); a checkpoint first folds DuckDB's write-ahead log into the file, so the file alone is the store.
    /// </summary>
    public static async Task<Result<long>> CopyConsistentAsync(string path, Stream destination, TimeSpan wait, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var opened = TradeStore.Open(path);
            if (opened.IsSuccess)
            {
                using var store = opened.Value;
                Sql.Execute(store.Connection, "CHECKPOINT");
                await using var file = new FileStream(store.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                await file.CopyToAsync(destination, ct);
                return Result<long>.Ok(file.Length);
            }

            if (DateTime.UtcNow >= deadline)
            {
                return opened.Failure!;
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>Whether a store file exists and holds at least one import (a store the web app created empty holds none).</summary>
    public static bool HoldsData(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var opened = TradeStore.Open(path);
        if (!opened.IsSuccess)
        {
            // Locked or unreadable: treat it as holding data, so a restore never overwrites what it could not inspect.
            return true;
        }

        using var store = opened.Value;
        return store.ListImports(includeSuperseded: true).Count > 0;
    }
}

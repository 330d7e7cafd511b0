using Tandem.Analytics;
using Tandem.Analytics.Store;

namespace Tandem.Web.Evidence;

/// <summary>
/// Opens the trade store (<c>Tandem:Trade:Store</c>, default ./data/trade.duckdb) for one piece of work
/// and closes it again: DuckDB lets one process write a file at a time, and the CLI must be able to
/// import while the web app runs.
/// </summary>
public sealed class TradeStoreAccess(IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Path => System.IO.Path.GetFullPath(configuration["Tandem:Trade:Store"] is { Length: > 0 } p ? p : TradeStoreOptions.DefaultPath);

    public bool Exists => File.Exists(Path);

    public async Task<Result<T>> Use<T>(Func<TradeStore, Result<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Exists)
        {
            return Result<T>.NotFound("The trade store is empty: import trade data with `tandem trade import` first.");
        }

        await _gate.WaitAsync(ct);
        try
        {
            var opened = TradeStore.Open(Path);
            if (!opened.IsSuccess)
            {
                return opened.Failure!;
            }

            using var store = opened.Value;
            return work(store);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

namespace Tandem.Analytics.Store;

public sealed record TradeStoreOptions
{
    /// <summary>Where the application keeps its store unless told otherwise.</summary>
    public const string DefaultPath = "./data/trade.duckdb";

    /// <summary>
    /// DuckDB's buffer-manager limit (for example "2GB"); null leaves DuckDB's default (80% of RAM).
    /// Above it DuckDB spills to a temporary directory beside the store instead of growing.
    /// </summary>
    public string? MemoryLimit { get; init; }

    /// <summary>Worker threads for DuckDB; null uses every core.</summary>
    public int? Threads { get; init; }
}

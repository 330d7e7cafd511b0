namespace Tandem.Analytics.Store;

/// <summary>The source family of a flow; flows of different sources never mix in one screening.</summary>
public enum TradeSource
{
    Baci,
    Comtrade,
}

/// <summary>
/// One row of the store's <c>imports</c> registry: which file (by SHA-256) brought which years, in
/// which data version. Every analysis result lists the registry rows it was computed from.
/// </summary>
public sealed record ImportRecord(
    int ImportId,
    string FileName,
    string Sha256,
    TradeSource Source,
    string DataVersion,
    IReadOnlyList<int> Years,
    long Rows,
    long BadRows,
    long SkippedRows,
    DateTime ImportedAtUtc,
    int? SupersededBy);

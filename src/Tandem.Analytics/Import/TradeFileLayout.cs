using Tandem.Analytics.Store;

namespace Tandem.Analytics.Import;

/// <summary>
/// How one file format is read: the <c>read_csv</c> call that fills the staging table, and the SELECT that
/// turns staging rows into flows, each with a <c>problem</c> (a bad row, counted) or a <c>skip</c> flag
/// (a legitimate row that is not a flow, such as a Comtrade "World" total).
/// </summary>
/// <remarks>
/// The prepared SELECT yields, in order: <c>src_row, year, exporter, importer, hs6, value, quantity,
/// reporter, reported, problem, skip</c>, where <c>src_row</c> is the staging rowid (file order).
/// <c>ReplaceScope</c> gives, for the prepared view's name, the predicate on <c>flows</c> (beyond source and
/// year) of the rows that a new import replaces.
/// </remarks>
internal sealed record TradeFileLayout(
    TradeSource Source,
    string DataVersion,
    Func<string, string, string, string> StagingSelect,
    Func<string, string> PreparedSelect,
    Func<string, string> ReplaceScope);

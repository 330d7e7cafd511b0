using Tandem.Analytics.Store;

namespace Tandem.Analytics.Import;

/// <summary>
/// How one file format is read. <see cref="LoadSelect"/> is the SELECT (over DuckDB's <c>read_csv</c>, possibly via
/// a staging table made by <see cref="PrepareSql"/>) whose result becomes the import's own flows table. It yields
/// <c>year, exporter, importer, hs6, value, quantity, reporter, reported, problem, skip</c>: <c>problem</c> marks
/// a bad row (counted, reported with its line), <c>skip</c> a legitimate row that is not a flow (a Comtrade
/// "World" total). <see cref="RowOrder"/> is the expression, on that table, that follows the file's line order.
/// </summary>
/// <param name="ReplaceScope">For the new table's name, the predicate on an older table's rows (beyond source and year) that the new import replaces.</param>
/// <param name="WholeTableReplaced">True when an older import whose years are all covered is replaced whole (its table dropped).</param>
/// <param name="TolerantLoadSelect">A slower SELECT for files with quirks the fast one rejects; used when <paramref name="RetryTolerantWhen"/> matches a reject.</param>
/// <param name="RetryTolerantWhen">Predicate on DuckDB's reject table that calls for the tolerant SELECT.</param>
internal sealed record TradeFileLayout(
    TradeSource Source,
    string DataVersion,
    Func<string, string, string, string?> PrepareSql,
    Func<string, string, string, string> LoadSelect,
    string RowOrder,
    Func<string, string> ReplaceScope,
    bool WholeTableReplaced,
    Func<string, string, string, string>? TolerantLoadSelect = null,
    string? RetryTolerantWhen = null);

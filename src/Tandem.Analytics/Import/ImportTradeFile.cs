using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Import;

/// <summary>
/// Imports one trade file into the store. DuckDB's own parallel <c>read_csv</c> fills a staging table; rows are
/// validated in SQL; the good rows replace the same source's flows for the file's years in one transaction.
/// Idempotent per file: a file whose SHA-256 is the active import of its source is not read again.
/// Above <see cref="ImportRequest.MaxErrorShare"/> bad rows the import is refused and the store is unchanged.
/// </summary>
public static class ImportTradeFile
{
    private const int HashBufferSize = 1 << 20;

    public static async Task<Result<ImportSummary>> RunAsync(
        TradeStore store,
        ImportRequest request,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxErrorShare is < 0 or > 1 || double.IsNaN(request.MaxErrorShare))
        {
            return Result<ImportSummary>.Invalid($"max error share must be between 0 and 1, not {request.MaxErrorShare}");
        }

        var stopwatch = Stopwatch.StartNew();
        var fileName = Path.GetFileName(request.FilePath);
        string fullPath;
        long totalBytes;
        try
        {
            fullPath = Path.GetFullPath(request.FilePath);
            if (!File.Exists(fullPath))
            {
                return Result<ImportSummary>.NotFound($"file not found: {request.FilePath}");
            }

            totalBytes = new FileInfo(fullPath).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Result<ImportSummary>.Invalid($"cannot read {request.FilePath}: {ex.Message}");
        }

        string headerLine;
        try
        {
            headerLine = ReadHeaderLine(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Result<ImportSummary>.Invalid($"cannot read {request.FilePath}: {ex.Message}");
        }

        var layout = request.Format switch
        {
            TradeFileFormat.Baci => BaciCsvLayout.Create(fileName, headerLine, request.DataVersion),
            TradeFileFormat.Comtrade => ComtradeCsvLayout.Create(fileName, headerLine, request.DataVersion),
            _ => Result<TradeFileLayout>.Invalid($"unknown format {request.Format}"),
        };
        if (!layout.IsSuccess)
        {
            return layout.Failure!;
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var gate = store.Acquire();
        var connection = store.Connection;
        var sourceName = TradeStore.SourceName(layout.Value.Source);

        // Only a file of the same size as an active import can be that import again. Then the hash comes first, so
        // a repeated import is a quick no-op; otherwise the file is hashed while DuckDB reads it, which hides the
        // cost of hashing a 370 MB year behind the load.
        var sameSize = Sql.Scalar<long>(connection,
            "SELECT count(*) FROM imports WHERE superseded_by IS NULL AND source = ? AND size_bytes = ?", sourceName, totalBytes) > 0;
        Task<string> hashing;
        if (sameSize)
        {
            string sha;
            try
            {
                sha = await HashAsync(fullPath, totalBytes, progress, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Result<ImportSummary>.Invalid($"cannot read {request.FilePath}: {ex.Message}");
            }

            var active = TradeStore.ReadImports(connection,
                $"superseded_by IS NULL AND source = {Sql.Literal(sourceName)} AND sha256 = {Sql.Literal(sha)}");
            if (active.Count > 0)
            {
                var record = active[0];
                progress?.Report(new ImportProgress(ImportPhase.Done, totalBytes, totalBytes, 0));
                return new ImportSummary(ImportStatus.AlreadyImported, fileName, sha, record, 0, 0, 0, [], record.Years, [], stopwatch.Elapsed);
            }

            hashing = Task.FromResult(sha);
        }
        else
        {
            hashing = Task.Run(() => HashAsync(fullPath, totalBytes, null, cancellationToken), cancellationToken);
        }

        var token = Guid.NewGuid().ToString("N")[..12];
        var rejects = "import_rejects_" + token;
        var rejectScans = "import_reject_scans_" + token;
        var committed = false;
        using var transaction = connection.BeginTransaction();
        try
        {
            var importId = Sql.Scalar<int>(connection, "SELECT coalesce(max(import_id), 0) + 1 FROM imports");
            var table = FlowsView.TableName(importId);
            if (layout.Value.PrepareSql(fullPath, rejects, rejectScans) is { } prepare)
            {
                var prepared = Try(() => Sql.Execute(connection, prepare));
                if (!prepared.IsSuccess)
                {
                    return Result<ImportSummary>.Invalid($"cannot read {fileName}: {prepared.Failure!.Message}");
                }
            }

            void ReportReading(double percent) =>
                progress?.Report(new ImportProgress(ImportPhase.Reading, (long)(totalBytes * percent / 100.0), totalBytes, 0));
            var load = await ExecuteWithProgressAsync(
                connection, $"CREATE TABLE {table} AS {layout.Value.LoadSelect(fullPath, rejects, rejectScans)}", ReportReading, cancellationToken);
            if (load.IsSuccess && layout.Value is { TolerantLoadSelect: { } tolerant, RetryTolerantWhen: { } retryWhen }
                && Sql.Scalar<long>(connection, $"SELECT count(*) FROM {rejects} WHERE {retryWhen}") > 0)
            {
                Sql.Execute(connection, $"DROP TABLE {table}; DROP TABLE {rejects}; DROP TABLE {rejectScans}");
                load = await ExecuteWithProgressAsync(
                    connection, $"CREATE TABLE {table} AS {tolerant(fullPath, rejects, rejectScans)}", ReportReading, cancellationToken);
            }

            if (!load.IsSuccess)
            {
                return Result<ImportSummary>.Invalid($"cannot read {fileName}: {load.Failure!.Message}");
            }

            string sha256;
            try
            {
                sha256 = await hashing;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Result<ImportSummary>.Invalid($"cannot read {request.FilePath}: {ex.Message}");
            }

            var rejectedLines = Sql.Query(connection,
                $"SELECT line, string_agg(error_message, '; ') FROM {rejects} GROUP BY line ORDER BY line",
                r => new BadRow(r.GetInt64(0), TradeStore.FirstLine(r.GetString(1))));

            var perYear = Sql.Query(connection,
                $"""
                SELECT year,
                       count(*) FILTER (WHERE problem IS NULL AND NOT skip),
                       count(problem),
                       count(*) FILTER (WHERE problem IS NULL AND skip)
                FROM {table} GROUP BY year ORDER BY year
                """,
                r => (Year: r.IsDBNull(0) ? (int?)null : r.GetInt32(0), Good: r.GetInt64(1), Bad: r.GetInt64(2), Skipped: r.GetInt64(3)));
            var good = perYear.Sum(y => y.Good);
            var badInRows = perYear.Sum(y => y.Bad);
            var skipped = perYear.Sum(y => y.Skipped);
            var bad = badInRows + rejectedLines.Count;
            var years = perYear.Where(y => y.Year is not null && y.Good > 0).Select(y => y.Year!.Value).ToList();
            progress?.Report(new ImportProgress(ImportPhase.Validating, totalBytes, totalBytes, good));

            var firstBad = FirstBadRows(connection, table, layout.Value.RowOrder, rejectedLines, badInRows, request.MaxReportedBadRows);
            var total = good + bad + skipped;
            if (total == 0)
            {
                return Result<ImportSummary>.Invalid($"{fileName} has no data rows");
            }

            var share = (double)bad / total;
            if (share > request.MaxErrorShare || good == 0)
            {
                return Result<ImportSummary>.Invalid(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{fileName} refused, store unchanged: {bad:N0} bad rows of {total:N0} ({share:P2}) exceed the allowed {request.MaxErrorShare:P2}")
                    + DescribeBadRows(firstBad));
            }

            progress?.Report(new ImportProgress(ImportPhase.Writing, totalBytes, totalBytes, good));
            if (bad + skipped > 0)
            {
                Sql.Execute(connection, $"DELETE FROM {table} WHERE problem IS NOT NULL OR skip");
            }

            var yearList = "[" + string.Join(",", years.Select(y => y.ToString(CultureInfo.InvariantCulture))) + "]::INTEGER[]";
            var (replaced, shrunk) = ReplaceOlderImports(connection, layout.Value, sourceName, importId, table, years, yearList);

            // BACI: the screening summary, and with it the count of repeated pairs, is built here, in DuckDB, while
            // the new table is fresh in DuckDB's buffers, so the first screening after an import reads a summary
            // instead of aggregating every flow (ADR-0102). Comtrade keeps no summary (its screening reads the flows).
            Sql.Execute(connection,
                $"""
                INSERT INTO imports (import_id, file_name, sha256, size_bytes, source, data_version, years, rows, bad_rows, skipped_rows, imported_at, superseded_by, table_name, duplicate_pairs)
                VALUES (?, ?, ?, ?, ?, ?, {yearList}, ?, ?, ?, now()::TIMESTAMP, NULL, ?, NULL)
                """,
                importId, fileName, sha256, totalBytes, sourceName, layout.Value.DataVersion, good, bad, skipped, table);
            if (layout.Value.Source == TradeSource.Baci)
            {
                progress?.Report(new ImportProgress(ImportPhase.Summarising, totalBytes, totalBytes, good));
                ScreeningSummaries.BuildForNewImport(connection, importId, table);
                foreach (var older in shrunk)
                {
                    // An older import that kept some of its years: its summary, dropped with the rows it lost, is
                    // built again from the rows it keeps.
                    ScreeningSummaries.BuildInTransaction(connection, older.Id, older.Table, older.DuplicatePairs);
                }
            }

            FlowsView.Rebuild(connection);
            transaction.Commit();
            committed = true;
            var written = TradeStore.ReadImports(connection, $"import_id = {importId}")[0];
            progress?.Report(new ImportProgress(ImportPhase.Done, totalBytes, totalBytes, good));
            return new ImportSummary(ImportStatus.Imported, fileName, sha256, written, good, bad, skipped, firstBad, years, replaced, stopwatch.Elapsed);
        }
        finally
        {
            if (!committed)
            {
                transaction.Rollback();
            }

            Sql.Execute(connection, $"DROP TABLE IF EXISTS {rejects}");
            Sql.Execute(connection, $"DROP TABLE IF EXISTS {rejectScans}");
            Sql.Execute(connection, "DROP TABLE IF EXISTS import_comtrade_staging");
        }
    }

    /// <summary>
    /// Removes the rows that the new import replaces (same source, same years, within the layout's scope) and marks
    /// an older import superseded once none of its rows remain; its table is then dropped.
    /// </summary>
    private static (List<int> Replaced, List<(int Id, string Table, long? DuplicatePairs)> Shrunk) ReplaceOlderImports(
        DuckDBConnection connection, TradeFileLayout layout, string sourceName, int importId, string newTable, List<int> years, string yearList)
    {
        var replaced = new List<int>();
        var shrunk = new List<(int Id, string Table, long? DuplicatePairs)>();
        var candidates = Sql.Query(connection,
            $"SELECT import_id, table_name, list_has_all({yearList}, years), duplicate_pairs FROM imports WHERE superseded_by IS NULL AND source = ? AND list_has_any(years, {yearList})",
            r => (Id: r.GetInt32(0), Table: r.GetString(1), Covered: r.GetBoolean(2), Duplicates: r.IsDBNull(3) ? (long?)null : r.GetInt64(3)),
            sourceName);
        foreach (var (id, oldTable, covered, duplicates) in candidates)
        {
            // The older import loses rows either way: what was derived from its flows no longer holds.
            ScreeningSummaries.Invalidate(connection, id);
            var whole = covered && layout.WholeTableReplaced;
            if (!whole)
            {
                Sql.Execute(connection,
                    $"DELETE FROM {oldTable} WHERE year IN (SELECT unnest({yearList})) AND ({layout.ReplaceScope(newTable)})");
            }

            if (whole || Sql.Scalar<long>(connection, $"SELECT count(*) FROM {oldTable}") == 0)
            {
                Sql.Execute(connection, $"DROP TABLE {oldTable}");
                Sql.Execute(connection, "UPDATE imports SET superseded_by = ? WHERE import_id = ?", importId, id);
                replaced.Add(id);
            }
            else
            {
                // Deleting rows cannot create a repeated pair, so a known count of zero still holds.
                shrunk.Add((id, oldTable, duplicates == 0 ? 0 : null));
            }
        }

        _ = years;
        return (replaced, shrunk);
    }

    private static Result<bool> Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (DuckDBException ex)
        {
            return Result<bool>.Invalid(TradeStore.FirstLine(ex.Message));
        }
    }

    /// <summary>
    /// Line numbers of bad rows: rows rejected by the CSV reader carry their own line; a staged row's line is its
    /// position among the lines the reader kept (line 1 is the header), shifted past the rejected lines before it.
    /// </summary>
    private static List<BadRow> FirstBadRows(DuckDBConnection connection, string table, string rowOrder, List<BadRow> rejected, long badInRows, int limit)
    {
        var inRows = badInRows == 0
            ? []
            : Sql.Query(connection,
                // Rows appended inside a transaction carry transaction-local row ids (offset by a large base), so
                // a row's position is its id minus the table's first id.
                $"SELECT {rowOrder} - (SELECT min({rowOrder}) FROM {table}), problem FROM {table} WHERE problem IS NOT NULL ORDER BY {rowOrder} LIMIT {Math.Max(0, limit)}",
                r => (Row: r.GetInt64(0), Problem: r.GetString(1)));
        var result = new List<BadRow>(inRows.Count + Math.Min(rejected.Count, limit));
        var rejectIndex = 0;
        var skippedLines = 0L;
        foreach (var (row, problem) in inRows)
        {
            var line = row + 2 + skippedLines;
            while (rejectIndex < rejected.Count && rejected[rejectIndex].Line <= line)
            {
                rejectIndex++;
                skippedLines++;
                line++;
            }

            result.Add(new BadRow(line, problem));
        }

        result.AddRange(rejected.Take(limit));
        return result.OrderBy(b => b.Line).Take(limit).ToList();
    }

    private static string DescribeBadRows(List<BadRow> rows) =>
        rows.Count == 0 ? string.Empty : "; first bad lines: " + string.Join("; ", rows.Select(r => $"line {r.Line}: {r.Reason}"));

    private static string ReadHeaderLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[64 * 1024];
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var end = Array.IndexOf(buffer, (byte)'\n', 0, n);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? n : end).TrimStart('\uFEFF').TrimEnd('\r');
    }

    private static async Task<string> HashAsync(string path, long totalBytes, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[HashBufferSize];
        long read = 0;
        var lastReport = 0L;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            read += n;
            if (read - lastReport >= 16 * HashBufferSize || read == totalBytes)
            {
                lastReport = read;
                progress?.Report(new ImportProgress(ImportPhase.Hashing, read, totalBytes, 0));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Runs a long statement while polling DuckDB's own progress (the reader's share of the file).</summary>
    private static async Task<Result<bool>> ExecuteWithProgressAsync(
        DuckDBConnection connection, string sql, Action<double> onProgress, CancellationToken cancellationToken)
    {
        Sql.Execute(connection, "SET enable_progress_bar = true");
        Sql.Execute(connection, "SET enable_progress_bar_print = false");
        using var command = Sql.Command(connection, sql);
        using var registration = cancellationToken.Register(command.Cancel);
        var execution = Task.Run(() =>
        {
            try
            {
                command.ExecuteNonQuery();
                return Result<bool>.Ok(true);
            }
            catch (DuckDBException ex)
            {
                return Result<bool>.Invalid(TradeStore.FirstLine(ex.Message));
            }
        }, CancellationToken.None);

        while (!execution.IsCompleted)
        {
            await Task.WhenAny(execution, Task.Delay(100, CancellationToken.None));
            var percent = connection.GetQueryProgress().Percentage;
            if (percent >= 0)
            {
                onProgress(percent);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await execution;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Import;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;
using Tandem.Analytics.Synth;

// Trade store benchmark (C6): import vs plain read_csv, screening vs a hand-written SQL baseline, CLI peak memory,
// and `tandem trade import` of every year plus the first one-party screening vs the same work in hand-written SQL.
// Usage: dotnet run -c Release --project bench/Tandem.Bench.Trade -- [--data DIR] [--flows N] [--runs R] [--cli PATH/tandem.dll] [--seed S]
//        [--report FILE] [--only import|screening|cli|first-screen] [--store FILE.duckdb (screening: reuse this three-year store)]
var options = BenchOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Directory.CreateDirectory(options.DataDirectory);
var work = Path.Combine(Path.GetTempPath(), "tandem-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
try
{
    Say($"# Trade store benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    Say($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; load average at start: {LoadAverage()}");
    Say($"data: {options.FlowsPerYear:N0} synthetic BACI-shaped flows per year, years {string.Join(",", options.Years)}, seed {options.Seed}, in {options.DataDirectory}");

    // Data: BACI-shaped synthetic years (reused when present with the same seed and size).
    var files = new List<string>();
    foreach (var year in options.Years)
    {
        var path = Path.Combine(options.DataDirectory, TradeSynth.FileNameFor(year, options.Seed));
        var expectedLines = options.FlowsPerYear + 1;
        if (!File.Exists(path) || CountLines(path) != expectedLines)
        {
            var sw = Stopwatch.StartNew();
            var written = TradeSynth.Write(new SynthRequest([year], options.FlowsPerYear, options.Seed, options.DataDirectory));
            if (!written.IsSuccess)
            {
                throw new InvalidOperationException(written.Failure!.Message);
            }

            Say($"synth {year}: {sw.Elapsed.TotalSeconds:F1} s, {new FileInfo(path).Length / 1e6:F0} MB");
        }

        files.Add(path);
    }

    var lastYear = options.Years[^1];
    var lastFile = files[^1];
    Say(string.Empty);

    // (a) Import of one year: TradeStore vs CREATE TABLE AS SELECT * FROM read_csv(...).
    if (options.Only is null or "import")
    {
        var ours = new List<double>();
        var baseline = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            // Alternate the order so that neither side always runs on a warmer page cache.
            var order = run % 2 == 0 ? new[] { "ours", "baseline" } : ["baseline", "ours"];
            foreach (var side in order)
            {
                var db = Path.Combine(work, $"{side}-{run}.duckdb");
                if (side == "ours")
                {
                    using var store = TradeStore.Open(db).Value;
                    var sw = Stopwatch.StartNew();
                    var result = await ImportTradeFile.RunAsync(store, new ImportRequest(lastFile, TradeFileFormat.Baci));
                    ours.Add(sw.Elapsed.TotalSeconds);
                    if (!result.IsSuccess || result.Value.Rows != options.FlowsPerYear)
                    {
                        throw new InvalidOperationException("import failed: " + (result.Failure?.Message ?? $"{result.Value.Rows} rows"));
                    }
                }
                else
                {
                    using var connection = new DuckDBConnection($"Data Source={db}");
                    connection.Open();
                    var sw = Stopwatch.StartNew();
                    Execute(connection, $"CREATE TABLE flows AS SELECT * FROM read_csv('{lastFile}')");
                    baseline.Add(sw.Elapsed.TotalSeconds);
                }

                DeleteDatabase(db);
            }
        }

        Say("## (a) import of one year");
        Say($"TradeStore import (SHA-256, read_csv, validation, code mapping, registry): runs {Runs(ours)} s, median {Median(ours):F2} s");
        Say($"baseline CREATE TABLE AS SELECT * FROM read_csv(...):                      runs {Runs(baseline)} s, median {Median(baseline):F2} s");
        Say($"ratio {Median(ours) / Median(baseline):F2} (target ≤ 1.5)");
        Say(string.Empty);
    }

    // (b) Screening of all importers for one year, three years in the store.
    var store3 = options.StorePath ?? Path.Combine(work, "three-years.duckdb");
    if (options.Only is null or "screening")
    {
        using (var store = TradeStore.Open(store3).Value)
        {
            // A reused store (--store) already holds the three years.
            var toImport = store.ListImports().Count == files.Count ? [] : files;
            foreach (var file in toImport)
            {
                var imported = await ImportTradeFile.RunAsync(store, new ImportRequest(file, TradeFileFormat.Baci));
                if (!imported.IsSuccess)
                {
                    throw new InvalidOperationException(imported.Failure!.Message);
                }
            }

            var first = Stopwatch.StartNew();
            var cold = ScreenDependencies.Run(store, new ScreeningRequest(lastYear));
            var coldSeconds = first.Elapsed.TotalSeconds;
            if (!cold.IsSuccess)
            {
                throw new InvalidOperationException(cold.Failure!.Message);
            }

            // A second connection to the same file shares the store's in-process database.
            using var connection = new DuckDBConnection($"Data Source={store.Path}");
            connection.Open();
            var screenOurs = new List<double>();
            var screenBaseline = new List<double>();
            var screenBaselineUnique = new List<double>();
            long baselineRows = 0;
            for (var run = 0; run < options.Runs; run++)
            {
                var sw = Stopwatch.StartNew();
                var result = ScreenDependencies.Run(store, new ScreeningRequest(lastYear));
                screenOurs.Add(sw.Elapsed.TotalSeconds);
                if (result.Value.Rows.Count != cold.Value.Rows.Count)
                {
                    throw new InvalidOperationException("screening is not stable between runs");
                }

                sw.Restart();
                baselineRows = Count(connection, BaselineSql(lastYear, sumDuplicatePairs: true));
                screenBaseline.Add(sw.Elapsed.TotalSeconds);
                sw.Restart();
                Count(connection, BaselineSql(lastYear, sumDuplicatePairs: false));
                screenBaselineUnique.Add(sw.Elapsed.TotalSeconds);
            }

            if (baselineRows != cold.Value.Rows.Count)
            {
                throw new InvalidOperationException($"baseline has {baselineRows} rows, TradeStore {cold.Value.Rows.Count}");
            }

            var largestDifference = CompareWithBaseline(connection, BaselineSql(lastYear, sumDuplicatePairs: false), cold.Value.Rows);

            Say("## (b) screening, all importers of one year, three years in the store (rows read into .NET for both)");
            Say($"rows: {cold.Value.Rows.Count:N0} (party × product), dependent {cold.Value.Rows.Count(r => r.Dependent):N0}, persistent {cold.Value.Rows.Count(r => r.Persistent):N0}");
            Say($"every row equal to the unique-pair baseline's: codes, counts and flags exactly, numbers within a relative {largestDifference:G2}");
            Say(options.StorePath is null
                ? $"TradeStore first run after the imports (their summaries were built by the imports): {coldSeconds:F2} s"
                : $"TradeStore first run on the reused store {options.StorePath}: {coldSeconds:F2} s");
            Say($"TradeStore ScreenDependencies.Run:                      runs {Runs(screenOurs)} s, median {Median(screenOurs):F2} s");
            Say($"baseline SQL, literal spec (sums duplicate pairs):      runs {Runs(screenBaseline)} s, median {Median(screenBaseline):F2} s");
            Say($"baseline SQL, assuming unique pairs (as BACI):          runs {Runs(screenBaselineUnique)} s, median {Median(screenBaselineUnique):F2} s");
            Say($"ratio vs literal baseline {Median(screenOurs) / Median(screenBaseline):F2}, vs unique-pair baseline {Median(screenOurs) / Median(screenBaselineUnique):F2} (target ≤ 1.5 and < 3 s)");
            Say(string.Empty);
        }
    }

    // (d) What a user does after downloading the years: `tandem trade import` of all of them, then the first screening
    // of one party, against the same work written by hand in DuckDB SQL on the same files (a fresh DuckDB file, one
    // read_csv of every file, the one-party screening query over BACI's own codes). Alternating order, median.
    if (options.Only is null or "first-screen")
    {
        Say("## (d) `tandem trade import` of every year + first `tandem trade screen --party JPN`, vs hand-written DuckDB SQL");
        if (options.CliPath is null || !File.Exists(options.CliPath))
        {
            Say($"skipped: CLI not found at {options.CliPath ?? "(none)"}; build it with `dotnet build -c Release src/Tandem.Cli` or pass --cli");
        }
        else
        {
            var ours = new List<double>();
            var oursCpu = new List<double>();
            var oursImport = new List<double>();
            var hand = new List<double>();
            var handCpu = new List<double>();
            var handImport = new List<double>();
            var peaks = new List<double>();
            var output = Path.Combine(work, "jpn.csv");
            long handRows = 0;
            for (var run = 0; run < options.Runs; run++)
            {
                var order = run % 2 == 0 ? new[] { "ours", "hand" } : ["hand", "ours"];
                foreach (var side in order)
                {
                    var db = Path.Combine(work, $"first-{side}-{run}.duckdb");
                    if (side == "ours")
                    {
                        var import = PeakMemory.Run(options.CliPath, ["trade", "import", "--format", "baci", .. files, "--store", db]);
                        var screen = PeakMemory.Run(options.CliPath,
                            ["trade", "screen", "--party", "JPN", "--year", lastYear.ToString(invariant), "--store", db, "--out", output]);
                        if (import.Exit != 0 || screen.Exit != 0)
                        {
                            throw new InvalidOperationException($"CLI failed: import exit {import.Exit}, screen exit {screen.Exit}");
                        }

                        ours.Add(import.Seconds + screen.Seconds);
                        oursImport.Add(import.Seconds);
                        oursCpu.Add(import.CpuSeconds + screen.CpuSeconds);
                        peaks.Add(Math.Max(import.PeakMb, screen.PeakMb));
                        var written = CountLines(output) - 1;
                        if (handRows > 0 && written != handRows)
                        {
                            throw new InvalidOperationException($"tandem screened {written} rows for JPN, the hand-written SQL {handRows}");
                        }
                    }
                    else
                    {
                        var process = Process.GetCurrentProcess();
                        var cpu = process.TotalProcessorTime;
                        var sw = Stopwatch.StartNew();
                        using (var connection = new DuckDBConnection($"Data Source={db}"))
                        {
                            connection.Open();
                            Execute(connection, $"CREATE TABLE flows AS SELECT * FROM read_csv([{string.Join(", ", files.Select(f => $"'{f}'"))}])");
                            handImport.Add(sw.Elapsed.TotalSeconds);
                            handRows = Count(connection, HandOnePartySql(lastYear, "JPN"));
                        }

                        hand.Add(sw.Elapsed.TotalSeconds);
                        process.Refresh();
                        handCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
                    }

                    DeleteDatabase(db);
                }
            }

            Say($"tandem import + first screen, wall:    runs {Runs(ours)} s, median {Median(ours):F2} s (import alone: median {Median(oursImport):F2} s)");
            Say($"hand-written SQL, wall:                runs {Runs(hand)} s, median {Median(hand):F2} s (read_csv alone: median {Median(handImport):F2} s)");
            Say($"tandem CPU (user + system):            runs {Runs(oursCpu)} s, median {Median(oursCpu):F2} s");
            Say($"hand-written SQL CPU (bench process):  runs {Runs(handCpu)} s, median {Median(handCpu):F2} s");
            Say($"ratio wall {Median(ours) / Median(hand):F2}, CPU {Median(oursCpu) / Median(handCpu):F2} (target ≤ 1.2); JPN rows {handRows:N0} on both sides");
            Say($"tandem peak RSS (largest of the two commands): runs {Runs(peaks)} MB, max {peaks.Max():F0} MB (target ≤ 2,048 MB)");
        }

        Say(string.Empty);
    }

    // (c) Peak memory of the tandem CLI as a child process.
    Say("## (c) peak memory of the `tandem` CLI (child process, peak RSS)");
    if (options.Only is not (null or "cli"))
    {
        Say($"skipped: --only {options.Only}");
    }
    else if (options.CliPath is null || !File.Exists(options.CliPath))
    {
        Say($"skipped: CLI not found at {options.CliPath ?? "(none)"}; build it with `dotnet build -c Release src/Tandem.Cli` or pass --cli");
    }
    else
    {
        var one = Path.Combine(work, "cli-one.duckdb");
        var three = Path.Combine(work, "cli-three.duckdb");
        var output = Path.Combine(work, "screen.csv");
        var cases = new (string Label, string[] Args)[]
        {
            ("import 1 year", ["trade", "import", "--format", "baci", lastFile, "--store", one]),
            ("import 3 years", ["trade", "import", "--format", "baci", .. files, "--store", three]),
            ("screen all importers, 1 year in store", ["trade", "screen", "--party", "all", "--year", lastYear.ToString(invariant), "--store", one, "--out", output]),
            ("screen all importers, 3 years in store", ["trade", "screen", "--party", "all", "--year", lastYear.ToString(invariant), "--store", three, "--out", output]),
            ("screen USA, 3 years in store", ["trade", "screen", "--party", "USA", "--year", lastYear.ToString(invariant), "--store", three, "--out", output]),
        };
        foreach (var (label, cliArgs) in cases)
        {
            var (exit, seconds, peakMb, _) = PeakMemory.Run(options.CliPath, cliArgs);
            Say($"{label}: exit {exit}, {seconds:F1} s, peak RSS {peakMb:F0} MB{(peakMb < 3072 ? string.Empty : "  ← over the 3 GB target")}");
        }
    }

    Say(string.Empty);
    Say($"load average at end: {LoadAverage()}");
    if (options.ReportPath is not null)
    {
        File.WriteAllText(options.ReportPath, report.ToString());
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string BaselineSql(int year, bool sumDuplicatePairs)
{
    // The obvious hand-written query for the same columns, straight over the flows view.
    var pairs = sumDuplicatePairs
        ? $"SELECT year, exporter, importer, hs6, sum(value) AS v FROM flows WHERE source = 'baci' AND year BETWEEN {year - 2} AND {year} GROUP BY ALL HAVING sum(value) > 0"
        : $"SELECT year, exporter, importer, hs6, value AS v FROM flows WHERE source = 'baci' AND year BETWEEN {year - 2} AND {year} AND value > 0";
    return $"""
        WITH f AS ({pairs}),
        w AS (SELECT year, hs6, exporter, sum(v) AS w FROM f GROUP BY ALL),
        hw AS (SELECT year, hs6, sum(w * w) / (sum(w) ^ 2) AS hhi_w FROM w GROUP BY ALL),
        m AS (SELECT year, importer, hs6, sum(v) AS m, count(*) AS n, sum(v * v) / (sum(v) ^ 2) AS hhi,
                     arg_min(exporter, (-v, exporter)) AS top, max(v) / sum(v) AS top_share,
                     sum(v) FILTER (WHERE exporter IN ('CHN', 'RUS', 'PRK', 'IRN')) / sum(v) AS concern,
                     sum(v) FILTER (WHERE exporter IN ('USA', 'JPN', 'AUS', 'CAN', 'DEU', 'FRA', 'GBR', 'ITA', 'KOR', 'NLD', 'NZL')) / sum(v) AS ally
              FROM f GROUP BY ALL),
        d AS (SELECT m.*, coalesce(w.w, 0) AS x, CASE WHEN coalesce(w.w, 0) = 0 THEN 9999 ELSE m.m / w.w END AS ratio, hw.hhi_w,
                     m.hhi > 0.4 AND hw.hhi_w > 0.4 AND (CASE WHEN coalesce(w.w, 0) = 0 THEN 9999 ELSE m.m / w.w END) > 1 AS dependent
              FROM m JOIN hw USING (year, hs6) LEFT JOIN w ON w.year = m.year AND w.hs6 = m.hs6 AND w.exporter = m.importer)
        SELECT d.importer, d.year, d.hs6, p.description, d.m, d.n, d.hhi, d.top, d.top_share, coalesce(d.concern, 0), coalesce(d.ally, 0),
               d.x, d.ratio, d.hhi_w, d.dependent,
               (SELECT count(*) FILTER (WHERE e.dependent) FROM d e WHERE e.importer = d.importer AND e.hs6 = d.hs6) >= 2 AS persistent
        FROM d LEFT JOIN products p USING (hs6)
        WHERE d.year = {year}
        ORDER BY d.importer, d.hs6
        """;
}

// The one-party screening as someone would write it by hand over the raw BACI columns (t, i, j, k, v): BACI's own
// country codes, no validation, no code mapping, unique pairs assumed. Same definitions and thresholds as GeoDep.
static string HandOnePartySql(int year, string party)
{
    var codes = TradeCodeLists.Default.BaciCountries.Where(c => !c.Name.Contains("(...", StringComparison.Ordinal))
        .GroupBy(c => c.Iso3).ToDictionary(g => g.Key, g => g.First().Code);
    string List(IEnumerable<string> iso3) => string.Join(", ", iso3.Select(c => codes[c].ToString(CultureInfo.InvariantCulture)));
    var parameters = new ScreeningParameters();
    return $"""
        WITH f AS (SELECT t AS year, i AS exporter, j AS importer, k AS hs6, v FROM flows WHERE t BETWEEN {year - 2} AND {year} AND v > 0),
        w AS (SELECT year, hs6, exporter, sum(v) AS w FROM f GROUP BY ALL),
        hw AS (SELECT year, hs6, sum(w * w) / (sum(w) ^ 2) AS hhi_w FROM w GROUP BY ALL),
        m AS (SELECT year, importer, hs6, sum(v) AS m, count(*) AS n, sum(v * v) / (sum(v) ^ 2) AS hhi,
                     arg_min(exporter, (-v, exporter)) AS top, max(v) / sum(v) AS top_share,
                     sum(v) FILTER (WHERE exporter IN ({List(parameters.ConcernCountries)})) / sum(v) AS concern,
                     sum(v) FILTER (WHERE exporter IN ({List(parameters.Allies)})) / sum(v) AS ally
              FROM f WHERE importer = {codes[party]} GROUP BY ALL),
        d AS (SELECT m.*, coalesce(w.w, 0) AS x, CASE WHEN coalesce(w.w, 0) = 0 THEN 9999 ELSE m.m / w.w END AS ratio, hw.hhi_w,
                     m.hhi > 0.4 AND hw.hhi_w > 0.4 AND (CASE WHEN coalesce(w.w, 0) = 0 THEN 9999 ELSE m.m / w.w END) > 1 AS dependent
              FROM m JOIN hw USING (year, hs6) LEFT JOIN w ON w.year = m.year AND w.hs6 = m.hs6 AND w.exporter = m.importer)
        SELECT d.*, count(*) FILTER (WHERE dependent) OVER (PARTITION BY importer, hs6) >= 2 AS persistent
        FROM d QUALIFY year = {year} ORDER BY hs6
        """;
}

static void Execute(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

// Reads every row and every column into .NET, as the TradeStore side does, so both sides pay the same transfer.
static long Count(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    long rows = 0;
    var values = new object[reader.FieldCount];
    while (reader.Read())
    {
        reader.GetValues(values);
        rows++;
    }

    return rows;
}

// Checks every row of the screening against the baseline query's row in the same place (both ordered by party and
// product): codes, counts and flags must be equal, numbers equal up to floating-point summation order. Returns the
// largest relative difference of a number.
static double CompareWithBaseline(DuckDBConnection connection, string sql, IReadOnlyList<ScreeningRow> rows)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    var largest = 0.0;
    var index = 0;
    while (reader.Read())
    {
        var row = rows[index];
        var same = reader.GetString(0) == row.Party && reader.GetInt32(1) == row.Year && reader.GetString(2) == row.Hs6
            && reader.GetInt64(5) == row.Suppliers && reader.GetString(7) == row.TopSupplier
            && reader.GetBoolean(14) == row.Dependent && reader.GetBoolean(15) == row.Persistent;
        if (!same)
        {
            throw new InvalidOperationException($"row {index} differs from the baseline: {row}");
        }

        double[] ours = [row.Imports, row.HhiImports, row.TopShare, row.ConcernShare, row.AllyShare, row.Exports, row.ImportExportRatio, row.HhiWorld];
        int[] columns = [4, 6, 8, 9, 10, 11, 12, 13];
        for (var c = 0; c < columns.Length; c++)
        {
            var theirs = reader.GetDouble(columns[c]);
            var difference = Math.Abs(theirs - ours[c]) / Math.Max(Math.Abs(theirs), double.Epsilon);
            if (difference > 1e-9)
            {
                throw new InvalidOperationException($"row {index} column {columns[c]}: baseline {theirs:R}, TradeStore {ours[c]:R}");
            }

            largest = Math.Max(largest, difference);
        }

        index++;
    }

    return index == rows.Count ? largest : throw new InvalidOperationException($"baseline has {index} rows, TradeStore {rows.Count}");
}

static long CountLines(string path)
{
    long lines = 0;
    var buffer = new byte[1 << 20];
    using var stream = File.OpenRead(path);
    int n;
    while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
    {
        lines += buffer.AsSpan(0, n).Count((byte)'\n');
    }

    return lines;
}

static void DeleteDatabase(string path)
{
    File.Delete(path);
    File.Delete(path + ".wal");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Runs(List<double> values) => string.Join(" / ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tandem.Analytics.Import;

namespace Tandem.Cli.Commands.Trade;

/// <summary><c>tandem trade import --format baci|comtrade FILE...</c></summary>
internal static class ImportCommand
{
    public static Command Build()
    {
        var format = new Option<string>("--format")
        {
            Description = "File layout: baci (CEPII BACI t,i,j,k,v,q) or comtrade (UN Comtrade bulk CSV)",
            Required = true,
        };
        TradeCli.OneOf(format, "baci", "comtrade");
        var files = new Argument<string[]>("files") { Description = "Files to import", Arity = ArgumentArity.OneOrMore };
        var store = TradeCli.StoreOption();
        var dataVersion = new Option<string?>("--data-version") { Description = "Data version to record (default: from the file name, e.g. \"BACI HS22 V202501\")" };
        var maxErrorShare = new Option<double>("--max-error-share")
        {
            Description = "Refuse a file (store unchanged) above this share of bad rows",
            DefaultValueFactory = _ => 0.01,
        };

        var command = new Command("import", "Import trade files into the store (idempotent per file; a newer file for a year replaces it)");
        command.Options.Add(format);
        command.Arguments.Add(files);
        command.Options.Add(store);
        command.Options.Add(dataVersion);
        command.Options.Add(maxErrorShare);
        command.SetAction((parseResult, ct) => TradeCli.Guard(parseResult, async () =>
        {
            var share = parseResult.GetValue(maxErrorShare);
            if (TradeCli.CheckFraction(share, "--max-error-share") is { } badShare)
            {
                return TradeCli.Fail(parseResult, badShare);
            }

            var paths = parseResult.GetValue(files) ?? [];
            var missing = paths.FirstOrDefault(p => !File.Exists(p));
            if (missing is not null)
            {
                return TradeCli.Fail(parseResult, $"file not found: {missing}");
            }

            var opened = TradeCli.OpenStore(parseResult, store);
            if (!opened.IsSuccess)
            {
                return TradeCli.Fail(parseResult, opened.Failure!);
            }

            using var tradeStore = opened.Value;
            var fileFormat = parseResult.GetValue(format) == "comtrade" ? TradeFileFormat.Comtrade : TradeFileFormat.Baci;
            foreach (var path in paths)
            {
                var request = new ImportRequest(path, fileFormat) { DataVersion = parseResult.GetValue(dataVersion), MaxErrorShare = share };
                var result = await RunWithProgressBar(tradeStore, request, ct);
                if (!result.IsSuccess)
                {
                    return TradeCli.Fail(parseResult, result.Failure!);
                }

                PrintSummary(result.Value);
            }

            AnsiConsole.MarkupLine($"store: {Markup.Escape(tradeStore.Path)}");
            return TradeCli.Ok;
        }));
        return command;
    }

    private static async Task<Tandem.Analytics.Result<ImportSummary>> RunWithProgressBar(
        Tandem.Analytics.Store.TradeStore store, ImportRequest request, CancellationToken ct)
    {
        Tandem.Analytics.Result<ImportSummary> result = default;
        var name = Markup.Escape(Path.GetFileName(request.FilePath));
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(name, maxValue: Math.Max(1, new FileInfo(request.FilePath).Length));
                var progress = new SynchronousProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesRead;
                    var rows = p.Rows > 0 ? string.Create(CultureInfo.InvariantCulture, $", {p.Rows:N0} rows") : string.Empty;
                    task.Description = $"{name} [grey]{p.Phase.ToString().ToLowerInvariant()}{rows}[/]";
                });
                result = await ImportTradeFile.RunAsync(store, request, progress, ct);
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static void PrintSummary(ImportSummary s)
    {
        var name = Markup.Escape(s.FileName);
        if (s.Status == ImportStatus.AlreadyImported)
        {
            AnsiConsole.MarkupLine($"[yellow]{name}: already imported[/] (import #{s.Record!.ImportId}, {Markup.Escape(s.Record.DataVersion)}); skipped");
            return;
        }

        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]{name}[/]: {s.Rows:N0} rows, {s.BadRows:N0} bad, {s.SkippedRows:N0} skipped; years {string.Join(",", s.Years)}; {Markup.Escape(s.Record!.DataVersion)}; import #{s.Record.ImportId} in {s.Elapsed.TotalSeconds:F1} s"));
        if (s.ReplacedImportIds.Count > 0)
        {
            AnsiConsole.MarkupLine($"  replaced import(s) #{string.Join(", #", s.ReplacedImportIds)}");
        }

        foreach (var bad in s.FirstBadRows)
        {
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [red]line {bad.Line}[/]: {Markup.Escape(bad.Reason)}"));
        }
    }

    /// <summary>Reports on the importing thread, so the bar follows the import without a synchronisation context.</summary>
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

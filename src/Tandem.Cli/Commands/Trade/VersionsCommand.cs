using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Tandem.Cli.Commands.Trade;

/// <summary><c>tandem trade versions</c>: the imports registry (data versions and years in the store).</summary>
internal static class VersionsCommand
{
    public static Command Build()
    {
        var all = new Option<bool>("--all") { Description = "Include superseded imports" };
        var store = TradeCli.StoreOption();
        var command = new Command("versions", "List the data versions (imports) and years in the trade store");
        command.Options.Add(all);
        command.Options.Add(store);
        command.SetAction((parseResult, ct) => TradeCli.Guard(parseResult, () =>
        {
            var opened = TradeCli.OpenStore(parseResult, store);
            if (!opened.IsSuccess)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, opened.Failure!));
            }

            using var tradeStore = opened.Value;
            var table = new Table().AddColumns("import", "source", "data version", "years", "rows", "bad", "file", "imported (UTC)", "superseded by");
            foreach (var i in tradeStore.ListImports(parseResult.GetValue(all)))
            {
                table.AddRow(
                    i.ImportId.ToString(CultureInfo.InvariantCulture), i.Source.ToString(), Markup.Escape(i.DataVersion), string.Join(",", i.Years),
                    i.Rows.ToString("N0", CultureInfo.InvariantCulture), i.BadRows.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(i.FileName),
                    i.ImportedAtUtc.ToString("u", CultureInfo.InvariantCulture), i.SupersededBy?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"years: {string.Join(", ", tradeStore.ListYears())}");
            return Task.FromResult(TradeCli.Ok);
        }));
        return command;
    }
}

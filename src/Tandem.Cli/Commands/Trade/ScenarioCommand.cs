using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tandem.Analytics.Export;
using Tandem.Analytics.Scenario;
using Tandem.Analytics.Store;

namespace Tandem.Cli.Commands.Trade;

/// <summary><c>tandem trade scenario --suppliers … --targets … [--products …|--basket NAME] [--cut f] [--redirect α] --year YYYY --out FILE</c></summary>
internal static class ScenarioCommand
{
    public static Command Build()
    {
        var suppliers = new Option<string?>("--suppliers") { Description = "Suppliers that cut their exports (ISO3,…)", Required = true };
        var targets = new Option<string?>("--targets") { Description = "Parties hit by the cut (ISO3,…; EUR for the European Union)", Required = true };
        var products = new Option<string?>("--products") { Description = "HS6 codes cut (comma-separated); default every product" };
        var basket = new Option<string?>("--basket") { Description = "Products of this basket" };
        var cut = new Option<double>("--cut") { Description = "Fraction f of the suppliers' exports that is cut (0..1)", DefaultValueFactory = _ => 1.0 };
        var redirect = new Option<double>("--redirect") { Description = "Share α of allies' spare exports that can be redirected (0..1)", DefaultValueFactory = _ => 0.25 };
        var allies = new Option<string?>("--allies") { Description = "Allies who could substitute (default: forum parties and like-minded list)" };
        var year = new Option<int>("--year") { Description = "Year of the trade data", Required = true };
        var source = new Option<string?>("--source") { Description = "baci or comtrade" };
        TradeCli.OneOf(source, "baci", "comtrade");
        var output = new Option<string>("--out") { Description = "Result file: .csv, .xlsx or .json", Required = true };
        var store = TradeCli.StoreOption();
        var save = new SaveAnalysis();

        var command = new Command("scenario", "Disruption scenario: lost value, ally substitution capacity and residual gap per target and product; "
            + "writes the result file and, with --as, saves it to the platform as a labelled analysis");
        foreach (var option in new Option[] { suppliers, targets, products, basket, cut, redirect, allies, year, source, output, store })
        {
            command.Options.Add(option);
        }

        save.AddTo(command);
        command.SetAction((parseResult, ct) => TradeCli.Guard(parseResult, async () =>
        {
            var outPath = parseResult.GetValue(output)!;
            if (TradeCli.CheckOutput(outPath, "--out") is { } badOut)
            {
                return TradeCli.Fail(parseResult, badOut);
            }

            if ((TradeCli.CheckFraction(parseResult.GetValue(cut), "--cut") ?? TradeCli.CheckFraction(parseResult.GetValue(redirect), "--redirect")) is { } badFraction)
            {
                return TradeCli.Fail(parseResult, badFraction);
            }

            var supplierList = TradeCli.CountryList(parseResult, suppliers);
            var targetList = TradeCli.CountryList(parseResult, targets, parties: true);
            var allyList = TradeCli.CountryList(parseResult, allies, parties: true);
            var productList = TradeCli.ProductList(parseResult, products);
            foreach (var failure in new[] { supplierList.Failure, targetList.Failure, allyList.Failure, productList.Failure })
            {
                if (failure is not null)
                {
                    return TradeCli.Fail(parseResult, failure);
                }
            }

            var (target, exit) = await save.Prepare(parseResult, ct);
            if (exit != TradeCli.Ok)
            {
                return exit;
            }

            await using var saveTo = target;
            var opened = TradeCli.OpenStore(parseResult, store);
            if (!opened.IsSuccess)
            {
                return TradeCli.Fail(parseResult, opened.Failure!);
            }

            var request = new ScenarioRequest(supplierList.Value!, targetList.Value!, parseResult.GetValue(year))
            {
                Products = productList.Value,
                Basket = parseResult.GetValue(basket),
                Cut = parseResult.GetValue(cut),
                Redirect = parseResult.GetValue(redirect),
                Allies = allyList.Value,
                Source = parseResult.GetValue(source) switch { "baci" => TradeSource.Baci, "comtrade" => TradeSource.Comtrade, _ => null },
            };
            Tandem.Analytics.Result<ScenarioResult> result;
            using (var tradeStore = opened.Value)
            {
                result = TradeCli.WithStatus(
                    string.Create(CultureInfo.InvariantCulture, $"scenario: {string.Join(",", request.Suppliers)} cut {request.Cut * 100:0.#}% to {string.Join(",", request.Targets)}, {request.Year}"),
                    () => RunDisruptionScenario.Run(tradeStore, request));
            }

            if (!result.IsSuccess)
            {
                return TradeCli.Fail(parseResult, result.Failure!);
            }

            var written = ResultWriter.Write(result.Value.ToTable(), outPath);
            if (!written.IsSuccess)
            {
                return TradeCli.Fail(parseResult, written.Failure!);
            }

            var rows = result.Value.Rows;
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count:N0} target × product pairs hit; lost {rows.Sum(r => r.LostValue):N0}, substitutable {rows.Sum(r => r.SubstitutionCapacity):N0}, residual gap {rows.Sum(r => r.ResidualGap):N0} (thousand USD)"));
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"largest {Math.Min(10, rows.Count)} residual gaps of {rows.Count:N0} (every row is in the file)")));
            var table = new Table().AddColumns("target", "hs6", "lost", "capacity", "gap");
            foreach (var r in rows.Take(10))
            {
                table.AddRow(r.Target, r.Hs6, r.LostValue.ToString("N0", CultureInfo.InvariantCulture),
                    r.SubstitutionCapacity.ToString("N0", CultureInfo.InvariantCulture), r.ResidualGap.ToString("N0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            foreach (var total in result.Value.BasketTotals)
            {
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"  basket {Markup.Escape(total.Basket)}: lost {total.LostValue:N0}, capacity {total.SubstitutionCapacity:N0}, gap {total.ResidualGap:N0}"));
            }

            AnsiConsole.MarkupLine($"written: {Markup.Escape(written.Value)}");
            if (saveTo is null)
            {
                SaveAnalysis.Hint(parseResult);
                return TradeCli.Ok;
            }

            return await saveTo.Save(parseResult, result.Value.ToDraft(), ct);
        }));
        return command;
    }
}

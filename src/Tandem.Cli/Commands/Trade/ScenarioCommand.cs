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
        var targets = new Option<string?>("--targets") { Description = "Parties hit by the cut (ISO3,…)", Required = true };
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

        var command = new Command("scenario", "Disruption scenario: lost value, ally substitution capacity and residual gap per target and product");
        foreach (var option in new Option[] { suppliers, targets, products, basket, cut, redirect, allies, year, source, output, store })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, ct) => TradeCli.Guard(parseResult, () =>
        {
            var outPath = parseResult.GetValue(output)!;
            if (TradeCli.CheckOutput(outPath, "--out") is { } badOut)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, badOut));
            }

            if ((TradeCli.CheckFraction(parseResult.GetValue(cut), "--cut") ?? TradeCli.CheckFraction(parseResult.GetValue(redirect), "--redirect")) is { } badFraction)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, badFraction));
            }

            var supplierList = TradeCli.CountryList(parseResult, suppliers);
            var targetList = TradeCli.CountryList(parseResult, targets);
            var allyList = TradeCli.CountryList(parseResult, allies);
            var productList = TradeCli.ProductList(parseResult, products);
            foreach (var failure in new[] { supplierList.Failure, targetList.Failure, allyList.Failure, productList.Failure })
            {
                if (failure is not null)
                {
                    return Task.FromResult(TradeCli.Fail(parseResult, failure));
                }
            }

            var opened = TradeCli.OpenStore(parseResult, store);
            if (!opened.IsSuccess)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, opened.Failure!));
            }

            using var tradeStore = opened.Value;
            var result = RunDisruptionScenario.Run(tradeStore, new ScenarioRequest(supplierList.Value!, targetList.Value!, parseResult.GetValue(year))
            {
                Products = productList.Value,
                Basket = parseResult.GetValue(basket),
                Cut = parseResult.GetValue(cut),
                Redirect = parseResult.GetValue(redirect),
                Allies = allyList.Value,
                Source = parseResult.GetValue(source) switch { "baci" => TradeSource.Baci, "comtrade" => TradeSource.Comtrade, _ => null },
            });
            if (!result.IsSuccess)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, result.Failure!));
            }

            var written = ResultWriter.Write(result.Value.ToTable(), outPath);
            if (!written.IsSuccess)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, written.Failure!));
            }

            var rows = result.Value.Rows;
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count:N0} target × product pairs hit; lost {rows.Sum(r => r.LostValue):N0}, substitutable {rows.Sum(r => r.SubstitutionCapacity):N0}, residual gap {rows.Sum(r => r.ResidualGap):N0} (thousand USD)"));
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
            return Task.FromResult(TradeCli.Ok);
        }));
        return command;
    }
}

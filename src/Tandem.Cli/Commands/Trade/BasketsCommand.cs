using System.CommandLine;
using Spectre.Console;
using Tandem.Analytics.CodeLists;

namespace Tandem.Cli.Commands.Trade;

/// <summary><c>tandem trade baskets</c>: the product baskets per strategic sector.</summary>
internal static class BasketsCommand
{
    public static Command Build()
    {
        var command = new Command("baskets", "List the product baskets (strategic sectors) and their HS6 codes");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("basket", "products", "hs6 codes");
            foreach (var basket in ProductBaskets.All)
            {
                table.AddRow(Markup.Escape(basket.Name), basket.Products.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(" ", basket.Codes));
            }

            AnsiConsole.Write(table);
            return TradeCli.Ok;
        });
        return command;
    }
}

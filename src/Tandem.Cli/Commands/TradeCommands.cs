using System.CommandLine;
using Tandem.Cli.Commands.Trade;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem trade …</c>: the supply-chain trade store (C6).</summary>
public static class TradeCommands
{
    public static Command Build()
    {
        var trade = new Command("trade", "Trade store: import, synthesise, screen dependencies, run disruption scenarios");
        trade.Subcommands.Add(ImportCommand.Build());
        trade.Subcommands.Add(SynthCommand.Build());
        trade.Subcommands.Add(ScreenCommand.Build());
        trade.Subcommands.Add(ScenarioCommand.Build());
        trade.Subcommands.Add(BasketsCommand.Build());
        trade.Subcommands.Add(VersionsCommand.Build());
        return trade;
    }
}

using System.CommandLine;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem trade …</c>: the supply-chain trade store (C6).</summary>
internal static class TradeCommands
{
    public static Command Build()
    {
        var trade = new Command("trade", "Trade store: import, synthesise, screen dependencies, run disruption scenarios");
        return trade;
    }
}

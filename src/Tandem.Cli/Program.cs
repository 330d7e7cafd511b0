using System.CommandLine;
using Tandem.Cli.Commands;

var root = new RootCommand("tandem — the command line of the Tandem economic-security coordination platform");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();

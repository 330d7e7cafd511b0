extern alias cli;

using System.CommandLine;
using cli::Tandem.Cli.Commands;
using Spectre.Console;

namespace Tandem.Web.Tests.Cli;

/// <summary>
/// Runs the real <c>tandem</c> root command in-process with its settings in environment variables, as an
/// operator would. Console and environment are process-wide, so these tests run alone (see the collection).
/// </summary>
internal static class CliRunner
{
    public static async Task<CliResult> Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var saved = environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Spectre.Console keeps the writer it found at first use; give it this run's, or it writes to a disposed one.
        var ansi = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        try
        {
            foreach (var (key, value) in environment)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            Console.SetOut(output);
            Console.SetError(error);
            var root = new RootCommand("tandem");
            foreach (var command in CommandCatalog.All())
            {
                root.Subcommands.Add(command);
            }

            var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return new CliResult(exit, output.ToString(), error.ToString());
        }
        finally
        {
            AnsiConsole.Console = ansi;
            Console.SetOut(stdout);
            Console.SetError(stderr);
            foreach (var (key, value) in saved)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }

    /// <summary>The environment that points the CLI at a test database and its audit key.</summary>
    public static Dictionary<string, string?> EnvironmentFor(Infrastructure.TestDatabase database) => new()
    {
        ["ConnectionStrings__Tandem"] = database.ConnectionString,
        ["Tandem__Database__Provider"] = database.Provider,
        ["Tandem__Audit__KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        ["Tandem__Audit__CheckpointInterval"] = "10",
    };
}

public sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Tests that change the console or environment of the process: run after the others, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CommandLineRunsAlone
{
    public const string Name = "tandem command line";
}

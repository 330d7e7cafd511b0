using Spectre.Console;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Cli.Commands;

/// <summary>Exit codes and messages shared by every command: one clear line on stderr, never a stack trace.</summary>
internal static class CliOutput
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadConfiguration = 2;

    public static int Fail(string message)
    {
        Console.Error.WriteLine("tandem: " + message);
        return Failed;
    }

    public static int Fail(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Fields.Count == 0)
        {
            return Fail(error.Message);
        }

        foreach (var (field, messages) in error.Fields)
        {
            foreach (var message in messages)
            {
                Console.Error.WriteLine($"tandem: {field}: {message}");
            }
        }

        return Failed;
    }

    /// <summary>Runs a command body, turning configuration and database failures into one-line errors.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (ConfigurationException e)
        {
            Console.Error.WriteLine("tandem: " + e.Message);
            return BadConfiguration;
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"tandem: database error ({DatabaseSettings.ConnectionStringKey}): {e.Message.Split('\n')[0]}");
            return Failed;
        }
    }

    public static void Info(string markup) => AnsiConsole.MarkupLine(markup);
}

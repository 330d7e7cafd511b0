using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tandem.Analytics;
using Tandem.Analytics.Export;
using Tandem.Analytics.Store;

namespace Tandem.Cli.Commands.Trade;

/// <summary>What every <c>tandem trade</c> command shares: the store option, list parsing, errors and exit codes.</summary>
internal static class TradeCli
{
    public const int Ok = 0;
    public const int InvalidInput = 2;
    public const int NotFoundExit = 3;
    public const int ConflictExit = 4;
    public const int Unexpected = 70;

    /// <summary>Environment variable that overrides the default store path (configuration key Tandem:Trade:Store).</summary>
    public const string StoreEnvironmentVariable = "Tandem__Trade__Store";

    /// <summary>Restricts an option to fixed words, with an error that names the option (the built-in one does not).</summary>
    public static void OneOf<T>(Option<T> option, params string[] allowed)
    {
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} must be one of {string.Join(", ", allowed)}, not '{value}'");
            }
        });
        option.CompletionSources.Add(allowed);
    }

    public static Option<string?> StoreOption() => new("--store")
    {
        Description = $"Trade store file (default: ${StoreEnvironmentVariable} or {TradeStoreOptions.DefaultPath})",
    };

    public static string StorePath(ParseResult parseResult, Option<string?> option)
    {
        if (parseResult.GetValue(option) is { Length: > 0 } given)
        {
            return given;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(StoreEnvironmentVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? TradeStoreOptions.DefaultPath : fromEnvironment;
    }

    public static int Fail(ParseResult parseResult, Failure failure)
    {
        parseResult.InvocationConfiguration.Error.WriteLine("error: " + failure.Message);
        return failure.Kind switch
        {
            FailureKind.Invalid => InvalidInput,
            FailureKind.NotFound => NotFoundExit,
            FailureKind.Conflict => ConflictExit,
            _ => Unexpected,
        };
    }

    public static int Fail(ParseResult parseResult, string message) => Fail(parseResult, new Failure(FailureKind.Invalid, message));

    /// <summary>
    /// "CHN, rus" → ["CHN", "RUS"]; an empty item is an error naming the option. With <paramref name="parties"/>,
    /// a registered union's code (EUR, the European Union) is accepted too: it stands for its member states.
    /// </summary>
    public static Result<IReadOnlyList<string>?> CountryList(ParseResult parseResult, Option<string?> option, bool parties = false)
    {
        var text = parseResult.GetValue(option);
        if (text is null)
        {
            return Result<IReadOnlyList<string>?>.Ok(null);
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToList();
        if (items.Count == 0 || items.Any(i => i.Length == 0))
        {
            return Result<IReadOnlyList<string>?>.Invalid($"{option.Name} needs a comma-separated list of ISO3 codes, not '{text}'");
        }

        foreach (var item in items)
        {
            if (parties && !Tandem.Analytics.CodeLists.TradeParties.IsKnown(item))
            {
                return Result<IReadOnlyList<string>?>.Invalid(
                    $"unknown party code '{item}' in {option.Name}: use ISO3 country codes or a union ({string.Join(", ", Tandem.Analytics.CodeLists.TradeParties.UnionCodes)})");
            }

            if (!parties && !Tandem.Analytics.CodeLists.TradeCodeLists.Default.KnownIso3.Contains(item))
            {
                return Result<IReadOnlyList<string>?>.Invalid($"unknown ISO3 country code '{item}' in {option.Name}");
            }
        }

        return Result<IReadOnlyList<string>?>.Ok(items);
    }

    public static Result<IReadOnlyList<string>?> ProductList(ParseResult parseResult, Option<string?> option)
    {
        var text = parseResult.GetValue(option);
        if (text is null)
        {
            return Result<IReadOnlyList<string>?>.Ok(null);
        }

        var items = text.Split(',', StringSplitOptions.TrimEntries).ToList();
        foreach (var item in items)
        {
            if (item.Length != 6 || !item.All(char.IsAsciiDigit))
            {
                return Result<IReadOnlyList<string>?>.Invalid($"'{item}' in {option.Name} is not a six-digit HS code");
            }
        }

        return Result<IReadOnlyList<string>?>.Ok(items);
    }

    public static Failure? CheckFraction(double value, string optionName) =>
        double.IsFinite(value) && value is >= 0 and <= 1
            ? null
            : new Failure(FailureKind.Invalid, $"{optionName} must be a fraction between 0 and 1, not {value}");

    /// <summary>Checks an output path before any work: known extension, existing directory that we may write to.</summary>
    public static Failure? CheckOutput(string path, string optionName)
    {
        var format = ResultWriter.FormatFor(path);
        if (!format.IsSuccess)
        {
            return new Failure(FailureKind.Invalid, $"{optionName}: {format.Failure!.Message}");
        }

        try
        {
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full) ?? ".";
            if (!Directory.Exists(directory))
            {
                return new Failure(FailureKind.Invalid, $"{optionName}: directory '{directory}' does not exist");
            }

            var probe = Path.Combine(directory, $".tandem-write-test-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new Failure(FailureKind.Invalid, $"{optionName}: cannot write '{path}': {ex.Message}");
        }

        return null;
    }

    /// <summary>Shows a spinner with what is being computed while <paramref name="work"/> runs, then the time it took.</summary>
    public static T WithStatus<T>(string what, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = AnsiConsole.Profile.Capabilities.Interactive
            ? AnsiConsole.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(what) + " …", _ => work())
            : work();
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{Markup.Escape(what)}: {clock.Elapsed.TotalSeconds:F1} s[/]"));
        return result;
    }

    public static Result<TradeStore> OpenStore(ParseResult parseResult, Option<string?> storeOption) =>
        TradeStore.Open(StorePath(parseResult, storeOption));

    /// <summary>Runs an action body; an unexpected exception becomes one line and exit code 70, never a stack trace.</summary>
    public static async Task<int> Guard(ParseResult parseResult, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        // Tables and progress go where this invocation writes (the terminal, or the writer a caller gave),
        // not to whatever writer Spectre saw first in this process.
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            parseResult.InvocationConfiguration.Error.WriteLine("error: cancelled");
            return Unexpected;
        }
#pragma warning disable CA1031 // The command line's last line of defence: report any failure in one line, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"error: unexpected failure: {ex.Message.Split('\n')[0].Trim()}");
            return Unexpected;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tandem.Analytics.Synth;

namespace Tandem.Cli.Commands.Trade;

/// <summary><c>tandem trade synth --years 2020-2022 --flows-per-year N --seed S --out DIR</c></summary>
internal static class SynthCommand
{
    public static Command Build()
    {
        var years = new Option<string>("--years") { Description = "Years: 2020-2022 or 2020,2022", Required = true };
        var flows = new Option<long>("--flows-per-year") { Description = "Flows per year (BACI has about 11 million)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: same seed, same bytes", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output directory", Required = true };
        var products = new Option<int>("--products") { Description = "Distinct HS6 products", DefaultValueFactory = _ => 5000 };
        var countries = new Option<int>("--countries") { Description = "Countries", DefaultValueFactory = _ => 230 };

        var command = new Command("synth", "Write BACI-shaped synthetic trade files (for scale tests and benchmarks)");
        command.Options.Add(years);
        command.Options.Add(flows);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.Options.Add(products);
        command.Options.Add(countries);
        command.SetAction((parseResult, ct) => TradeCli.Guard(parseResult, () =>
        {
            var parsedYears = ParseYears(parseResult.GetValue(years) ?? string.Empty);
            if (!parsedYears.IsSuccess)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, parsedYears.Failure!));
            }

            var request = new SynthRequest(parsedYears.Value, parseResult.GetValue(flows), parseResult.GetValue(seed), parseResult.GetValue(output)!)
            {
                Products = parseResult.GetValue(products),
                Countries = parseResult.GetValue(countries),
            };
            var result = TradeSynth.Write(request, cancellationToken: ct);
            if (!result.IsSuccess)
            {
                return Task.FromResult(TradeCli.Fail(parseResult, result.Failure!));
            }

            foreach (var path in result.Value)
            {
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Markup.Escape(path)} ({new FileInfo(path).Length / 1e6:F1} MB)"));
            }

            return Task.FromResult(TradeCli.Ok);
        }));
        return command;
    }

    internal static Tandem.Analytics.Result<IReadOnlyList<int>> ParseYears(string text)
    {
        var years = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is 1 or 2
                && int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                && from <= to && from >= 1962 && to <= 2100)
            {
                years.AddRange(Enumerable.Range(from, to - from + 1));
            }
            else
            {
                return Tandem.Analytics.Result<IReadOnlyList<int>>.Invalid($"--years: '{part}' is not a year or a range like 2020-2022 (1962–2100)");
            }
        }

        return years.Count == 0
            ? Tandem.Analytics.Result<IReadOnlyList<int>>.Invalid("--years: no year given")
            : years.Distinct().Order().ToList();
    }
}

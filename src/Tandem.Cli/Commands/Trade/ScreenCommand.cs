using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tandem.Analytics;
using Tandem.Analytics.Export;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;

namespace Tandem.Cli.Commands.Trade;

/// <summary><c>tandem trade screen --party ISO3 --year YYYY [--preset geodep|eu2021] … --out FILE</c></summary>
internal static class ScreenCommand
{
    public static Command Build()
    {
        var party = new Option<string?>("--party") { Description = "Importer(s) to screen: ISO3, a comma-separated list, or 'all'; EUR screens the European Union on its members' imports from outside it (required unless --bloc is given)" };
        var year = new Option<int>("--year") { Description = "Year t", Required = true };
        var preset = new Option<string>("--preset") { Description = "geodep (CEPII) or eu2021 (European Commission)", DefaultValueFactory = _ => "geodep" };
        TradeCli.OneOf(preset, "geodep", "eu2021");
        var bloc = new Option<string?>("--bloc") { Description = "eu2021: screen these parties together, on imports from outside the bloc (ISO3,ISO3)" };
        var concern = new Option<string?>("--concern") { Description = $"Countries of concern (default {string.Join(",", ScreeningParameters.DefaultConcern)})" };
        var allies = new Option<string?>("--allies") { Description = $"Like-minded countries counted as allies besides the forum parties (default {string.Join(",", ScreeningParameters.DefaultLikeMinded)})" };
        var forum = new Option<string?>("--forum") { Description = $"The forum's parties, counted as allies (default {string.Join(",", ScreeningParameters.DefaultForumParties)})" };
        var basket = new Option<string?>("--basket") { Description = "Screen only this basket's products (see 'tandem trade baskets')" };
        var products = new Option<string?>("--products") { Description = "Screen only these HS6 codes (comma-separated)" };
        var source = new Option<string?>("--source") { Description = "baci or comtrade (default: BACI when the store has both)" };
        TradeCli.OneOf(source, "baci", "comtrade");
        var output = new Option<string>("--out") { Description = "Result file: .csv, .xlsx or .json", Required = true };
        var store = TradeCli.StoreOption();
        var save = new SaveAnalysis();

        var command = new Command("screen", "Screen import dependencies per product (one row per party, product and year); "
            + "writes the result file and, with --as, saves it to the platform as a labelled analysis");
        foreach (var option in new Option[] { party, year, preset, bloc, concern, allies, forum, basket, products, source, output, store })
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

            var partyText = parseResult.GetValue(party);
            var blocList = TradeCli.CountryList(parseResult, bloc, parties: true);
            var concernList = TradeCli.CountryList(parseResult, concern);
            var allyList = TradeCli.CountryList(parseResult, allies, parties: true);
            var forumList = TradeCli.CountryList(parseResult, forum, parties: true);
            var productList = TradeCli.ProductList(parseResult, products);
            var parties = string.Equals(partyText, "all", StringComparison.OrdinalIgnoreCase)
                ? Result<IReadOnlyList<string>?>.Ok(null)
                : TradeCli.CountryList(parseResult, party, parties: true);
            foreach (var failure in new[] { parties.Failure, blocList.Failure, concernList.Failure, allyList.Failure, forumList.Failure, productList.Failure })
            {
                if (failure is not null)
                {
                    return TradeCli.Fail(parseResult, failure);
                }
            }

            if (partyText is null && blocList.Value is null)
            {
                return TradeCli.Fail(parseResult, "--party is required (an ISO3 code, a list, or 'all'), unless --bloc is given");
            }

            var presetValue = parseResult.GetValue(preset) == "eu2021" ? ScreeningPreset.Eu2021 : ScreeningPreset.GeoDep;
            if (blocList.Value is not null && presetValue != ScreeningPreset.Eu2021)
            {
                return TradeCli.Fail(parseResult, "--bloc is screened with --preset eu2021");
            }

            var defaults = new ScreeningParameters();
            var request = new ScreeningRequest(parseResult.GetValue(year))
            {
                Parties = parties.Value,
                Bloc = blocList.Value,
                Basket = parseResult.GetValue(basket),
                Products = productList.Value,
                Source = parseResult.GetValue(source) switch { "baci" => TradeSource.Baci, "comtrade" => TradeSource.Comtrade, _ => null },
                Parameters = defaults with
                {
                    Preset = presetValue,
                    ConcernCountries = concernList.Value ?? defaults.ConcernCountries,
                    LikeMinded = allyList.Value ?? defaults.LikeMinded,
                    ForumParties = forumList.Value ?? defaults.ForumParties,
                },
            };

            var (target, exit) = await save.Prepare(parseResult, ct);
            if (exit != TradeCli.Ok)
            {
                return exit;
            }

            await using (target)
            {
                var opened = TradeCli.OpenStore(parseResult, store);
                if (!opened.IsSuccess)
                {
                    return TradeCli.Fail(parseResult, opened.Failure!);
                }

                Tandem.Analytics.Result<ScreeningResult> result;
                using (var tradeStore = opened.Value)
                {
                    result = TradeCli.WithStatus($"screening {Describe(request)} in {tradeStore.Path}", () => ScreenDependencies.Run(tradeStore, request));
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

                PrintSummary(result.Value, written.Value);
                if (target is null)
                {
                    SaveAnalysis.Hint(parseResult);
                    return TradeCli.Ok;
                }

                return await target.Save(parseResult, result.Value.ToDraft(), ct);
            }
        }));
        return command;
    }

    private static string Describe(ScreeningRequest request) => string.Create(CultureInfo.InvariantCulture,
        $"{(request.Bloc is { } bloc ? string.Join("+", bloc) : request.Parties is { Count: > 0 } parties ? string.Join(",", parties) : "every importer")}, {request.Year} ({(request.Parameters.Preset == ScreeningPreset.GeoDep ? "geodep" : "eu2021")})");

    private static void PrintSummary(ScreeningResult result, string path)
    {
        var rows = result.Rows;
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count:N0} products screened, [bold]{rows.Count(r => r.Dependent):N0} dependent[/], {rows.Count(r => r.Persistent):N0} persistent ({(result.Request.Parameters.Preset == ScreeningPreset.GeoDep ? "geodep" : "eu2021")}, {result.Request.Year}; years read {string.Join(",", result.YearsRead)})"));
        foreach (var version in result.DataVersions)
        {
            AnsiConsole.MarkupLine($"  data: {Markup.Escape(version.DataVersion)} ({Markup.Escape(version.FileName)})");
        }

        // A narrow terminal cannot show descriptions legibly: the file has them.
        var wide = AnsiConsole.Profile.Width >= 120;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"most concentrated {Math.Min(10, rows.Count)} of {rows.Count:N0} (every row is in the file)")));
        var table = new Table().AddColumns("party", "hs6");
        if (wide)
        {
            table.AddColumn("description");
        }

        table.AddColumns("imports (k USD)", "HHI", "top supplier", "share", "dependent", "persistent");
        foreach (var r in rows.OrderByDescending(r => r.HhiImports).ThenByDescending(r => r.Imports).Take(10))
        {
            var description = r.Description is null ? string.Empty : r.Description.Length > 40 ? r.Description[..40] + "…" : r.Description;
            var cells = new List<string> { Markup.Escape(r.Party), r.Hs6 };
            if (wide)
            {
                cells.Add(Markup.Escape(description));
            }

            cells.AddRange([
                r.Imports.ToString("N0", CultureInfo.InvariantCulture), r.HhiImports.ToString("F3", CultureInfo.InvariantCulture),
                r.TopSupplier, r.TopShare.ToString("P0", CultureInfo.InvariantCulture), r.Dependent ? "yes" : "", r.Persistent ? "yes" : ""]);
            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"written: {Markup.Escape(path)}");
    }
}

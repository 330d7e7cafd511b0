using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Audit;
using Tandem.Core.Data;
using Tandem.Core.Search;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem search "…" --as EMAIL</c>: the web app's search, as that user sees it, audited in their name.</summary>
internal static class SearchCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(IConfiguration? configuration = null)
    {
        var command = new Command("search", "Find records of every kind that a user may see, best first (the same search as the web app; audited in that user's name)");
        var words = new Argument<string>("WORDS") { Description = "The words to find (all must occur); Japanese needs no spaces" };
        var asUser = new Option<string>("--as") { Description = "Search as this user (e-mail): only what they may see is found", Required = true };
        var kinds = new Option<string?>("--kinds") { Description = "Only these kinds, comma-separated: " + string.Join(", ", SearchKinds.All) };
        var page = new Option<int?>("--page") { Description = "Page of results (1 first)" };
        var pageSize = new Option<int?>("--page-size") { Description = $"Results per page (default {SearchRecords.DefaultPageSize})" };
        var format = new Option<string>("--format") { Description = "table (default) or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        command.Arguments.Add(words);
        command.Options.Add(asUser);
        command.Options.Add(kinds);
        command.Options.Add(page);
        command.Options.Add(pageSize);
        command.Options.Add(format);
        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            await using var services = CliServices.Create(configuration);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            var actor = await ProgrammeCommands.ActorFor(scope.ServiceProvider, parse.GetValue(asUser), "cli:search", ct);
            if (!actor.Succeeded)
            {
                return CliOutput.Fail(actor.Error!);
            }

            var audit = scope.ServiceProvider.GetRequiredService<AuditContext>();
            audit.Actor = actor.Value with { Email = $"{actor.Value.Email} (cli:{Environment.UserName})" };
            var input = new SearchInput(parse.GetValue(words), parse.GetValue(kinds) is { Length: > 0 } k ? [k] : null);
            var result = await SearchRecords.Handle(db, actor.Value, TimeProvider.System, input, parse.GetValue(page), parse.GetValue(pageSize), "en", ct);
            if (!result.Succeeded)
            {
                return CliOutput.Fail(result.Error!);
            }

            var found = result.Value;
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(found, Json));
                return CliOutput.Ok;
            }

            Console.WriteLine($"{"kind",-16}  {"date",-10}  {"label",-28}  {"id",-36}  title");
            foreach (var hit in found.Items)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hit.Kind,-16}  {hit.Date:yyyy-MM-dd}  {hit.Label,-28}  {hit.Id,-36}  {hit.Title}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{found.Total}{(found.TotalIsLowerBound ? "+" : "")} result(s); page {found.Page} of {found.PageCount}."));
            return CliOutput.Ok;
        }));
        return command;
    }
}

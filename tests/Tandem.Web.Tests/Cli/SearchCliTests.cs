using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Demo;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Cli;

/// <summary><c>tandem search "…" --as EMAIL</c>: the web app's search from the shell, as that user, audited in their name.</summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed class SearchCliTests
{
    [Fact]
    public async Task Search_AsMetiOfficer_ListsWhatTheyMaySee_AsTableOrJson_AndIsAudited()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tandem"] = database.ConnectionString,
            ["Tandem:Audit:KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
            ["Tandem:Audit:CheckpointInterval"] = "10",
        };
        await using (var web = new TandemFactory(database.Provider, demo: true, settings: settings))
        {
            Assert.True(await web.WithDb(db => db.Documents.CountAsync()) > 0, "The demo did not load.");
        }

        var environment = CliRunner.EnvironmentFor(database);
        var table = await CliRunner.Run(environment, "search", "semiconductor", "--as", "officer.meti@demo.tandem");
        var json = await CliRunner.Run(environment, "search", "半導体", "--as", "officer.meti@demo.tandem", "--kinds", "agendaItem", "--format", "json");
        var usOnly = await CliRunner.Run(environment, "search", "negotiating position", "--as", "officer.meti@demo.tandem", "--format", "json");
        var nobody = await CliRunner.Run(environment, "search", "semiconductor", "--as", "nobody@example.org");
        var badKind = await CliRunner.Run(environment, "search", "semiconductor", "--as", "officer.meti@demo.tandem", "--kinds", "spaceship");

        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains(DemoConsultation.CallTitle, table.Output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ result\(s\); page 1 of \d+\.", table.Output);
        Assert.True(json.ExitCode == 0, json.Error);
        var found = JsonNode.Parse(json.Output)!;
        Assert.True((int)found["total"]! >= 1);
        Assert.All(found["items"]!.AsArray(), h => Assert.Equal("agendaItem", (string?)h!["kind"]));
        Assert.Contains(found["items"]!.AsArray(), h => ((string?)h!["snippet"] ?? "").Contains("<mark>半導体</mark>", StringComparison.Ordinal));

        // The U.S. negotiating position (demo) is for the United States only: the METI officer does not find it.
        Assert.Equal(0, (int)JsonNode.Parse(usOnly.Output)!["total"]!);
        Assert.NotEqual(0, nobody.ExitCode);
        Assert.Contains("--as", nobody.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, badKind.ExitCode);
        Assert.Contains("kinds", badKind.Error, StringComparison.Ordinal);

        await using var host = new TandemFactory(database.Provider, settings: settings);
        var audited = await host.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Search).Select(e => e.ActorName + " " + e.Details).ToListAsync());
        Assert.Contains(audited, a => a.StartsWith("officer.meti@demo.tandem (cli:", StringComparison.Ordinal) && a.Contains("\"q\":\"semiconductor\"", StringComparison.Ordinal));
    }
}

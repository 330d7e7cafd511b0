using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Evidence;
using Tandem.Web.Tests.Cli;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Evidence;

/// <summary>
/// C6 from the command line: synth → import → screen --as saves the result in the web app's database as a labelled
/// analysis that the web shows its audience (and nobody else) with the rows of the file the command wrote.
/// </summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed partial class EvidenceCliTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Screen_AsAnalyst_SavesAmberAnalysisTheWebShowsWithTheFileRows_OnlyToItsAgency(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        var colleague = await factory.CreateUser("officer@doc.test", "DOC", Roles.Member);
        var japan = await factory.CreateUser("analyst@meti.test", "METI", Roles.Analyst);
        var environment = await SyntheticStore(factory);
        var file = Path.Combine(factory.Database.Folder, "jpn.csv");

        var screen = await CliRunner.Run(environment, "trade", "screen", "--party", "JPN", "--year", "2022", "--preset", "geodep", "--out", file,
            "--as", analyst.Email, "--tlp", "amber");

        Assert.True(screen.ExitCode == 0, screen.Error);
        Assert.Contains("products screened", screen.Output, StringComparison.Ordinal);
        var id = Guid.Parse(SavedId().Match(screen.Output).Groups[1].Value);
        Assert.Contains($"/evidence/analyses/{id}", screen.Output, StringComparison.Ordinal);
        Assert.Contains("[TLP:AMBER]", screen.Output, StringComparison.Ordinal);
        var fileRows = Rows(await File.ReadAllTextAsync(file));
        Assert.NotEmpty(fileRows);

        using var client = factory.ClientFor(analyst);
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/analyses?search=JPN", UriKind.Relative), Json);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal("GeoDep screening of JPN, 2022", item.GetProperty("title").GetString());
        Assert.Equal("TLP:AMBER", item.GetProperty("marking").GetString());
        Assert.Equal("DOC", item.GetProperty("ownerAgency").GetString());
        Assert.Equal(fileRows.Count, item.GetProperty("resultRows").GetInt32());
        var index = await client.GetStringAsync(new Uri("/evidence", UriKind.Relative));
        Assert.Contains($"/evidence/analyses/{id}", index, StringComparison.Ordinal);

        var saved = Rows(await client.GetStringAsync(new Uri($"/api/v1/analyses/{id}/download", UriKind.Relative)));
        Assert.Equal(fileRows.Take(10).Select(r => string.Join("|", r.OrderBy(c => c.Key, StringComparer.Ordinal))),
            saved.Take(10).Select(r => string.Join("|", r.OrderBy(c => c.Key, StringComparer.Ordinal))));
        var detail = await client.GetStringAsync(new Uri($"/evidence/analyses/{id}", UriKind.Relative));
        Assert.Contains("GeoDep screening of JPN, 2022", detail, StringComparison.Ordinal);
        var top = fileRows.Take(5).Select(r => $"<td>{r["hs6"]}</td>").ToList();
        var positions = top.Select(cell => detail.IndexOf(cell, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);

        using var sameAgency = factory.ClientFor(colleague);
        Assert.Equal(HttpStatusCode.OK, (await sameAgency.GetAsync(new Uri($"/api/v1/analyses/{id}", UriKind.Relative))).StatusCode);
        using var otherAgency = factory.ClientFor(japan);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync(new Uri($"/api/v1/analyses/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync(new Uri($"/evidence/analyses/{id}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(id.ToString(), await otherAgency.GetStringAsync(new Uri("/evidence", UriKind.Relative)), StringComparison.Ordinal);

        var created = await factory.WithDb(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == nameof(Analysis) && e.ObjectId == id.ToString("D") && e.Action == "create").ToListAsync());
        var entry = Assert.Single(created);
        Assert.Equal(analyst.Id, entry.ActorUserId);
        Assert.StartsWith(analyst.Email + " (cli:", entry.ActorName, StringComparison.Ordinal);
        Assert.Equal("DOC", entry.ActorAgency);
        Assert.Equal("TLP:AMBER", entry.Label);
    }

    [Fact]
    public async Task ScreenAndScenario_BadSaveInput_OneLineErrorNoFileNothingSaved_AndWithoutAsOnlyTheFileAndAHint()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        var member = await factory.CreateUser("member@doc.test", "DOC", Roles.Member);
        var environment = await SyntheticStore(factory);
        var folder = factory.Database.Folder;
        string[] screen = ["trade", "screen", "--party", "JPN", "--year", "2022"];
        string[] scenario = ["trade", "scenario", "--suppliers", "CHN", "--targets", "USA,JPN", "--year", "2022"];

        var unknownUser = await CliRunner.Run(environment, [.. screen, "--out", Path.Combine(folder, "a.csv"), "--as", "nobody@doc.test"]);
        var badTlp = await CliRunner.Run(environment, [.. screen, "--out", Path.Combine(folder, "b.csv"), "--as", analyst.Email, "--tlp", "purple"]);
        var notAnalyst = await CliRunner.Run(environment, [.. scenario, "--out", Path.Combine(folder, "c.csv"), "--as", member.Email]);
        var labelWithoutAs = await CliRunner.Run(environment, [.. scenario, "--out", Path.Combine(folder, "d.csv"), "--tlp", "red"]);
        var badAgency = await CliRunner.Run(environment, [.. scenario, "--out", Path.Combine(folder, "e.csv"), "--as", analyst.Email, "--tlp", "amber", "--recipient-agencies", "NOPE"]);

        foreach (var (result, option, name) in new[]
        {
            (unknownUser, "--as", "a.csv"), (badTlp, "--tlp", "b.csv"), (notAnalyst, "--as", "c.csv"), (labelWithoutAs, "--tlp", "d.csv"), (badAgency, "--recipient-agencies", "e.csv"),
        })
        {
            Assert.NotEqual(0, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: " + option, line, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, name)), name);
        }

        Assert.Contains("nobody@doc.test", unknownUser.Error, StringComparison.Ordinal);
        Assert.Contains("purple", badTlp.Error, StringComparison.Ordinal);
        Assert.Contains("Analyst", notAnalyst.Error, StringComparison.Ordinal);
        Assert.Contains("--as EMAIL", labelWithoutAs.Error, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.Set<Analysis>().CountAsync()));

        var fileOnly = await CliRunner.Run(environment, [.. scenario, "--out", Path.Combine(folder, "f.csv")]);
        Assert.True(fileOnly.ExitCode == 0, fileOnly.Error);
        Assert.True(File.Exists(Path.Combine(folder, "f.csv")));
        Assert.Contains("add --as EMAIL", fileOnly.Output, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.Set<Analysis>().CountAsync()));

        var saved = await CliRunner.Run(environment, [.. scenario, "--out", Path.Combine(folder, "g.csv"), "--as", analyst.Email, "--title", "Gallium cut"]);
        Assert.True(saved.ExitCode == 0, saved.Error);
        var analysis = await factory.WithDb(db => db.Set<Analysis>().AsNoTracking().SingleAsync());
        Assert.Equal("Gallium cut", analysis.Title);
        Assert.Equal(AnalysisKind.Scenario, analysis.Kind);
        Assert.Equal("TLP:GREEN", analysis.Label.ToLabel().Marking);
        Assert.Equal(Rows(await File.ReadAllTextAsync(Path.Combine(folder, "g.csv"))).Count, analysis.ResultRows);
        Assert.Contains($"/evidence/analyses/{analysis.Id}", saved.Output, StringComparison.Ordinal);
    }

    /// <summary>Two synthetic BACI years written and imported by the CLI into the trade store the web app reads.</summary>
    private static async Task<Dictionary<string, string?>> SyntheticStore(TandemFactory factory)
    {
        var environment = CliRunner.EnvironmentFor(factory.Database);
        environment["Tandem__Trade__Store"] = factory.Settings["Tandem:Trade:Store"];
        var synthFolder = Path.Combine(factory.Database.Folder, "synth");
        var synth = await CliRunner.Run(environment, "trade", "synth", "--years", "2021-2022", "--flows-per-year", "20000", "--products", "300", "--seed", "7", "--out", synthFolder);
        Assert.True(synth.ExitCode == 0, synth.Error);
        var files = Directory.GetFiles(synthFolder, "*.csv").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        var import = await CliRunner.Run(environment, ["trade", "import", "--format", "baci", .. files]);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("20,000 rows", import.Output, StringComparison.Ordinal);
        return environment;
    }

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        using var reader = new StringReader(csv);
        return Csv.ReadRecords(reader);
    }

    [GeneratedRegex("saved as analysis ([0-9a-f-]{36})")]
    private static partial Regex SavedId();
}

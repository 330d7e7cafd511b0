using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Cli;

/// <summary>
/// <c>tandem meetings|commitments|documents|notices list|show|create</c> for the scripts secretariats write: each user
/// sees through the command line exactly what the web app shows them, and mistakes end with a message and a non-zero exit.
/// </summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed class RecordsCliTests
{
    private const string Meti = "officer.meti@demo.tandem";
    private const string UsSecretariat = "secretariat.us@demo.tandem";

    private static async Task<(TestDatabase Database, Dictionary<string, string?> Environment, Dictionary<string, string?> Settings)> Demo()
    {
        var database = TestDatabase.Create(TestDatabase.Sqlite);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tandem"] = database.ConnectionString,
            ["Tandem:Audit:KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        };
        await using (var web = new TandemFactory(database.Provider, demo: true, settings: settings))
        {
            Assert.True(await web.WithDb(db => db.Documents.CountAsync()) > 0, "The demo did not load.");
        }

        return (database, CliRunner.EnvironmentFor(database), settings);
    }

    [Fact]
    public async Task Documents_ListForANamedUser_ShowsWhatTheyMaySee_AndAHiddenOneIsNotFound()
    {
        var (database, environment, settings) = await Demo();
        using var _ = database;
        Guid usOnly;
        await using (var web = new TandemFactory(database.Provider, settings: settings))
        {
            usOnly = await web.WithDb(db => db.Documents.Where(d => d.Title == "U.S. negotiating position (demo)").Select(d => d.Id).SingleAsync());
        }

        var metiList = await CliRunner.Run(environment, "documents", "list", "--as", Meti, "--format", "json", "--page-size", "200");
        var usList = await CliRunner.Run(environment, "documents", "list", "--as", UsSecretariat, "--format", "json", "--page-size", "200");
        var csv = await CliRunner.Run(environment, "documents", "list", "--as", Meti, "--format", "csv");
        var table = await CliRunner.Run(environment, "documents", "list", "--as", Meti);
        var hidden = await CliRunner.Run(environment, "documents", "show", usOnly.ToString(), "--as", Meti);
        var shown = await CliRunner.Run(environment, "documents", "show", usOnly.ToString(), "--as", UsSecretariat, "--format", "json");
        var badPage = await CliRunner.Run(environment, "documents", "list", "--as", Meti, "--page-size", "5000");

        Assert.True(metiList.ExitCode == 0, metiList.Error);
        var metiTitles = Titles(metiList.Output);
        Assert.Contains("Export-control coordination notes (demo)", metiTitles);
        Assert.DoesNotContain("U.S. negotiating position (demo)", metiTitles);
        Assert.DoesNotContain("MOFA internal briefing (demo)", metiTitles);
        Assert.Equal(metiTitles.Count, (int)JsonNode.Parse(metiList.Output)!["total"]!);
        Assert.Contains("U.S. negotiating position (demo)", Titles(usList.Output));

        Assert.True(csv.ExitCode == 0, csv.Error);
        Assert.StartsWith("id,title,owner,marking,version,updated_utc\r\n", csv.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("U.S. negotiating position", csv.Output, StringComparison.Ordinal);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Matches(@"\d+ of \d+ documents; page 1 of \d+\.", table.Output);

        Assert.NotEqual(0, hidden.ExitCode);
        Assert.Contains("not found", hidden.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("negotiating", hidden.Output + hidden.Error, StringComparison.OrdinalIgnoreCase);
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Equal("U.S. negotiating position (demo)", (string?)JsonNode.Parse(shown.Output)!["title"]);
        Assert.NotEqual(0, badPage.ExitCode);
        Assert.Contains("pageSize", badPage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commitments_CreateThenListAndShowByCode_AndMistakesExitNonZero()
    {
        var (database, environment, _) = await Demo();
        using var __ = database;

        var created = await CliRunner.Run(environment, "commitments", "create", "--as", UsSecretariat, "--forum", "EPCC", "--code", "CLI-2026-01",
            "--text-en", "Publish a joint semiconductor stockpile map", "--due", "2026-12-31", "--lead", "USA=DOC", "--lead", "JPN=METI");
        var again = await CliRunner.Run(environment, "commitments", "create", "--as", UsSecretariat, "--forum", "EPCC", "--code", "CLI-2026-01",
            "--text-en", "The same code again");
        var byOfficer = await CliRunner.Run(environment, "commitments", "create", "--as", Meti, "--forum", "EPCC", "--code", "CLI-2026-02", "--text-en", "Not theirs to make");
        var noForum = await CliRunner.Run(environment, "commitments", "create", "--as", UsSecretariat, "--forum", "NOPE", "--code", "CLI-2026-03", "--text-en", "x");
        var list = await CliRunner.Run(environment, "commitments", "list", "--as", Meti, "--search", "CLI-2026", "--format", "json");
        var show = await CliRunner.Run(environment, "commitments", "show", "CLI-2026-01", "--as", Meti, "--format", "json");
        var unknown = await CliRunner.Run(environment, "commitments", "show", "CLI-9999", "--as", Meti);

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("Created CLI-2026-01.", created.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("tandem: code:", again.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, byOfficer.ExitCode);
        Assert.NotEqual(0, noForum.ExitCode);
        Assert.Contains("--forum", noForum.Error, StringComparison.Ordinal);

        Assert.True(list.ExitCode == 0, list.Error);
        var item = Assert.Single(JsonNode.Parse(list.Output)!["items"]!.AsArray())!;
        Assert.Equal("CLI-2026-01", (string?)item["code"]);
        Assert.Equal("2026-12-31", (string?)item["dueDate"]);
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains("Publish a joint semiconductor stockpile map", show.Output, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"CLI-2026-01\"", show.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("not found", unknown.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MeetingsDocumentsAndNotices_CreateThenListFindsThem()
    {
        var (database, environment, _) = await Demo();
        using var __ = database;
        var file = Path.Combine(database.Folder, "cli-note.txt");
        await File.WriteAllTextAsync(file, "Notes for the working group.");

        var meeting = await CliRunner.Run(environment, "meetings", "create", "--as", UsSecretariat, "--forum", "EPCC", "--tier", "WorkingLevel",
            "--title-en", "CLI working meeting", "--venue", "Tokyo", "--time-zone", "Asia/Tokyo", "--starts", "2026-06-01T10:00", "--ends", "2026-06-01T12:00",
            "--format", "json");
        var badTime = await CliRunner.Run(environment, "meetings", "create", "--as", UsSecretariat, "--forum", "EPCC", "--tier", "WorkingLevel",
            "--title-en", "Bad", "--time-zone", "Asia/Tokyo", "--starts", "June first", "--ends", "2026-06-01T12:00");
        var meetings = await CliRunner.Run(environment, "meetings", "list", "--as", UsSecretariat, "--format", "json", "--page-size", "200");
        var document = await CliRunner.Run(environment, "documents", "create", "--as", Meti, "--file", file, "--title", "CLI note for DOC",
            "--label", "amber", "--recipients", "DOC");
        var forDoc = await CliRunner.Run(environment, "documents", "list", "--as", "officer.doc@demo.tandem", "--search", "CLI note", "--format", "json");
        var forUsSecretariat = await CliRunner.Run(environment, "documents", "list", "--as", UsSecretariat, "--search", "CLI note", "--format", "json");
        var notices = await CliRunner.Run(environment, "notices", "list", "--as", Meti, "--format", "csv");

        Assert.True(meeting.ExitCode == 0, meeting.Error);
        var created = JsonNode.Parse(meeting.Output)!;
        Assert.Equal("Asia/Tokyo", (string?)created["timeZone"]);
        Assert.Equal("2026-06-01T01:00:00Z", ((DateTime)created["startsAt"]!).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, badTime.ExitCode);
        Assert.Contains("--starts", badTime.Error, StringComparison.Ordinal);
        Assert.True(meetings.ExitCode == 0, meetings.Error);
        Assert.Contains("CLI working meeting", Titles(meetings.Output, "titleEn"));

        Assert.True(document.ExitCode == 0, document.Error);
        Assert.Contains("CLI note for DOC", Titles(forDoc.Output));
        Assert.DoesNotContain("CLI note for DOC", Titles(forUsSecretariat.Output));
        Assert.True(notices.ExitCode == 0, notices.Error);
        Assert.StartsWith("id,forum,from,title,source,state,submitted_utc,deadline,overdue,marking\r\n", notices.Output, StringComparison.Ordinal);
    }

    private static List<string> Titles(string json, string field = "title") =>
        JsonNode.Parse(json)!["items"]!.AsArray().Select(i => (string?)i![field] ?? "").ToList();
}

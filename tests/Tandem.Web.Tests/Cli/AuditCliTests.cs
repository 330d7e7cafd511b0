using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Cli;

/// <summary>SECURITY.md row 15 from the shell: <c>tandem audit verify</c> and <c>tandem audit export</c>.</summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed class AuditCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_IntactChain_ExitsZeroWithOneLineSummary(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 23);
        }

        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("Audit chain intact: 23 entries, last sequence 23, 2 signed checkpoints verified (last at 20).", result.Output.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_AfterADirectEditOfOneRow_FailsNamingItsSequence(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 23);
            await AuditTamper.Execute(factory, "UPDATE \"AuditEntries\" SET \"ObjectId\" = 'doc-999' WHERE \"Sequence\" = 17");
        }

        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");

        Assert.Equal(AuditCommandsExit.ChainBroken, result.ExitCode);
        Assert.Contains("sequence 17", result.Error, StringComparison.Ordinal);
        Assert.Contains("hash mismatch", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_AfterTheNewestRowsWereDeleted_ReportsATruncatedTail(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 23);
            await AuditTamper.Execute(factory, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" >= 19");
        }

        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");

        Assert.Equal(AuditCommandsExit.ChainBroken, result.ExitCode);
        Assert.Contains("truncated after 18", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithoutTheKeyFile_FailsNamingTheSetting()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 3);
        }

        var environment = CliRunner.EnvironmentFor(database);
        environment["Tandem__Audit__KeyPath"] = Path.Combine(database.Folder, "no-such-key.pem");
        var result = await CliRunner.Run(environment, "audit", "verify");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Tandem:Audit:KeyPath", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(environment["Tandem__Audit__KeyPath"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_DateRange_WritesJsonLinesInOrder_AndIsItselfAudited(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 15);
        }

        var file = Path.Combine(database.Folder, "audit.jsonl");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var toFile = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "export", "--from", today, "--to", today, "--out", file);
        var toStdout = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "export", "--from", "2000-01-01T00:00:00Z");
        var empty = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "export", "--to", "2000-01-01");

        Assert.True(toFile.ExitCode == 0, toFile.Error);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(15, lines.Length);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal("doc-1", entries[0].GetProperty("objectId").GetString());
        Assert.Equal(64, entries[0].GetProperty("hash").GetString()!.Length);
        Assert.Contains("Exported 15 audit entries", toFile.Error, StringComparison.Ordinal);

        // The first export is entry 16, so the second one (everything) has 16 lines on standard output.
        Assert.True(toStdout.ExitCode == 0, toStdout.Error);
        var stdoutLines = toStdout.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16, stdoutLines.Length);
        var exportEntry = JsonDocument.Parse(stdoutLines[^1]).RootElement;
        Assert.Equal(AuditAction.Export, exportEntry.GetProperty("action").GetString());
        Assert.Contains("15 entries", exportEntry.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("cli:", exportEntry.GetProperty("actorName").GetString(), StringComparison.Ordinal);
        Assert.Equal("", empty.Output);

        // Exports extend the chain properly.
        var verify = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("18 entries", verify.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "yesterday", "--from")]
    [InlineData("--to", "2026-02-30", "--to")]
    [InlineData("--from", "2026-05-02T10:00:00Z", "--to")]
    public async Task Export_BadDates_FailWithAMessageNamingTheOption(string option, string value, string named)
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        var args = new List<string> { "audit", "export", option, value };
        if (named == "--to")
        {
            args.AddRange(option == "--from" ? ["--to", "2026-05-01"] : []);
        }

        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), [.. args]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task OtherCommands_BadInput_FailNamingTheOption()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        var environment = CliRunner.EnvironmentFor(database);

        var missing = await CliRunner.Run(environment, "user", "create", "--agency", "METI", "--role", "Member");
        var expiry = await CliRunner.Run(environment, "token", "create", "--email", "nobody@example.org", "--name", "x", "--expires", "someday");
        var unknown = await CliRunner.Run(environment, "audit", "export", "--since", "2026-01-01");
        var folder = await CliRunner.Run(environment, "audit", "export", "--out", Path.Combine(database.Folder, "no", "such", "folder", "x.jsonl"));

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--email", missing.Error + missing.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, expiry.ExitCode);
        Assert.Contains("expires", expiry.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("--since", unknown.Error + unknown.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, folder.ExitCode);
        Assert.Contains("--out", folder.Error, StringComparison.Ordinal);
    }

    /// <summary>A web host on the test's own database (so the database outlives the host), with checkpoints every 10 entries.</summary>
    private static TandemFactory Host(TestDatabase database) => new(database.Provider, settings: new Dictionary<string, string?>
    {
        ["ConnectionStrings:Tandem"] = database.ConnectionString,
        ["Tandem:Audit:KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        ["Tandem:Audit:CheckpointInterval"] = "10",
    });
}

/// <summary>The exit code the CLI documents for a broken chain.</summary>
internal static class AuditCommandsExit
{
    public const int ChainBroken = 3;
}

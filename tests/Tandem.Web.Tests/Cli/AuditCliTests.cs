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
        Assert.StartsWith("Audit chain intact: 23 entries, last sequence 23, 2 signed checkpoints verified (last at 20); ", result.Output, StringComparison.Ordinal);

        // The web host witnessed its chain end when it stopped.
        Assert.EndsWith("witnessed digests agree (newest at 23).", result.Output.Trim(), StringComparison.Ordinal);
        Assert.Single(result.Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Verify_OlderCopyOfTheDatabaseRestoredUnderANewerWitness_FailsNamingTheWitnessedSequence()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var older = Path.Combine(database.Folder, "older-copy.db");
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 12);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(file, older);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 15);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(older, file, overwrite: true);
        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");

        Assert.Equal(AuditCommandsExit.ChainBroken, result.ExitCode);
        Assert.Contains("sequence 13: rolled back: the witness holds sequence 27", result.Error, StringComparison.Ordinal);
        Assert.Contains("the chain ends at 12", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Digest_PublishedElsewhere_CatchesARollbackThatTheLocalWitnessLost(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 12);
        }

        var digest = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "digest");
        var received = Path.Combine(database.Folder, "received-from-the-other-secretariat.jsonl");
        await File.WriteAllTextAsync(received, digest.Output);
        await using (var factory = Host(database))
        {
            await Audit.AuditWitnessTests.RollBackTo(factory, 5);
        }

        File.Delete(Path.Combine(database.Folder, "audit-witness.jsonl"));
        var withoutIt = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");
        var withIt = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify", "--witness", received);
        var missing = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify", "--witness", Path.Combine(database.Folder, "nothing.jsonl"));

        Assert.True(digest.ExitCode == 0, digest.Error);
        var line = Assert.Single(digest.Output.Trim().Split('\n'));
        var published = AuditDigest.Parse(line)!;
        Assert.Equal(12, published.Sequence);
        Assert.True(withoutIt.ExitCode == 0, withoutIt.Error);
        Assert.Equal(AuditCommandsExit.ChainBroken, withIt.ExitCode);
        Assert.Contains("the witness holds sequence 12", withIt.Error, StringComparison.Ordinal);
        Assert.Contains("received-from-the-other-secretariat.jsonl line 1", withIt.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--witness", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_OfATamperedChain_IsRefused()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 12);
            await AuditTamper.Execute(factory, "UPDATE \"AuditEntries\" SET \"Details\" = 'nothing happened' WHERE \"Sequence\" = 4");
        }

        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "digest");

        Assert.Equal(AuditCommandsExit.ChainBroken, result.ExitCode);
        Assert.Contains("sequence 4", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"At\" = 'last tuesday' WHERE \"Sequence\" = 17", "sequence 17: its time")]
    [InlineData("UPDATE \"AuditEntries\" SET \"ActorUserId\" = 'somebody' WHERE \"Sequence\" = 17", "sequence 17: its actor user id")]
    [InlineData("UPDATE \"AuditCheckpoints\" SET \"At\" = 'noon' WHERE \"Sequence\" = 20", "sequence 20: its checkpoint's time")]
    [InlineData("DELETE FROM \"AuditCheckpoints\" WHERE \"Sequence\" = 10", "sequence 10: its signed checkpoint is missing")]
    [InlineData("DELETE FROM \"AuditHeads\"", "sequence 23: the chain head row is missing")]
    public async Task Verify_TypedColumnEditedOrRowDeleted_FailsWithOneLineNamingTheSequence(string tampering, string expected)
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        await using (var factory = Host(database))
        {
            await AuditTamper.Append(factory, 23);
            await AuditTamper.Execute(factory, tampering);
        }

        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), "audit", "verify");

        Assert.Equal(AuditCommandsExit.ChainBroken, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
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

using Tandem.Web.Tests.Cli;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

[Collection(CommandLineRunsAlone.Name)]
public sealed class ComplianceCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ComplianceImportAndExport_FromTheCommandLine_ReportInconsistentRowsAndWriteAFile(string provider)
    {
        await using var kit = await Start(provider);
        var environment = CliRunner.EnvironmentFor(kit.Factory.Database);

        var import = await CliRunner.Run(environment, "compliance", "import", G7ImportTests.FixturePath, "--forum", "EPCC", "--prefix", "G7");
        var unknownForum = await CliRunner.Run(environment, "compliance", "import", G7ImportTests.FixturePath, "--forum", "NOPE");
        var missingFile = await CliRunner.Run(environment, "compliance", "import", "/nonexistent/file.csv", "--forum", "EPCC");

        Assert.True(import.ExitCode == 0, import.Error + import.Output);
        Assert.Contains("640 rows: 41 cycles and 640 commitments added", import.Output, StringComparison.Ordinal);
        Assert.Equal(10, import.Output.Split('\n').Count(l => l.StartsWith("inconsistent: line ", StringComparison.Ordinal)));
        Assert.Contains("inconsistent: line 75 (2010-30)", import.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknownForum.ExitCode);
        Assert.Contains("--forum", unknownForum.Error, StringComparison.Ordinal);
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Contains("FILE", missingFile.Error, StringComparison.Ordinal);

        var cycle = (await Get(kit.Meti, $"/api/v1/compliance/cycles?forumId={kit.ForumId}&pageSize=100"))["items"]!.AsArray()
            .Single(c => (string)c!["name"]! == "G7 2020")!;
        var target = Path.Combine(kit.Factory.Database.Folder, "g7-2020.xlsx");
        var export = await CliRunner.Run(environment, "compliance", "export", ((Guid)cycle["id"]!).ToString(), "--format", "Xlsx", "--out", target);

        Assert.True(export.ExitCode == 0, export.Error);
        Assert.True(new FileInfo(target).Length > 1000);
    }
}

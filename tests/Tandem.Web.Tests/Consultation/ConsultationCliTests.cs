using System.Text;
using Tandem.Web.Tests.Cli;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Consultation;

/// <summary>The command line changes process-wide console and environment: these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsultationCommandLine
{
    public const string Name = "consultation command line";
}

[Collection(ConsultationCommandLine.Name)]
public sealed class ConsultationCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_AsClearedAndUnclearedOfficer_CbiOnlyForClearedAndBadInputNamed(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        await scenario.SubmitWithCbi(scenario.Contributor, q3: "+cmd|' /C calc'!A0");
        var folder = scenario.Factory.Database.Folder;
        var usFile = Path.Combine(folder, "us.csv");
        var jpFile = Path.Combine(folder, "jp.xlsx");

        var us = await Run(scenario.Factory.Database, "consultation", "export", "--call", scenario.CallId.ToString(), "--out", usFile, "--as", scenario.SecretariatUs.Email);
        var jp = await Run(scenario.Factory.Database, "consultation", "export", "--call", scenario.CallId.ToString(), "--out", jpFile, "--as", scenario.SecretariatJp.Email);
        var badOut = await Run(scenario.Factory.Database, "consultation", "export", "--call", scenario.CallId.ToString(), "--out", Path.Combine(folder, "x.pdf"), "--as", scenario.SecretariatUs.Email);
        var contributor = await Run(scenario.Factory.Database, "consultation", "export", "--call", scenario.CallId.ToString(), "--out", Path.Combine(folder, "c.csv"), "--as", scenario.Contributor.Email);
        var badCall = await Run(scenario.Factory.Database, "consultation", "export", "--call", "nope", "--out", usFile, "--as", scenario.SecretariatUs.Email);

        Assert.Equal(0, us.Exit);
        var csv = await File.ReadAllTextAsync(usFile, Encoding.UTF8);
        Assert.Contains("62.5", csv, StringComparison.Ordinal);
        Assert.Contains("'+cmd", csv, StringComparison.Ordinal);
        Assert.Equal(0, jp.Exit);
        using (var stream = File.OpenRead(jpFile))
        {
            var row = Assert.Single(MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>());
            Assert.Null(row.Single(c => c.Key.StartsWith("Q2 ", StringComparison.Ordinal)).Value);
        }

        Assert.NotEqual(0, badOut.Exit);
        Assert.Contains("--out", badOut.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, contributor.Exit);
        Assert.False(File.Exists(Path.Combine(folder, "c.csv")));
        Assert.NotEqual(0, badCall.Exit);
        Assert.Contains("--call", badCall.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> Run(TestDatabase database, params string[] args)
    {
        var result = await CliRunner.Run(CliRunner.EnvironmentFor(database), args);
        return (result.ExitCode, result.Output, result.Error);
    }
}

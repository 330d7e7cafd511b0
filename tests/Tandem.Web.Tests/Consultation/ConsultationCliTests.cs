extern alias cli;

using System.CommandLine;
using System.Text;
using cli::Tandem.Cli.Commands;
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
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Tandem"] = database.ConnectionString,
            ["Tandem__Database__Provider"] = database.Provider,
            ["Tandem__Audit__KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
            ["Tandem__Audit__CheckpointInterval"] = "10",
        };
        var saved = environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            foreach (var (key, value) in environment)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            Console.SetOut(output);
            Console.SetError(error);
            var root = new RootCommand("tandem");
            foreach (var command in CommandCatalog.All())
            {
                root.Subcommands.Add(command);
            }

            var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            foreach (var (key, value) in saved)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }
}

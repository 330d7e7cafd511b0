using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Forums;

/// <summary>A wrong setting stops the app with one line naming it and a non-zero exit (issue: configuration).</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Tandem__Database__Provider", "Oracle", "Tandem:Database:Provider")]
    [InlineData("ConnectionStrings__Tandem", "Data Source=", "ConnectionStrings:Tandem")]
    [InlineData("ConnectionStrings__Tandem", "Mode=Nonsense;Data Source=x.db", "ConnectionStrings:Tandem")]
    public async Task Start_BadSetting_ExitsNonZeroWithOneLineNamingIt(string variable, string value, string setting)
    {
        var (exit, output, error) = await Run(typeof(Program).Assembly.Location, variable, value);

        Assert.NotEqual(0, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(setting, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgreSqlUnreachable_ExitsNonZeroNamingTheConnectionString()
    {
        var (exit, _, error) = await Run(typeof(Program).Assembly.Location, "Tandem__Database__Provider", "PostgreSQL",
            ("ConnectionStrings__Tandem", "Host=127.0.0.1;Port=1;Database=none;Timeout=2"));

        Assert.NotEqual(0, exit);
        Assert.Contains("ConnectionStrings:Tandem", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_BadProvider_ExitsNonZeroWithOneLineNamingIt()
    {
        var cli = Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "tandem.dll");
        var (exit, _, error) = await Run(cli, "Tandem__Database__Provider", "Oracle", args: "db migrate");

        Assert.Equal(2, exit);
        Assert.Equal("tandem: Tandem:Database:Provider is 'Oracle': use Sqlite or PostgreSQL.", error.Trim());
    }

    private static Task<(int Exit, string Output, string Error)> Run(string dll, string variable, string value, (string, string)? extra = null, string args = "")
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Tandem__Demo"] = "false",
            [variable] = value,
        };
        if (extra is { } e)
        {
            environment[e.Item1] = e.Item2;
        }

        return AppProcess.RunToExit($"\"{dll}\" {args}", environment, "The process kept running: it should have stopped on the bad setting.");
    }
}

using System.Net;
using Microsoft.Extensions.Configuration;
using Tandem.Core.Data;
using Tandem.Core.Demo;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// A Production start refuses, with one line naming the setting, what would leave it open: the demo accounts
/// (their password is published), any Host header, and sessions over plain HTTP. The demo stays in Development,
/// and no password reaches the console or the log.
/// </summary>
public sealed class ProductionStartTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProductionStart_OnADatabaseWithTheDemoAccounts_RefusesNamingThem(string provider)
    {
        await using var demo = new TandemFactory(provider, demo: true);
        _ = demo.Services;

        var refusal = await StartRefusal(new Dictionary<string, string>
        {
            ["ConnectionStrings:Tandem"] = demo.Database.ConnectionString,
            ["Tandem:Database:Provider"] = provider,
        });

        Assert.StartsWith("Tandem:Demo: the database holds the demo accounts (", refusal, StringComparison.Ordinal);
        Assert.Contains("admin@demo.tandem", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoScenario.Password, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProductionStart_WithTheDemoSetting_RefusesBeforeCreatingAnyDemoAccount(string provider)
    {
        using var database = TestDatabase.Create(provider);

        var refusal = await StartRefusal(new Dictionary<string, string>
        {
            ["ConnectionStrings:Tandem"] = database.ConnectionString,
            ["Tandem:Database:Provider"] = provider,
            ["Tandem:Demo"] = "true",
        });

        Assert.StartsWith("Tandem:Demo: the demo scenario is for Development only", refusal, StringComparison.Ordinal);
        await using var inspect = new TandemFactory(provider, settings: new Dictionary<string, string?> { ["ConnectionStrings:Tandem"] = database.ConnectionString, ["Tandem:Database:Provider"] = provider });
        Assert.Equal(0, await inspect.WithDb(db => Task.FromResult(db.Users.Count(u => u.Email!.EndsWith("@demo.tandem")))));
    }

    [Fact]
    public void BaseSettings_LeaveTheDemoToDevelopment()
    {
        var folder = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var production = new ConfigurationBuilder().AddJsonFile(Path.Combine(folder, "appsettings.json")).Build();
        var development = new ConfigurationBuilder().AddJsonFile(Path.Combine(folder, "appsettings.json"))
            .AddJsonFile(Path.Combine(folder, "appsettings.Development.json")).Build();

        Assert.NotEqual("true", production["Tandem:Demo"]?.ToLowerInvariant());
        Assert.Equal("true", development["Tandem:Demo"]?.ToLowerInvariant());
        Assert.Null(production["AllowedHosts"]);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    public async Task ProductionStart_AnyHost_RefusesNamingAllowedHosts(string hosts)
    {
        var refusal = await StartRefusal(new Dictionary<string, string> { ["AllowedHosts"] = hosts });

        Assert.StartsWith("AllowedHosts: list the host names", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_RequestForAnotherHost_Answers400()
    {
        await using var production = new SecurityFactory(TestDatabase.Sqlite, new Dictionary<string, string?> { ["AllowedHosts"] = "tandem.example.org" }, "Production");
        using var ours = SecurityKit.Browser(production, new Uri("https://tandem.example.org"));
        using var other = SecurityKit.Browser(production, new Uri("https://attacker.example"));

        Assert.Equal(HttpStatusCode.OK, (await ours.GetAsync(new Uri("/account/sign-in", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.GetAsync(new Uri("/account/sign-in", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ProductionStart_InsecureHttpSessions_Refused()
    {
        var refusal = await StartRefusal(new Dictionary<string, string> { ["Tandem:Security:AllowInsecureHttp"] = "true" });

        Assert.StartsWith("Tandem:Security:AllowInsecureHttp:", refusal, StringComparison.Ordinal);
    }

    /// <summary>The built app as an operator starts it: no environment set (so Production), plain HTTP, no proxy.</summary>
    [Fact]
    public async Task ProductionProcess_PlainHttpWithoutProxy_ExitsWithOneLineNamingUrls()
    {
        var (exit, output, error) = await RunWebApp(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Urls"] = "http://127.0.0.1:0",
            ["AllowedHosts"] = "tandem.example.org",
        });

        Assert.NotEqual(0, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("tandem: Urls: Production serves sessions over HTTPS only", lines[0], StringComparison.Ordinal);
        Assert.Contains("Tandem:Proxy:KnownProxies", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionProcess_WithTheDemoSetting_ExitsWithoutPrintingThePassword()
    {
        var (exit, output, error) = await RunWebApp(new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["AllowedHosts"] = "tandem.example.org",
            ["Tandem__Proxy__KnownProxies"] = "127.0.0.1",
            ["Tandem__Demo"] = "true",
        });

        Assert.NotEqual(0, exit);
        Assert.StartsWith("tandem: Tandem:Demo:", error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(DemoScenario.Password, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts the built app in Production with a deployment's settings (its host names, HTTPS) changed by
    /// <paramref name="settings"/>, and returns the one line it stopped with, without the "tandem: " prefix.
    /// </summary>
    private static async Task<string> StartRefusal(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string> { ["AllowedHosts"] = "tandem.example.org", ["Urls"] = "https://127.0.0.1:0" };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var (exit, output, error) = await RunWebApp(environment);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "Expected one line, got: " + error);
        Assert.StartsWith("tandem: ", lines[0], StringComparison.Ordinal);
        return lines[0]["tandem: ".Length..].TrimEnd('\r');
    }

    private static Task<(int Exit, string Output, string Error)> RunWebApp(IReadOnlyDictionary<string, string> environment) =>
        AppProcess.RunToExit($"\"{typeof(Program).Assembly.Location}\"", environment,
            "The app kept running: a Production start with these settings must be refused.", withoutEnvironmentName: true);
}

/// <summary>The demo account list goes to the console; the console is process-wide, so this runs alone.</summary>
[Collection(Cli.CommandLineRunsAlone.Name)]
public sealed class DemoAccountListTests
{
    [Fact]
    public async Task DevelopmentStart_WithTheDemo_ListsTheAccountsWithoutThePasswordOnConsoleOrLog()
    {
        using var console = new StringWriter();
        using var synchronized = TextWriter.Synchronized(console);
        var original = Console.Out;
        Console.SetOut(synchronized);
        try
        {
            await using var factory = new SecurityFactory(TestDatabase.Sqlite, environment: "Development", demo: true);
            using var browser = SecurityKit.Browser(factory);
            await SecurityKit.SignInOk(browser, "admin@demo.tandem", DemoScenario.Password);

            Assert.Contains("admin@demo.tandem", console.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(DemoScenario.Password, console.ToString(), StringComparison.Ordinal);
            Assert.NotEmpty(factory.Logs.Lines);
            Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains(DemoScenario.Password, StringComparison.Ordinal));
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>The demo left the base settings, not the CLI: an operator can still load it into a database on purpose.</summary>
    [Fact]
    public async Task Cli_DemoLoad_StillCreatesTheDemoAccounts()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);

        var result = await Cli.CliRunner.Run(Cli.CliRunner.EnvironmentFor(database), "demo", "load");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("admin@demo.tandem", result.Output, StringComparison.Ordinal);
        await using var inspect = new TandemFactory(TestDatabase.Sqlite, settings: new Dictionary<string, string?> { ["ConnectionStrings:Tandem"] = database.ConnectionString });
        Assert.Equal(DemoScenario.Accounts.Count, await inspect.WithDb(db => Task.FromResult(db.Users.Count(u => u.Email!.EndsWith("@demo.tandem")))));

        // Both demo forums: the EPCC and the U.S.-EU Trade and Technology Council.
        Assert.Contains("Demo loaded (EPCC, TTC)", result.Output, StringComparison.Ordinal);
        Assert.Equal(["EPCC", "TTC"], await inspect.WithDb(db => Task.FromResult(db.Forums.Select(f => f.Code).OrderBy(c => c).ToList())));
    }
}

using System.Diagnostics;
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
        await using var production = new SecurityFactory(provider, new Dictionary<string, string?> { ["ConnectionStrings:Tandem"] = demo.Database.ConnectionString }, "Production");

        var refusal = StartRefusal(production);

        Assert.StartsWith("Tandem:Demo: the database holds the demo accounts (", refusal, StringComparison.Ordinal);
        Assert.Contains("admin@demo.tandem", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal);
        Assert.DoesNotContain(DemoScenario.Password, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProductionStart_WithTheDemoSetting_RefusesBeforeCreatingAnyDemoAccount(string provider)
    {
        await using var production = new SecurityFactory(provider, environment: "Production", demo: true);

        var refusal = StartRefusal(production);

        Assert.StartsWith("Tandem:Demo: the demo scenario is for Development only", refusal, StringComparison.Ordinal);
        await using var inspect = new TandemFactory(provider, settings: new Dictionary<string, string?> { ["ConnectionStrings:Tandem"] = production.Database.ConnectionString });
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

    [Fact]
    public async Task DevelopmentStart_WithTheDemo_ListsTheAccountsWithoutThePasswordOnConsoleOrLog()
    {
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
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

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    public void ProductionStart_AnyHost_RefusesNamingAllowedHosts(string hosts)
    {
        using var production = new SecurityFactory(TestDatabase.Sqlite, new Dictionary<string, string?> { ["AllowedHosts"] = hosts }, "Production");

        Assert.StartsWith("AllowedHosts: list the host names", StartRefusal(production), StringComparison.Ordinal);
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
    public void ProductionStart_InsecureHttpSessions_Refused()
    {
        using var production = new SecurityFactory(TestDatabase.Sqlite, new Dictionary<string, string?> { ["Tandem:Security:AllowInsecureHttp"] = "true" }, "Production");

        Assert.StartsWith("Tandem:Security:AllowInsecureHttp:", StartRefusal(production), StringComparison.Ordinal);
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

    /// <summary>The one-line message of the <see cref="ConfigurationException"/> that stopped the start.</summary>
    internal static string StartRefusal(TandemFactory factory)
    {
        var thrown = Record.Exception(() => factory.Services);
        for (var e = thrown; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            if (e is ConfigurationException configuration)
            {
                return configuration.Message;
            }
        }

        Assert.Fail(thrown is null ? "The start was not refused." : $"The start failed with {thrown.GetType().Name}, not a configuration message: {thrown.Message}");
        return "";
    }

    private static async Task<(int Exit, string Output, string Error)> RunWebApp(IReadOnlyDictionary<string, string> environment)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var start = new ProcessStartInfo("dotnet", $"\"{typeof(Program).Assembly.Location}\"")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            start.Environment.Remove("DOTNET_ENVIRONMENT");
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The app kept running: a Production start with these settings must be refused.");
            }

            return (process.ExitCode, await output, await error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's package) per test class; each test starts its own app on a
/// real Kestrel port with its own database, so tests never see each other's changes.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string? ScreenshotFolder => Environment.GetEnvironmentVariable("TANDEM_TEST_SCREENSHOTS");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TANDEM_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The app with the EPCC demo on SQLite, listening on a free local port over plain HTTP.</summary>
    internal static TandemFactory StartApp(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Tandem:Security:AllowInsecureHttp"] = "true" };
        var factory = new BrowserAppFactory(all);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    public async Task<IPage> NewPage(TandemFactory factory, string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var context = await Browser.NewContextAsync(new() { BaseURL = factory.ServerAddress.ToString().TrimEnd('/'), Locale = locale ?? "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static async Task Screenshot(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (ScreenshotFolder is { Length: > 0 } folder)
        {
            var path = Path.Combine(folder, name + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }

    public static async Task SignIn(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.Locator("main button[type=submit]").ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"Sign-in of {email} stayed on {page.Url}: {await page.Locator("main").InnerTextAsync()}", e);
        }
    }
}

/// <summary>
/// The test host runs in the "Testing" environment, where ASP.NET Core does not map the
/// project's wwwroot by itself; a browser needs the style sheet to show what a person sees.
/// </summary>
internal sealed class BrowserAppFactory(IDictionary<string, string?> settings) : TandemFactory(TestDatabase.Sqlite, demo: true, settings: settings)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseStaticWebAssets();
    }
}

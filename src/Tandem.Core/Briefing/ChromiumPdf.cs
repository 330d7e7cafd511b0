using System.Net;
using Microsoft.Playwright;

namespace Tandem.Core.Briefing;

/// <summary><c>Tandem:Briefing</c> settings.</summary>
public sealed class BriefingOptions
{
    public const string Section = "Tandem:Briefing";

    /// <summary>The installed Chromium that prints books and reports (Playwright never downloads a browser here).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Renders at once; further requests wait their turn, so a burst of books cannot exhaust the machine's memory.</summary>
    public int MaxConcurrentRenders { get; set; } = 2;

    /// <summary>How long one render may take before it is abandoned.</summary>
    public int RenderTimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Prints an HTML page to PDF with headless Chromium through Playwright: A4, the classification as a running header,
/// "page N of M" in the footer, and a PDF outline (bookmarks) built from the page's headings. One browser process is
/// started on first use and shared; each render gets its own context with JavaScript off and no network, and a
/// semaphore bounds how many render at once. Rendering is asynchronous, so waiting for Chromium holds no request thread.
/// </summary>
public sealed class ChromiumPdf(BriefingOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _renders = new(Math.Max(1, options?.MaxConcurrentRenders ?? 1));
    private readonly SemaphoreSlim _start = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Renders now running or waiting (for the progress shown in the UI and for tests).</summary>
    public int Pending => _pending;

    private int _pending;

    public async Task<byte[]> Render(string html, string classification, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(classification);
        Interlocked.Increment(ref _pending);
        try
        {
            await _renders.WaitAsync(ct);
            try
            {
                var browser = await Browser(ct);
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    JavaScriptEnabled = false,
                    Offline = true,
                    Locale = BriefingLanguage.IsJapanese(language) ? "ja-JP" : "en-US",
                });
                var page = await context.NewPageAsync();
                page.SetDefaultTimeout(options.RenderTimeoutSeconds * 1000f);
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
                ct.ThrowIfCancellationRequested();
                var banner = WebUtility.HtmlEncode(classification);
                var pageWord = WebUtility.HtmlEncode(BookWords.Get(language, "Page"));
                var ofWord = WebUtility.HtmlEncode(BookWords.Get(language, "of"));
                return await page.PdfAsync(new PagePdfOptions
                {
                    Format = "A4",
                    PrintBackground = true,
                    DisplayHeaderFooter = true,
                    HeaderTemplate = $"<div style=\"font-size:8px;width:100%;text-align:center;font-weight:700;letter-spacing:.05em;\">{banner}</div>",
                    FooterTemplate = $"<div style=\"font-size:8px;width:100%;display:flex;justify-content:space-between;padding:0 16mm;\"><span>{banner}</span>"
                        + $"<span>{pageWord} <span class=\"pageNumber\"></span> {ofWord} <span class=\"totalPages\"></span></span></div>",
                    Margin = new Margin { Top = "22mm", Bottom = "18mm", Left = "16mm", Right = "16mm" },
                    Outline = true,
                    Tagged = true,
                });
            }
            finally
            {
                _renders.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task<IBrowser> Browser(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } ready)
        {
            return ready;
        }

        await _start.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            if (!File.Exists(options.ChromiumPath))
            {
                throw new InvalidOperationException($"Chromium was not found at {options.ChromiumPath}: install it or set {BriefingOptions.Section}:ChromiumPath.");
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            return _browser;
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _renders.Dispose();
        _start.Dispose();
    }
}

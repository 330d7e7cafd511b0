using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Browser;

/// <summary>
/// Visits every page a user can reach (the lists, the forms and one record of each kind from the demo) in English
/// and Japanese, on a 320 px wide phone, and reports what a person would trip over: a page wider than the screen
/// at 320 or 360 px, a header control pushed off-screen, and (with axe-core) any WCAG 2.1 A/AA violation.
/// </summary>
internal static partial class PageSweep
{
    public const int Narrowest = 320;
    public const int Narrow = 360;

    /// <summary>The pages without an id, for every signed-in user (pages a role may not open answer the 403 page, checked too).</summary>
    public static readonly string[] Routes =
    [
        "/", "/account", "/account/password", "/account/tokens", "/account/two-factor", "/notifications",
        "/forums", "/agencies", "/parties", "/meetings", "/commitments", "/compliance", "/compliance/partnership",
        "/consultation", "/consultation/organisations", "/evidence", "/programmes", "/programmes/matrix", "/programmes/rates",
        "/notices", "/coercion", "/documents", "/documents/upload", "/audit", "/admin",
        "/forums/new", "/agencies/new", "/parties/new", "/programmes/new", "/notices/new", "/consultation/new",
        "/account/notifications", "/consultation/register", "/search?q=semiconductor", "/no-such-page",
    ];

    /// <summary>
    /// Forms sent empty (the browser's own checks turned off) so the page answers with its errors: the error summary and
    /// the fields marked invalid are checked too. A form this user is not offered is skipped.
    /// </summary>
    public static readonly (string Route, string Form)[] RefusedForms =
    [
        ("/documents/upload", "upload-document"), ("/notices/new", "notice"), ("/coercion", "incident"),
        ("/consultation/new", "new-call"), ("/meetings", "meeting-create"), ("/compliance", "cycle-create"),
        ("/evidence", "scenario"), ("/account/password", "change-password"), ("/account/tokens", "token-create"),
        ("/forums/new", "forum-edit"), ("/programmes/new", "programme-edit"),
    ];

    /// <summary>Record pages are found by following the lists' links: one of each kind this user may see.</summary>
    [GeneratedRegex("^/(forums|agencies|parties|tracks|meetings|commitments|compliance|consultation|consultation/submissions|evidence/analyses|programmes|notices|coercion|documents)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/summary|/aggregates|/label|/edit|/delete|/receipt|/tracks/new)?$")]
    private static partial Regex RecordPage();

    public static async Task<IBrowserContext> NewContext(IBrowser browser, TandemFactory factory) =>
        await browser.NewContextAsync(new()
        {
            BaseURL = factory.ServerAddress.ToString().TrimEnd('/'),
            Locale = "en-US",
            ViewportSize = new() { Width = Narrowest, Height = 800 },
            // axe is injected as a script; the app's own policy allows only its own scripts.
            BypassCSP = true,
        });

    public static Task UseLanguage(IBrowserContext context, TandemFactory factory, string culture) =>
        context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = factory.ServerAddress.ToString() }]);

    /// <summary>The record pages linked from the pages visited so far, one per kind.</summary>
    public static async Task<IReadOnlyList<string>> RecordLinks(IPage page)
    {
        var hrefs = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('main a[href]')).map(a => new URL(a.href).pathname)");
        return hrefs.Where(h => RecordPage().IsMatch(h)).ToList();
    }

    /// <summary>
    /// Opens every route, then every record page linked from them (one per kind), in English and then in Japanese,
    /// and gathers what <paramref name="check"/> finds on each, prefixed with the language and the page.
    /// </summary>
    public static async Task<(List<string> Problems, int Pages, IReadOnlyCollection<string> RecordKinds)> Visit(
        IBrowserContext context, IPage page, TandemFactory factory, IEnumerable<string> routes, Func<IPage, Task<IEnumerable<string>>> check)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new List<string>();
        var records = new Dictionary<string, string>();
        var pages = 0;
        foreach (var culture in new[] { "en", "ja" })
        {
            await UseLanguage(context, factory, culture);
            var queue = routes.Concat(records.Values).ToList();
            for (var i = 0; i < queue.Count; i++)
            {
                var route = queue[i];
                var response = await page.GotoAsync(route);
                if (response is { Status: >= 500 })
                {
                    problems.Add($"{culture} {route}: answered {response.Status}");
                }

                foreach (var link in await RecordLinks(page))
                {
                    if (records.TryAdd(Kind(link), link))
                    {
                        queue.Add(link);
                    }
                }

                pages++;
                problems.AddRange((await check(page)).Select(p => $"{culture} {route}: {p}"));
            }
        }

        return (problems, pages, records.Keys);
    }

    /// <summary>Sends each of <see cref="RefusedForms"/> empty, in English and Japanese, and gathers what <paramref name="check"/> finds on the answer.</summary>
    public static async Task<(List<string> Problems, int Pages)> VisitRefusedForms(IBrowserContext context, IPage page, TandemFactory factory, Func<IPage, Task<IEnumerable<string>>> check)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new List<string>();
        var pages = 0;
        foreach (var culture in new[] { "en", "ja" })
        {
            await UseLanguage(context, factory, culture);
            foreach (var (route, form) in RefusedForms)
            {
                await page.GotoAsync(route);
                var submit = page.Locator($"main form:has(input[name=_handler][value=\"{form}\"]) button[type=submit]").First;
                if (await submit.CountAsync() == 0)
                {
                    continue;
                }

                await page.EvaluateAsync("() => document.querySelectorAll('form').forEach(f => f.noValidate = true)");
                await page.RunAndWaitForResponseAsync(() => submit.ClickAsync(), r => r.Request.IsNavigationRequest && r.Request.Method == "POST");
                await page.WaitForLoadStateAsync();
                pages++;
                if (await page.Locator("[aria-invalid=true], .error-summary, [role=alert]").CountAsync() == 0)
                {
                    problems.Add($"{culture} {route} ({form}) sent empty: no error shown");
                }

                problems.AddRange((await check(page)).Select(p => $"{culture} {route} ({form}) sent empty: {p}"));
            }
        }

        return (problems, pages);
    }

    /// <summary>
    /// The passages of the page's main content written in English (two words of prose or more, no Japanese), each with the
    /// language a screen reader would read it in (the nearest lang attribute): [text, lang].
    /// </summary>
    public const string EnglishPassages = """
        () => {
          const out = [];
          const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent.trim();
            const owner = n.parentElement;
            // Prose: two words in a row with lower-case letters; codes, markings, addresses and file names are not read as words.
            if (!/\b[A-Za-z]?[a-z]+\s+[A-Za-z]?[a-z]+\b/.test(text) || /[\u3000-\u9fff\uff00-\uffef]|:\/\/|@/.test(text)) continue;
            if (owner.closest('script, style, option, [hidden], .visually-hidden, code, pre, input, textarea')) continue;
            const lang = owner.closest('[lang]');
            out.push([text.slice(0, 80), lang ? lang.getAttribute('lang') : '']);
          }
          return out;
        }
        """;

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "axe", "axe.min.js")));

    /// <summary>
    /// axe-core's WCAG 2.1 A and AA rules on the page as it stands: one line per violation, naming its rule and where it is;
    /// plus duplicate ids and scrolling tables that cannot take the focus.
    /// </summary>
    public static async Task<IEnumerable<string>> Axe(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
              return r.violations.map(v => ({ id: v.id, impact: v.impact || '', targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\n').slice(1, 2).join('').trim()) }));
            }
            """);
        var found = violations.EnumerateArray().Select(v =>
            $"axe {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) at {string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}").ToList();

        // What axe 4.x no longer reports as a WCAG failure but a screen reader still trips over: two fields with one id
        // (a label then names the wrong one), and a scrolling table a keyboard cannot reach or a reader cannot name.
        found.AddRange(await page.EvaluateAsync<string[]>("""
            () => {
              const seen = new Map();
              document.querySelectorAll('[id]').forEach(e => seen.set(e.id, (seen.get(e.id) || 0) + 1));
              const dup = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `duplicate id "${id}" (${n} elements)`);
              const tables = [...document.querySelectorAll('.table-scroll')]
                .filter(e => e.getAttribute('tabindex') !== '0' || !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')))
                .map(e => 'scrollable table without tabindex="0" and a label');
              return dup.concat(tables);
            }
            """));
        return found;
    }

    /// <summary>
    /// What a reader should never have to decode in the page's main content: record ids (GUIDs), raw JSON and numbers with
    /// ten or more decimals. Text inside inputs, code samples and the API token shown once is not read. At most three
    /// examples per page.
    /// </summary>
    public static async Task<IEnumerable<string>> RawValues(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const main = document.querySelector('main');
              if (!main) return [];
              const out = [];
              const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const owner = n.parentElement;
                if (owner.closest('script, style, code, pre, input, textarea, [hidden], .visually-hidden')) continue;
                const text = n.textContent;
                const guid = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
                const json = text.match(/[\[{]\s*"[A-Za-z_]+"\s*:/);
                const long = text.match(/\d+\.\d{10,}/);
                for (const m of [guid && ['id', guid[0]], json && ['JSON', json[0]], long && ['long decimal', long[0]]]) {
                  if (m) out.push(`${m[0]} "${m[1]}" in <${owner.tagName.toLowerCase()}>: ${text.trim().slice(0, 60)}`);
                }
                if (out.length >= 3) break;
              }
              return out;
            }
            """);
        return found.Select(f => "raw value: " + f);
    }

    /// <summary>A file name for a page's screenshot: its language, width and route.</summary>
    public static string ScreenshotName(string culture, int width, string url)
    {
        var path = new Uri(url).PathAndQuery.Trim('/');
        var slug = Regex.Replace(path.Length == 0 ? "home" : path, "[^A-Za-z0-9]+", "-").Trim('-');
        return $"pages/{culture}-{width}px-{(slug.Length > 100 ? slug[..100] : slug)}";
    }

    /// <summary>
    /// The check of a page as a reader sees it: no raw values, and a screenshot of it (full page, at the current width) kept
    /// with the test results when <c>TANDEM_TEST_SCREENSHOTS</c> names a folder.
    /// </summary>
    public static async Task<IEnumerable<string>> Photograph(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var culture = await page.EvaluateAsync<string>("() => document.documentElement.lang || 'en'");
        await BrowserFixture.Screenshot(page, ScreenshotName(culture, page.ViewportSize?.Width ?? 0, page.Url));
        return await RawValues(page);
    }

    public static string Kind(string path) => RecordPage().Replace(path, m => m.Groups[1].Value + m.Groups[2].Value);

    /// <summary>Layout problems at 320 px and 360 px: the page scrolls sideways, or a header control lies outside the screen.</summary>
    public static async Task<IReadOnlyList<string>> LayoutProblems(IPage page)
    {
        var problems = new List<string>();
        foreach (var width in new[] { Narrowest, Narrow })
        {
            await page.SetViewportSizeAsync(width, 800);
            var result = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const doc = document.documentElement;
                  const off = Array.from(document.querySelectorAll('header a, header button, header input, header select'))
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5); })
                    .map(e => (e.textContent || e.getAttribute('aria-label') || e.tagName).trim());
                  return { scrollWidth: doc.scrollWidth, width: window.innerWidth, off };
                }
                """);
            var scrollWidth = result.GetProperty("scrollWidth").GetInt32();
            if (scrollWidth > result.GetProperty("width").GetInt32())
            {
                problems.Add($"at {width} px the page is {scrollWidth} px wide ({await WidestElement(page)})");
            }

            foreach (var off in result.GetProperty("off").EnumerateArray())
            {
                problems.Add($"at {width} px the header control \"{off.GetString()}\" is off-screen");
            }
        }

        await page.SetViewportSizeAsync(Narrowest, 800);
        return problems;
    }

    private static Task<string> WidestElement(IPage page) => page.EvaluateAsync<string>("""
        () => {
          let worst = null;
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > window.innerWidth + 0.5 && !(e.parentElement && e.parentElement.closest('.table-scroll')) && (!worst || r.right > worst.r)) {
              worst = { r: r.right, d: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') };
            }
          }
          return worst ? worst.d + ' reaches ' + Math.round(worst.r) + ' px' : 'no single element';
        }
        """);
}

using System.Net;

namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>
/// One kind of labelled record in the access matrix: how a creator makes one under a given label, and
/// every read path (API and UI) that could show it. <see cref="AccessMatrixTests"/> runs every subject
/// through the same engine against the same oracle table.
/// </summary>
internal abstract class MatrixSubject
{
    public abstract string Name { get; }

    /// <summary>Whether the subject needs the EPCC demo (forums, meetings, commitments, consultation calls).</summary>
    public virtual bool NeedsDemo => true;

    /// <summary>
    /// Who creates the record of a row of <see cref="AccessMatrixTests"/>' table: by default the table's own
    /// creator. Null leaves the row out for this kind — the subject says why in a comment.
    /// </summary>
    public virtual string? Creator(string row, string tableCreator) => tableCreator;

    /// <summary>Rows whose expected answers differ for this kind, each with the reason in a comment where declared.</summary>
    public virtual IReadOnlyDictionary<string, string> ExpectedOverrides { get; } = new Dictionary<string, string>();

    /// <summary>Anything the subject needs once per world (trade data, a parent meeting …).</summary>
    public virtual Task Prepare(MatrixWorld world) => Task.CompletedTask;

    /// <summary>Creates one record through the API; returns its id. <paramref name="title"/> is unique and appears on every read path.</summary>
    public abstract Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title);

    public abstract IReadOnlyList<Probe> Probes { get; }

    public override string ToString() => Name;
}

/// <summary>A record under test, as the probes see it.</summary>
internal sealed record MatrixRecord(string Row, Guid Id, string Title);

/// <summary>One read path: its route template (as the endpoint enumeration names it) and how to observe a record on it.</summary>
internal sealed record Probe(string Route, string Name, Func<ProbeContext, Task<bool>> Observe)
{
    /// <summary>A detail endpoint: 200 means shown, 404 means hidden; any other status is a failure of its own.</summary>
    public static Probe Detail(string route, string name, Func<MatrixRecord, string> path) =>
        new(route, name, async c =>
        {
            using var response = await c.Client.GetAsync(new Uri(path(c.Record), UriKind.Relative));
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
            {
                c.Fail($"{path(c.Record)} answered {(int)response.StatusCode}; a detail endpoint answers 200 or 404");
            }

            return response.StatusCode == HttpStatusCode.OK;
        });

    /// <summary>A UI detail page: 200 with the title, or 404 without it.</summary>
    public static Probe Page(string route, string name, Func<MatrixRecord, string> path) =>
        new(route, name, async c =>
        {
            using var response = await c.Client.GetAsync(new Uri(path(c.Record), UriKind.Relative));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            var shown = html.Contains(c.Record.Title, StringComparison.Ordinal);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound) || shown != (response.StatusCode == HttpStatusCode.OK))
            {
                c.Fail($"{path(c.Record)} answered {(int)response.StatusCode} with the title {(shown ? "shown" : "not shown")}");
            }

            return shown;
        });

    /// <summary>
    /// A listing (API list, export, feed, UI list) fetched once per reader: the record is shown when its id or
    /// title appears. A role the listing is not for may be refused (403, or a redirect to the sign-in or denied page).
    /// </summary>
    public static Probe Listing(string route, string name, string path, bool byTitle = false) =>
        new(route, name, async c =>
        {
            var (status, body) = await c.Fetch(path);
            if (status is not (HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.Redirect))
            {
                c.Fail($"{path} answered {(int)status}");
            }

            return status == HttpStatusCode.OK && body.Contains(byTitle ? c.Record.Title : c.Record.Id.ToString("D"), StringComparison.Ordinal);
        });

    /// <summary>
    /// A container of the records (a commitment with its progress reports, a meeting with its papers) at one address for
    /// every record: fetched once per reader. The container itself may be hidden from the reader (404); the record is
    /// shown when its id (or title) appears.
    /// </summary>
    public static Probe Container(string route, string name, Func<string> path, bool byTitle = false) =>
        new(route, name, async c =>
        {
            var url = path();
            var (status, body) = await c.Fetch(url);
            if (status is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
            {
                c.Fail($"{url} answered {(int)status}");
            }

            return status == HttpStatusCode.OK && body.Contains(byTitle ? c.Record.Title : c.Record.Id.ToString("D"), StringComparison.OrdinalIgnoreCase);
        });

    /// <summary>
    /// A page or endpoint that acts on the record or is for some roles only (edit, delete, aggregates): a reader who may
    /// see the record gets it (200) or, without the right, a refusal (403); a reader who may not see it gets 404, never
    /// 403, and a 404 never shows the title. A 200 shows the record: its title (pages) or its id (JSON).
    /// </summary>
    public static Probe Guarded(string route, string name, Func<MatrixRecord, string> path, bool byId = false) =>
        new(route, name, async c =>
        {
            using var response = await c.Client.GetAsync(new Uri(path(c.Record), UriKind.Relative));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            var mark = byId ? c.Record.Id.ToString("D") : c.Record.Title;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            {
                c.Fail($"{path(c.Record)} answered {(int)response.StatusCode}");
            }

            // A problem body may name the requested path, and with it the id: a 404 is checked for the title only.
            if (response.StatusCode == HttpStatusCode.NotFound && html.Contains(c.Record.Title, StringComparison.Ordinal))
            {
                c.Fail($"{path(c.Record)} answered {(int)response.StatusCode} and still showed the record");
            }

            if (response.StatusCode == HttpStatusCode.OK && !html.Contains(mark, StringComparison.OrdinalIgnoreCase))
            {
                c.Fail($"{path(c.Record)} answered 200 without the record");
            }

            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden;
        });

    /// <summary>The one search across every kind of record (API and results page), narrowed to the record by its unique title.</summary>
    public static Probe[] EverySearch =>
    [
        Search("/api/v1/search", "global search API", r => $"/api/v1/search?q={Uri.EscapeDataString(r.Title)}&pageSize=200"),
        Search("/search", "global search page", r => $"/search?q={Uri.EscapeDataString(r.Title)}"),
    ];

    /// <summary>A listing narrowed to the record (a search, a filter, its container's page): fetched per record; a container the reader may not see answers 404.</summary>
    public static Probe Search(string route, string name, Func<MatrixRecord, string> path, bool byTitle = false) =>
        new(route, name, async c =>
        {
            var url = path(c.Record);
            using var response = await c.Client.GetAsync(new Uri(url, UriKind.Relative));
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect))
            {
                c.Fail($"{url} answered {(int)response.StatusCode}");
            }

            return response.StatusCode == HttpStatusCode.OK && body.Contains(byTitle ? c.Record.Title : c.Record.Id.ToString("D"), StringComparison.OrdinalIgnoreCase);
        });
}

/// <summary>What a probe works with: the reader's client, the record, the reader's fetched listings, and a place to note failures.</summary>
internal sealed class ProbeContext(HttpClient client, Dictionary<string, (HttpStatusCode, string)> listings, Action<string> fail)
{
    public HttpClient Client { get; } = client;

    public MatrixRecord Record { get; set; } = null!;

    public void Fail(string message) => fail(message);

    public async Task<(HttpStatusCode Status, string Body)> Fetch(string path)
    {
        if (!listings.TryGetValue(path, out var fetched))
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            fetched = (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
            listings[path] = fetched;
        }

        return fetched;
    }
}

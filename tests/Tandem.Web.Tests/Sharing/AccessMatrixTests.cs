using System.Net;
using System.Net.Http.Json;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing;

/// <summary>
/// SECURITY.md row 1: one access policy decides every read path. Readers of two parties, several
/// agencies and roles (a company contributor and an auditor among them) × records of every label
/// kind × every read endpoint of the API and the UI. The expected answers come from the table
/// below, written by hand from SECURITY.md — never from the access policy under test.
/// </summary>
public sealed class AccessMatrixTests
{
    /// <summary>The readers, in the column order of <see cref="Expected"/>.</summary>
    private static readonly (string Key, string Agency, string Role)[] Readers =
    [
        ("dos", "DOS", Roles.Member),
        ("doc", "DOC", Roles.Member),
        ("meti", "METI", Roles.Member),
        ("metiAnalyst", "METI", Roles.Analyst),
        ("mofa", "MOFA", Roles.Secretariat),
        ("company", "SEMI", Roles.Contributor),
        ("auditor", "DOS", Roles.Auditor),
        ("admin", "DOS", Roles.Admin),
    ];

    /// <summary>Each record: who uploads it, with which label fields.</summary>
    private static readonly (string Kind, string Uploader, Dictionary<string, string> Label)[] Records =
    [
        ("CLEAR", "dos", new() { ["level"] = "Clear" }),
        ("GREEN", "meti", new() { ["level"] = "Green" }),
        ("AMBER", "doc", new() { ["level"] = "Amber", ["recipientAgencies"] = "METI" }),
        ("AMBER+STRICT", "mofa", new() { ["level"] = "AmberStrict" }),
        ("RED", "doc", new() { ["level"] = "Red", ["recipientUsers"] = "meti@matrix.test" }),
        ("REL TO JPN", "mofa", new() { ["level"] = "Green", ["releasableTo"] = "JPN" }),
        ("USA ONLY", "dos", new() { ["level"] = "Green", ["originatorOnly"] = "true" }),
        ("CBI", "company", new() { ["level"] = "Amber", ["recipientAgencies"] = "METI", ["caveats"] = "CBI" }),
        ("EMBARGOED", "meti", new() { ["level"] = "Green", ["embargoedUntil"] = "2099-01-01" }),
    ];

    /// <summary>Who may see what (Y) — the promise, written out. Columns follow <see cref="Readers"/>.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        //                     dos doc meti metiA mofa comp aud adm
        ["CLEAR"] =          "  Y   Y   Y    Y     Y    Y    Y   Y",
        ["GREEN"] =          "  Y   Y   Y    Y     Y    -    Y   Y",
        ["AMBER"] =          "  -   Y   Y    Y     -    -    -   -",
        ["AMBER+STRICT"] =   "  -   -   -    -     Y    -    -   -",
        ["RED"] =            "  -   Y   Y    -     -    -    -   -",
        ["REL TO JPN"] =     "  -   -   Y    Y     Y    -    -   -",
        ["USA ONLY"] =       "  Y   Y   -    -     -    -    Y   Y",
        ["CBI"] =            "  -   -   Y    Y     -    Y    -   -",
        ["EMBARGOED"] =      "  -   -   Y    Y     -    -    -   -",
    };

    /// <summary>Every read path the matrix exercises; <see cref="EndpointCoverageTests"/> fails for a GET endpoint in neither this set nor its allow-list.</summary>
    public static readonly IReadOnlySet<string> CoveredEndpoints = new HashSet<string>(StringComparer.Ordinal)
    {
        "/api/v1/documents",
        "/api/v1/documents/export",
        "/api/v1/documents/{id:guid}",
        "/api/v1/documents/{id:guid}/versions",
        "/api/v1/documents/{id:guid}/download",
        "/api/v1/documents/{id:guid}/versions/{number:int}/download",
        "/documents",
        "/documents/{Id:guid}",
        "/documents/{Id:guid}/label",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryReadEndpoint_EveryReaderAndLabel_AnswersAsTheTableSays(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var users = new Dictionary<string, TestUser>();
        foreach (var (key, agency, role) in Readers)
        {
            users[key] = await factory.CreateUser($"{key}@matrix.test", agency, role);
        }

        var token = Guid.NewGuid().ToString("N")[..8];
        var records = new List<(string Kind, Guid Id, string Title)>();
        foreach (var (kind, uploader, label) in Records)
        {
            using var client = factory.ClientFor(users[uploader]);
            var title = $"Matrix {kind} {token}";
            var document = await DocumentKit.UploadOk(client, title, label);
            records.Add((kind, document.Id, title));
        }

        var failures = new List<string>();
        for (var column = 0; column < Readers.Length; column++)
        {
            var reader = Readers[column].Key;
            using var client = factory.ClientFor(users[reader]);
            var list = await client.GetFromJsonAsync<PageView>(new Uri("/api/v1/documents?pageSize=200", UriKind.Relative), DocumentKit.Json);
            var export = await client.GetStringAsync(new Uri("/api/v1/documents/export", UriKind.Relative));
            var listPage = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/documents", UriKind.Relative)));
            foreach (var (kind, id, title) in records)
            {
                var expected = Expected[kind].Split(' ', StringSplitOptions.RemoveEmptyEntries)[column] == "Y";
                var search = await client.GetFromJsonAsync<PageView>(new Uri($"/api/v1/documents?search={Uri.EscapeDataString(title)}", UriKind.Relative), DocumentKit.Json);
                var observed = new Dictionary<string, bool>
                {
                    ["API detail"] = await Status(client, $"/api/v1/documents/{id}"),
                    ["API versions"] = await Status(client, $"/api/v1/documents/{id}/versions"),
                    ["API download"] = await Status(client, $"/api/v1/documents/{id}/download"),
                    ["API version download"] = await Status(client, $"/api/v1/documents/{id}/versions/1/download"),
                    ["API list"] = list!.Items.Any(i => i.Id == id),
                    ["API search"] = search!.Items.Any(i => i.Id == id),
                    ["API export"] = export.Contains(id.ToString("D"), StringComparison.Ordinal),
                    ["UI list"] = listPage.Contains(title, StringComparison.Ordinal),
                    ["UI detail"] = await Page(client, $"/documents/{id}", title),
                    ["UI label page"] = await Page(client, $"/documents/{id}/label", title),
                };
                failures.AddRange(observed.Where(o => o.Value != expected)
                    .Select(o => $"{reader} × {kind} × {o.Key}: expected {(expected ? "visible" : "hidden")}, was {(o.Value ? "visible" : "hidden")}"));
            }
        }

        Assert.True(failures.Count == 0, $"{provider}: {failures.Count} cells differ from the table:\n" + string.Join("\n", failures));
    }

    /// <summary>True for 200, false for 404; anything else is a failure of its own (a leak by status code).</summary>
    private static async Task<bool> Status(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<bool> Page(HttpClient client, string path, string title)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var shown = html.Contains(title, StringComparison.Ordinal);
        Assert.True(shown == (response.StatusCode == HttpStatusCode.OK), $"{path}: status {(int)response.StatusCode} but title {(shown ? "shown" : "not shown")}");
        return shown;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Demo;
using Tandem.Core.Search;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing;
using Tandem.Web.Tests.Ui;

namespace Tandem.Web.Tests.Search;

/// <summary>One search across every kind of record: what each reader finds, in English and Japanese, and nothing more.</summary>
public sealed class SearchTests
{
    private const string Meti = "officer.meti@demo.tandem";
    private const string Doc = "officer.doc@demo.tandem";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MetiOfficer_SearchingSemiconductorInBothLanguages_FindsJapaneseAndEnglishRecords_NeverTheUsOnlyOnes(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var doc = await ClientFor(factory, Doc);
        using var meti = await ClientFor(factory, Meti);

        // Two records for the United States alone, with both words in their title and in their file.
        var usOnly = await UploadText(doc, "U.S. semiconductor 半導体 stockpile assessment",
            new Dictionary<string, string> { ["level"] = "Green", ["originatorOnly"] = "true" }, "米国のみ: 半導体 semiconductor reserves");
        var commerceOnly = await UploadText(doc, "Commerce semiconductor 半導体 licensing notes",
            new Dictionary<string, string> { ["level"] = "Amber" }, "半導体 semiconductor export licences");

        // A Japanese document whose title does not say it: found by the words in its file.
        await UploadText(meti, "供給網の点検メモ", new Dictionary<string, string> { ["level"] = "Green" }, "次世代半導体の供給網について、経済産業省の所見。");

        var japanese = await Search(meti, "半導体");
        var english = await Search(meti, "semiconductor");
        var commerce = await Search(doc, "semiconductor");

        // Japanese: the agenda item of the demo ministerial and the METI memo (by its extracted text).
        Assert.Contains(japanese.Hits, h => h.Kind == SearchKinds.AgendaItem);
        Assert.Contains(japanese.Hits, h => h.Kind == SearchKinds.Document && h.Title == "供給網の点検メモ" && h.Snippet.Contains("<mark>半導体</mark>", StringComparison.Ordinal));

        // English: the demo's call for input and its community document.
        Assert.Contains(english.Hits, h => h.Kind == SearchKinds.ConsultationCall && h.Title == DemoConsultation.CallTitle);
        Assert.Contains(english.Hits, h => h.Kind == SearchKinds.Document && h.Title == "Semiconductor supply-chain overview (demo)");
        Assert.All(english.Hits, h => Assert.Contains("<mark>", h.Snippet, StringComparison.Ordinal));

        // Nothing for the U.S. alone, in the hits or in the totals; the totals count exactly the hits there are.
        foreach (var result in new[] { japanese, english })
        {
            Assert.DoesNotContain(result.Hits, h => h.Id == usOnly.Id || h.Id == commerceOnly.Id);
            Assert.DoesNotContain(result.Hits, h => h.Label.Contains("USA ONLY", StringComparison.Ordinal));
            Assert.Equal(result.Hits.Count, result.Total);
        }

        // The U.S. records are in the index: their own agency finds them.
        Assert.Contains(commerce.Hits, h => h.Id == usOnly.Id);
        Assert.Contains(commerce.Hits, h => h.Id == commerceOnly.Id);
        Assert.Equal(commerce.Hits.Count, commerce.Total);

        // Paging keeps the total and the order.
        var first = await Search(meti, "semiconductor", "&pageSize=1&page=1");
        var second = await Search(meti, "semiconductor", "&pageSize=1&page=2");
        Assert.Equal(english.Total, first.Total);
        Assert.Equal(english.Hits[0].Id, first.Hits.Single().Id);
        Assert.Equal(english.Hits[1].Id, second.Hits.Single().Id);

        // Filters by kind and label narrow the same search.
        var calls = await Search(meti, "semiconductor", "&kinds=consultationCall");
        Assert.All(calls.Hits, h => Assert.Equal(SearchKinds.ConsultationCall, h.Kind));
        Assert.NotEmpty(calls.Hits);
        var amber = await Search(doc, "semiconductor", "&label=Amber&kinds=document");
        Assert.Contains(amber.Hits, h => h.Id == commerceOnly.Id);
        Assert.All(amber.Hits, h => Assert.StartsWith("TLP:AMBER", h.Label, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RecordChangedInATransaction_IsFoundByItsNewWords_OnlyOnceCommitted_AndARelabelHidesIt(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var meti = await ClientFor(factory, Meti);
        using var mofa = await ClientFor(factory, "secretariat.jp@demo.tandem");
        var commitment = await factory.WithDb(db => db.Set<Commitment>().OrderBy(c => c.Code).Select(c => c.Id).FirstAsync());

        // Rolled back: the index row changed with the record inside the transaction, and is gone with it.
        var seenInside = await factory.WithDb(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var record = await db.Set<Commitment>().SingleAsync(c => c.Id == commitment);
            record.TextEn += " Joint quokka habitat survey";
            await db.SaveChangesAsync();
            var inside = await db.Set<SearchEntry>().Where(e => e.RecordId == commitment).Select(e => e.Title).SingleAsync();
            await transaction.RollbackAsync();
            return inside;
        });
        Assert.Contains("quokka", seenInside, StringComparison.Ordinal);
        Assert.Equal(0, (await Search(meti, "quokka")).Total);

        // Committed: found by the new words at once.
        await factory.WithDb(async db =>
        {
            var record = await db.Set<Commitment>().SingleAsync(c => c.Id == commitment);
            record.TextEn += " Joint quokka habitat survey";
            record.TextJa += "クオッカの生息地調査";
            await db.SaveChangesAsync();
        });
        Assert.Contains((await Search(meti, "quokka habitat")).Hits, h => h.Id == commitment && h.Kind == SearchKinds.Commitment);
        Assert.Contains((await Search(meti, "クオッカ")).Hits, h => h.Id == commitment);

        // A label made narrower takes the record out of other readers' searches with it.
        var memo = await UploadText(meti, "Xylophone market memo", new Dictionary<string, string> { ["level"] = "Green" }, "Tuned percussion imports.");
        Assert.Contains((await Search(mofa, "xylophone")).Hits, h => h.Id == memo.Id);
        using (var relabel = await meti.PutAsync(new Uri($"/api/v1/documents/{memo.Id}/label", UriKind.Relative),
            new StringContent("""{"level":"AmberStrict","version":1}""", Encoding.UTF8, "application/json")))
        {
            Assert.True(relabel.IsSuccessStatusCode, await relabel.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, (await Search(mofa, "xylophone")).Total);
        Assert.Contains((await Search(meti, "xylophone")).Hits, h => h.Id == memo.Id && h.Label.StartsWith("TLP:AMBER+STRICT", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EverySearch_IsAudited_WithItsWordsAndHits_AndAnEmptyQueryIsRefusedNamingQ(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var meti = await ClientFor(factory, Meti);

        var result = await Search(meti, "semiconductor");
        using var empty = await meti.GetAsync(new Uri("/api/v1/search?q=", UriKind.Relative));
        using var missing = await meti.GetAsync(new Uri("/api/v1/search", UriKind.Relative));
        using var badKind = await meti.GetAsync(new Uri("/api/v1/search?q=x&kinds=spaceship", UriKind.Relative));
        using var anonymous = factory.CreateClient();
        using var unsigned = await anonymous.GetAsync(new Uri("/api/v1/search?q=semiconductor", UriKind.Relative));

        var entry = await factory.WithDb(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Search && e.ActorName == Meti).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync());
        Assert.NotNull(entry);
        var details = JsonNode.Parse(entry.Details)!;
        Assert.Equal("semiconductor", (string?)details["q"]);
        Assert.Equal(result.Total, (int)details["hits"]!);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull(JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["errors"]!["q"]);
        Assert.NotNull(JsonNode.Parse(await badKind.Content.ReadAsStringAsync())!["errors"]!["kinds"]);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task HeaderBox_OnEveryPage_LeadsToTheResultsPage_WithFiltersPagingAndAnEmptyState_InBothLanguages()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var english = new UiSession(factory);
        using var japanese = new UiSession(factory, culture: "ja-JP");
        await english.SignIn(Meti, DemoScenario.Password);
        await japanese.SignIn(Meti, DemoScenario.Password);

        var forums = await english.Get("/forums");
        var documents = await english.Get("/documents");
        var results = await english.Get("/search?q=semiconductor");
        var onlyCalls = await english.Get("/search?q=semiconductor&kinds=consultationCall");
        var paged = await english.Get("/search?q=semiconductor&page=2");
        var nothing = await english.Get("/search?q=zzqxv");
        var resultsJa = await japanese.Get("/search?q=" + Uri.EscapeDataString("半導体"));

        foreach (var page in new[] { forums, documents })
        {
            Assert.Contains("action=\"/search\"", page.Html, StringComparison.Ordinal);
            Assert.Contains("name=\"q\"", page.Html, StringComparison.Ordinal);
        }

        Assert.Contains(DemoConsultation.CallTitle, results.Text, StringComparison.Ordinal);
        Assert.Contains("<mark>", results.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("results for “semiconductor”", results.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("data-kind=\"document\"", onlyCalls.Html, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"consultationCall\"", onlyCalls.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, paged.Status);
        Assert.Contains("Nothing you may see matches “zzqxv”.", nothing.Text, StringComparison.Ordinal);
        Assert.Contains("検索結果", resultsJa.Text, StringComparison.Ordinal);
        Assert.Contains("次世代半導体を含む重要・新興技術", resultsJa.Text, StringComparison.Ordinal);
    }

    internal sealed record Hit(string Kind, Guid Id, string Title, string Snippet, string Label, string Url, DateTime Date);

    internal sealed record Found(List<Hit> Items, int Page, int PageSize, int Total)
    {
        public List<Hit> Hits => Items;
    }

    private static async Task<Found> Search(HttpClient client, string q, string extra = "&pageSize=200")
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/search?q={Uri.EscapeDataString(q)}{extra}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"search '{q}': {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<Found>(body, DocumentKit.Json)!;
    }

    private static async Task<DocumentView> UploadText(HttpClient client, string title, Dictionary<string, string> fields, string text)
    {
        using var response = await DocumentKit.Upload(client, title, fields, Encoding.UTF8.GetBytes(text + "\n"), "note.txt", "text/plain");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload '{title}': {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<DocumentView>(body, DocumentKit.Json)!;
    }

    internal static async Task<HttpClient> ClientFor(TandemFactory factory, string email)
    {
        var secret = await factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return (await PersonalAccessTokens.Create(db, user.Id, "search test", null, TokenScopes.Admin, DateTime.UtcNow, CancellationToken.None)).Value.Secret;
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

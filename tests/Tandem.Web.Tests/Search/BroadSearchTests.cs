using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Data;
using Tandem.Core.Demo;
using Tandem.Core.Documents;
using Tandem.Core.Search;
using Tandem.Core.Sharing;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing;
using Tandem.Web.Tests.Ui;

namespace Tandem.Web.Tests.Search;

/// <summary>
/// A word found in more records than anyone pages through: the newest 1,000 the reader may see are ranked and the
/// total reads "1,000+"; what the reader may not see never counts towards it.
/// </summary>
public sealed class BroadSearchTests
{
    private const string Meti = "officer.meti@demo.tandem";
    private const string Doc = "officer.doc@demo.tandem";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WordInMoreThan1000VisibleRecords_ShowsTheNewest1000As1000Plus_WhileAReaderSeeingFewerGetsTheExactCount(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);

        // 150 older community documents, then 450 newer community documents and 600 for the Department of Commerce
        // alone: Commerce may read all 1,200, METI the 600 community ones.
        var older = await AddDocuments(factory, 150, community: true, "heliostat array survey");
        var newer = await AddDocuments(factory, 450, community: true, "heliostat array survey");
        var commerceOnly = await AddDocuments(factory, 600, community: false, "heliostat array survey");
        var rare = (await AddDocuments(factory, 1, community: true, "heliostat zirconium sample")).Single();

        using var doc = await SearchTests.ClientFor(factory, Doc);
        using var meti = await SearchTests.ClientFor(factory, Meti);

        // Commerce: more than 1,000 match, so the total is a lower bound, and the pages hold exactly the newest 1,000.
        var firstPage = await Search(doc, "heliostat", 1);
        Assert.Equal(SearchRecords.RankedLimit, firstPage.Total);
        Assert.True(firstPage.TotalIsLowerBound);
        Assert.Equal(5, firstPage.PageCount);
        var seen = new List<Guid>();
        for (var page = 1; page <= 5; page++)
        {
            seen.AddRange((await Search(doc, "heliostat", page)).Items.Select(h => h.Id));
        }

        Assert.Equal(SearchRecords.RankedLimit, seen.Distinct().Count());
        Assert.Empty((await Search(doc, "heliostat", 6)).Items);
        Assert.Contains(rare, seen);
        Assert.Empty(seen.Intersect(older));
        Assert.Subset(seen.ToHashSet(), commerceOnly.ToHashSet());

        // METI may see 601 of them: an exact count, every one of them on the pages, none of Commerce's own.
        var metiPage = await Search(meti, "heliostat", 1);
        Assert.Equal(older.Count + newer.Count + 1, metiPage.Total);
        Assert.False(metiPage.TotalIsLowerBound);
        var metiSeen = new List<Guid>();
        for (var page = 1; page <= metiPage.PageCount; page++)
        {
            metiSeen.AddRange((await Search(meti, "heliostat", page)).Items.Select(h => h.Id));
        }

        Assert.Equal(older.Concat(newer).Append(rare).ToHashSet(), metiSeen.ToHashSet());

        // A second word narrows it to an exact count again.
        var narrow = await Search(doc, "heliostat zirconium", 1);
        Assert.Equal(1, narrow.Total);
        Assert.False(narrow.TotalIsLowerBound);
        Assert.Equal(rare, narrow.Items.Single().Id);

        // The audit entry says the hits are at least the number given.
        var details = await factory.WithDb(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == Tandem.Core.Audit.AuditAction.Search && e.ActorName == Doc && e.Details.Contains("\"hitsAtLeast\":true"))
            .Select(e => e.Details).FirstOrDefaultAsync());
        Assert.NotNull(details);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FilteredSearch_FindsOlderMatchesBehindThousandsOfNewerRecords_AndCountsOnlyWhatTheReaderMaySee(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);

        // Older documents name tellurium: 12 for the community, 5 for Commerce alone, 3 AMBER shared with METI.
        var community = await AddDocuments(factory, 12, community: true, "tellurium assay");
        var commerceOnly = await AddDocuments(factory, 5, community: false, "tellurium assay");
        var shared = await AddDocuments(factory, 3, (commerce, meti) => new Label
        {
            Level = Tlp.Amber, Agencies = [commerce, meti], Originator = commerce, OriginatingParty = "USA",
        }, "tellurium assay");

        // Then more newer community documents than search tests row by row before it asks the full-text index
        // (4,096), none of them naming tellurium.
        await AddDocuments(factory, 4_200, community: true, "saltmarsh survey");

        using var doc = await SearchTests.ClientFor(factory, Doc);
        using var meti = await SearchTests.ClientFor(factory, Meti);

        // Filtered by kind and by label, the older matches are found below the newer rows, exactly, and never
        // Commerce's own documents for a METI reader.
        var documents = await Search(meti, "tellurium", 1, "&kinds=document");
        Assert.Equal(community.Count + shared.Count, documents.Total);
        Assert.False(documents.TotalIsLowerBound);
        Assert.Equal(community.Concat(shared).ToHashSet(), documents.Items.Select(h => h.Id).ToHashSet());

        var amber = await Search(meti, "tellurium", 1, "&label=Amber");
        Assert.Equal(shared.ToHashSet(), amber.Items.Select(h => h.Id).ToHashSet());
        Assert.Equal(shared.Count, amber.Total);

        var commerceDocuments = await Search(doc, "tellurium", 1, "&kinds=document");
        Assert.Equal(community.Concat(shared).Concat(commerceOnly).ToHashSet(), commerceDocuments.Items.Select(h => h.Id).ToHashSet());
        Assert.Equal(community.Count + shared.Count + commerceOnly.Count, commerceDocuments.Total);

        // Unfiltered, the same exact count.
        var unfiltered = await Search(meti, "tellurium", 1);
        Assert.Equal(community.Count + shared.Count, unfiltered.Total);
        Assert.False(unfiltered.TotalIsLowerBound);

        // The newer word, filtered, is capped among the newest rows; with both words nothing matches.
        var broad = await Search(meti, "saltmarsh", 1, "&kinds=document&label=Green");
        Assert.Equal(SearchRecords.RankedLimit, broad.Total);
        Assert.True(broad.TotalIsLowerBound);
        var none = await Search(meti, "saltmarsh tellurium", 1, "&kinds=document");
        Assert.Equal(0, none.Total);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task ResultsPage_ForAWordInMoreThan1000Records_Says1000PlusResults_InEnglishAndJapanese()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        await AddDocuments(factory, 1_050, community: true, "heliostat array survey");
        await AddDocuments(factory, 3, community: true, "solar kiln notes");
        using var english = new UiSession(factory);
        using var japanese = new UiSession(factory, culture: "ja-JP");
        await english.SignIn(Meti, DemoScenario.Password);
        await japanese.SignIn(Meti, DemoScenario.Password);

        var broad = await english.Get("/search?q=heliostat");
        var broadJa = await japanese.Get("/search?q=heliostat");
        var exact = await english.Get("/search?q=kiln");
        var last = await english.Get("/search?q=heliostat&page=50");

        Assert.Contains("1,000+ results for “heliostat”", broad.Text, StringComparison.Ordinal);
        Assert.Contains("Only the newest 1,000 matches", broad.Text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 50", broad.Text, StringComparison.Ordinal);
        Assert.Contains("「heliostat」の検索結果 1,000 件以上", broadJa.Text, StringComparison.Ordinal);
        Assert.Contains("3 results for “kiln”", exact.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Only the newest", exact.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Count(last.Html, "data-kind=\"document\""));
    }

    internal sealed record Found(List<SearchTests.Hit> Items, int Page, int PageSize, int Total, bool TotalIsLowerBound, int PageCount);

    private static async Task<Found> Search(HttpClient client, string q, int page, string filters = "")
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/search?q={Uri.EscapeDataString(q)}&pageSize=200&page={page}{filters}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"search '{q}': {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<Found>(body, DocumentKit.Json)!;
    }

    /// <summary>Documents written in one save, so that they enter the index after everything saved before them.</summary>
    private static Task<List<Guid>> AddDocuments(TandemFactory factory, int count, bool community, string words) =>
        AddDocuments(factory, count, (commerce, _) => community
            ? new Label { Level = Tlp.Green, CommunityOnly = true, Originator = commerce, OriginatingParty = "USA" }
            : new Label { Level = Tlp.Amber, Agencies = [commerce], Originator = commerce, OriginatingParty = "USA" }, words);

    /// <summary>Documents of Commerce with the label made from the Commerce and METI agency ids, written in one save.</summary>
    private static Task<List<Guid>> AddDocuments(TandemFactory factory, int count, Func<Guid, Guid, Label> makeLabel, string words) => factory.WithDb(async db =>
    {
        var commerce = await db.Agencies.SingleAsync(a => a.Code == "DOC");
        var metiAgency = await db.Agencies.SingleAsync(a => a.Code == "METI");
        var label = makeLabel(commerce.Id, metiAgency.Id);
        var documents = Enumerable.Range(0, count).Select(i => new Document
        {
            Title = $"Field note {i}",
            Description = $"Notes on the {words}.",
            OwnerAgencyId = commerce.Id,
            Label = LabelData.From(label),
        }).ToList();
        db.Documents.AddRange(documents);
        await db.SaveChangesAsync();
        return documents.Select(d => d.Id).ToList();
    });
}

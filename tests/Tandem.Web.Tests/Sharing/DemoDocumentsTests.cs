using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing;

/// <summary>The demo's labelled documents: two officers of different parties see different lists.</summary>
public sealed class DemoDocumentsTests
{
    [Fact]
    public async Task DemoDocuments_CommerceAndMetiOfficers_SeeDifferentLists()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var doc = await ListFor(factory, "officer.doc@demo.tandem");
        var meti = await ListFor(factory, "officer.meti@demo.tandem");

        Assert.Equal(10, await factory.WithDb(db => db.Documents.CountAsync()));
        Assert.Contains("U.S. negotiating position (demo)", doc);
        Assert.Contains("Annex to the U.S. negotiating position (demo)", doc);
        Assert.Contains("Principal's talking points (demo)", doc);
        Assert.DoesNotContain("Company capacity data (demo)", doc);
        Assert.DoesNotContain("Joint statement draft (demo)", doc);
        Assert.DoesNotContain("Japanese agencies' coordination memo (demo)", doc);

        Assert.DoesNotContain("U.S. negotiating position (demo)", meti);
        Assert.DoesNotContain("Annex to the U.S. negotiating position (demo)", meti);
        Assert.Contains("Company capacity data (demo)", meti);
        Assert.Contains("Joint statement draft (demo)", meti);
        Assert.Contains("Export-control coordination notes (demo)", meti);
        Assert.Contains("EPCC fact sheet (demo)", meti);
    }

    private static async Task<List<string>> ListFor(TandemFactory factory, string email)
    {
        var secret = await factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return (await PersonalAccessTokens.Create(db, user.Id, "demo test", null, TokenScopes.Admin, DateTime.UtcNow, CancellationToken.None)).Value.Secret;
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var page = await client.GetFromJsonAsync<PageView>(new Uri("/api/v1/documents?pageSize=200", UriKind.Relative), DocumentKit.Json);
        return page!.Items.Select(i => i.Title).ToList();
    }
}

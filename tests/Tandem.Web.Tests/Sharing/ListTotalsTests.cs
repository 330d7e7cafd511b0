using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Web.Tests.Cycle;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing;

/// <summary>
/// List totals are remembered between requests; they must still be each reader's own and follow every write,
/// including writes that bypass the app (plain SQL), on both databases.
/// </summary>
public sealed class ListTotalsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DocumentTotals_AreThePerReaderCount_AndFollowUploadsAndPlainSqlDeletes(string provider)
    {
        await using var kit = await CycleKit.Start(provider);
        var docBefore = await DocumentTotal(kit.Doc);
        var metiBefore = await DocumentTotal(kit.Meti);

        var ownOnly = await DocumentKit.UploadOk(kit.Doc, "Commerce only", new Dictionary<string, string> { ["level"] = "Amber" });
        await DocumentKit.UploadOk(kit.Doc, "Shared with METI", new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });

        Assert.Equal(docBefore + 2, await DocumentTotal(kit.Doc));
        Assert.Equal(metiBefore + 1, await DocumentTotal(kit.Meti));
        Assert.Equal(metiBefore + 1, await DocumentTotal(kit.Meti));

        await kit.Factory.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE \"Documents\" SET \"DeletedAt\" = {DateTime.UtcNow} WHERE \"Id\" = {ownOnly.Id}"));

        Assert.Equal(docBefore + 1, await DocumentTotal(kit.Doc));
        Assert.Equal(metiBefore + 1, await DocumentTotal(kit.Meti));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CommitmentTotals_FollowFiltersAndPlainSqlWrites(string provider)
    {
        await using var kit = await CycleKit.Start(provider);
        var all = await CommitmentTotal(kit.Meti, "");
        var completed = await CommitmentTotal(kit.Meti, "?status=Completed");
        Assert.True(all > 0);
        Assert.True(completed < all);

        var code = await kit.Factory.WithDb(db => db.Database.SqlQueryRaw<string>(
            "SELECT \"Code\" AS \"Value\" FROM \"Commitment\" WHERE \"DeletedAt\" IS NULL AND \"Status\" <> 'Completed' ORDER BY \"Code\" LIMIT 1").SingleAsync());
        await kit.Factory.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE \"Commitment\" SET \"Status\" = 'Completed' WHERE \"Code\" = {code}"));

        Assert.Equal(all, await CommitmentTotal(kit.Meti, ""));
        Assert.Equal(completed + 1, await CommitmentTotal(kit.Meti, "?status=Completed"));

        await kit.Factory.WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE \"Commitment\" SET \"DeletedAt\" = {DateTime.UtcNow} WHERE \"Code\" = {code}"));

        Assert.Equal(all - 1, await CommitmentTotal(kit.Meti, ""));
        Assert.Equal(completed, await CommitmentTotal(kit.Meti, "?status=Completed"));
    }

    private static async Task<int> DocumentTotal(HttpClient client) =>
        (await client.GetFromJsonAsync<PageView>(new Uri("/api/v1/documents?pageSize=5", UriKind.Relative), DocumentKit.Json))!.Total;

    private static async Task<int> CommitmentTotal(HttpClient client, string query) =>
        (await CycleKit.Get(client, "/api/v1/commitments" + query))["total"]!.GetValue<int>();
}

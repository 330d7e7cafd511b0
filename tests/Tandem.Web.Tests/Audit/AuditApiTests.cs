using System.Net;
using System.Text.Json;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Security;

namespace Tandem.Web.Tests.Audit;

/// <summary>GET /api/v1/audit and /api/v1/audit/verify: auditors only, filtered, paged, newest first, each call audited once.</summary>
public sealed class AuditApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Auditor_ListsNewestFirst_WithFiltersAndPaging_AndEachCallIsOneEntry(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var auditor = await factory.CreateUser("auditor@example.org", SecurityKit.UsaAgency, Roles.Auditor);
        await AuditTamper.Append(factory, 30);
        using var api = factory.ClientFor(auditor);
        var before = await AuditTamper.LastSequence(factory);

        var page = await Get(api, "/api/v1/audit?pageSize=5");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.Equal(before, items[0].GetProperty("sequence").GetInt64());
        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.GetProperty("sequence").GetInt64() > p.Second.GetProperty("sequence").GetInt64()));
        Assert.Equal(before, page.GetProperty("total").GetInt32());

        // The first read is now the newest entry, so page 2 starts four entries below the old end.
        var second = await Get(api, "/api/v1/audit?pageSize=5&page=2");
        Assert.Equal(before + 1 - 5, second.GetProperty("items")[0].GetProperty("sequence").GetInt64());

        var filtered = await Get(api, "/api/v1/audit?action=view&objectType=Document&objectId=doc-7&decision=allowed&actor=test");
        var only = Assert.Single(filtered.GetProperty("items").EnumerateArray());
        Assert.Equal("doc-7", only.GetProperty("objectId").GetString());
        Assert.Equal("TLP:AMBER", only.GetProperty("label").GetString());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((await Get(api, $"/api/v1/audit?from={today}&to={today}&objectType=Document")).GetProperty("total").GetInt32() == 30);
        Assert.Equal(0, (await Get(api, "/api/v1/audit?to=2000-01-01T00:00:00Z")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Get(api, "/api/v1/audit?decision=denied&objectType=Document")).GetProperty("total").GetInt32());

        var reads = await SecurityKit.AuditEntries(factory, e => e.Sequence > before);
        Assert.Equal(6, reads.Count);
        Assert.All(reads, e =>
        {
            Assert.Equal(AuditAction.List, e.Action);
            Assert.Equal(AuditAccess.LogObject, e.ObjectType);
            Assert.Equal(auditor.Email, e.ActorName);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Auditor_BadFilters_Get400NamingTheField(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var auditor = await factory.CreateUser("auditor@example.org", SecurityKit.UsaAgency, Roles.Auditor);
        using var api = factory.ClientFor(auditor);

        foreach (var (query, field) in new[]
                 {
                     ("from=yesterday", "from"), ("to=2026-13-40", "to"), ("from=2026-05-02&to=2026-05-01", "to"),
                     ("decision=maybe", "decision"), ("pageSize=0", "pageSize"), ("page=-1", "page"), ("page=x", "page"),
                     ("objectId=" + new string('x', 100), "objectId"),
                 })
        {
            var response = await api.GetAsync(new Uri("/api/v1/audit?" + query, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{query}: {errors}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Auditor_VerifiesTheChain_AndTheVerificationIsAudited(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var auditor = await factory.CreateUser("auditor@example.org", SecurityKit.UsaAgency, Roles.Auditor);
        await AuditTamper.Append(factory, 12);
        using var api = factory.ClientFor(auditor);
        var before = await AuditTamper.LastSequence(factory);

        var result = await Get(api, "/api/v1/audit/verify");

        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.Equal(before, result.GetProperty("lastSequence").GetInt64());
        Assert.Equal("None", result.GetProperty("problem").GetString());
        var entry = Assert.Single(await SecurityKit.AuditEntries(factory, e => e.Sequence > before));
        Assert.Equal(AuditAction.Verify, entry.Action);
        Assert.StartsWith("Audit chain intact", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NonAuditors_AreRefused_AndTheRefusalIsAudited(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var api = factory.ClientFor(admin);
        using var anonymous = factory.CreateClient();
        var before = await AuditTamper.LastSequence(factory);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(new Uri("/api/v1/audit/verify", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/audit", UriKind.Relative))).StatusCode);

        var denials = await SecurityKit.AuditEntries(factory, e => e.Sequence > before);
        Assert.Equal(2, denials.Count);
        Assert.All(denials, e => Assert.Equal(AuditDecision.Denied, e.Decision));
    }

    private static async Task<JsonElement> Get(HttpClient api, string path)
    {
        var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}

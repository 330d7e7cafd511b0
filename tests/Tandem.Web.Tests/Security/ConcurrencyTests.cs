using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 17: of two edits based on the same version, the second gets 409 and changes nothing.</summary>
public sealed class ConcurrencyTests
{
    private static readonly string[] Ministerial = ["Ministerial"];
    private static readonly string[] UsaJpn = ["USA", "JPN"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoConcurrentAgencyEdits_SameVersion_OneWinsTheOtherGets409(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        var secretariat = await factory.CreateUser("sec@example.org", SecurityKit.JpnAgency, Roles.Secretariat);
        using var one = factory.ClientFor(admin);
        using var two = factory.ClientFor(secretariat);
        var agency = await Get(one, "/api/v1/agencies?search=METI");
        var id = agency.GetProperty("items")[0].GetProperty("id").GetString();
        var version = agency.GetProperty("items")[0].GetProperty("version").GetInt32();

        var answers = await Task.WhenAll(
            Put(one, $"/api/v1/agencies/{id}", new { code = "METI", party = "JPN", kind = "Ministry", nameEn = "Edit one" }, version),
            Put(two, $"/api/v1/agencies/{id}", new { code = "METI", party = "JPN", kind = "Ministry", nameEn = "Edit two" }, version));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        var saved = (await Get(one, $"/api/v1/agencies/{id}")).GetProperty("agency");
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal(JsonDocument.Parse(await winner.Content.ReadAsStringAsync()).RootElement.GetProperty("nameEn").GetString(), saved.GetProperty("nameEn").GetString());

        // Sequentially too: a stale version is refused even when nothing races.
        var stale = await Put(two, $"/api/v1/agencies/{id}", new { code = "METI", party = "JPN", kind = "Ministry", nameEn = "Stale" }, version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoConcurrentTrackEdits_SameVersion_OneWinsTheOtherGets409(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var one = factory.ClientFor(admin);
        using var two = factory.ClientFor(admin);
        var forum = await Post(one, "/api/v1/forums", new { code = "EPCC", shortName = "EPCC", nameEn = "Economic 2+2", tiers = Ministerial, parties = UsaJpn });
        var track = await Post(one, "/api/v1/tracks", new
        {
            forumId = forum.GetProperty("id").GetString(), code = "SC", nameEn = "Supply chains",
            coLeads = new Dictionary<string, string> { ["USA"] = SecurityKit.UsaAgency, ["JPN"] = SecurityKit.JpnAgency },
        });
        var id = track.GetProperty("id").GetString();
        var version = track.GetProperty("version").GetInt32();
        object Edit(string name) => new { nameEn = name, coLeads = new Dictionary<string, string> { ["USA"] = SecurityKit.UsaAgency, ["JPN"] = SecurityKit.JpnAgency } };

        var answers = await Task.WhenAll(Put(one, $"/api/v1/tracks/{id}", Edit("Resilient supply chains"), version), Put(two, $"/api/v1/tracks/{id}", Edit("Chains"), version));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(version + 1, (await Get(one, $"/api/v1/tracks/{id}")).GetProperty("version").GetInt32());
    }

    private static async Task<JsonElement> Get(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<JsonElement> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string path, object body, int version)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request);
    }
}

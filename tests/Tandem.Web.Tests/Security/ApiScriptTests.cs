using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>A script with a personal access token drives the whole C1 model over the API, as an integration would.</summary>
public sealed class ApiScriptTests
{
    private static readonly string[] Tiers = ["Ministerial", "WorkingLevel"];
    private static readonly string[] Parties = ["USA", "JPN", "KOR"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Script_WithToken_BuildsEditsAndDeletesTheForumModel(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var secretariat = await factory.CreateUser("secretariat@example.org", SecurityKit.UsaAgency, Roles.Secretariat);
        using var api = factory.ClientFor(secretariat);

        var party = await Created(api, "/api/v1/parties", new { iso3 = "KOR", nameEn = "Republic of Korea", nameJa = "大韓民国", capitalTimeZone = "Asia/Seoul" });
        var agency = await Created(api, "/api/v1/agencies", new { code = "MOTIE", party = "KOR", kind = "Ministry", nameEn = "Ministry of Trade, Industry and Energy" });
        var partner = await Created(api, "/api/v1/agencies", new { code = "USTR", party = "USA", kind = "Agency", nameEn = "Office of the U.S. Trade Representative" });
        var forum = await Created(api, "/api/v1/forums", new
        {
            code = "TRI", shortName = "Trilateral", nameEn = "Trilateral economic security dialogue",
            tiers = Tiers, parties = Parties,
        });
        var coLeads = new Dictionary<string, string> { ["USA"] = SecurityKit.UsaAgency, ["JPN"] = SecurityKit.JpnAgency, ["KOR"] = "MOTIE" };
        var track = await Created(api, "/api/v1/tracks", new { forumId = Id(forum), code = "CHIPS", nameEn = "Semiconductors", coLeads });
        Assert.Equal(3, track.GetProperty("participants").EnumerateArray().Count(p => p.GetProperty("role").GetString() == "CoLead"));

        var withPartner = await Send(api, HttpMethod.Put, $"/api/v1/tracks/{Id(track)}/participations", new { agencyCode = "USTR", role = "Partner" }, Version(track));
        Assert.Equal(HttpStatusCode.OK, withPartner.StatusCode);
        var afterPartner = await Json(withPartner);
        Assert.Contains(afterPartner.GetProperty("participants").EnumerateArray(), p => p.GetProperty("agencyCode").GetString() == "USTR" && p.GetProperty("role").GetString() == "Partner");
        Assert.Equal($"\"{Version(afterPartner)}\"", withPartner.Headers.ETag?.Tag);

        var renamed = await Send(api, HttpMethod.Put, $"/api/v1/tracks/{Id(track)}", new { nameEn = "Semiconductors and critical minerals", coLeads }, Version(afterPartner));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var current = await Json(renamed);
        Assert.Equal("Semiconductors and critical minerals", current.GetProperty("nameEn").GetString());

        var stale = await Send(api, HttpMethod.Put, $"/api/v1/tracks/{Id(track)}", new { nameEn = "Lost update", coLeads }, Version(track));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);

        var agencyUpdate = await Send(api, HttpMethod.Put, $"/api/v1/agencies/{Id(agency)}", new { code = "MOTIE", party = "KOR", kind = "Ministry", nameEn = "MOTIE (renamed)" }, Version(agency));
        Assert.Equal(HttpStatusCode.OK, agencyUpdate.StatusCode);
        var partyUpdate = await Send(api, HttpMethod.Put, $"/api/v1/parties/{Id(party)}", new { nameEn = "Korea", capitalTimeZone = "Asia/Seoul" }, Version(party));
        Assert.Equal(HttpStatusCode.OK, partyUpdate.StatusCode);

        var deleted = await Send(api, HttpMethod.Delete, $"/api/v1/tracks/{Id(track)}", null, Version(current));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(new Uri($"/api/v1/tracks/{Id(track)}", UriKind.Relative))).StatusCode);
        var removedPartner = await Send(api, HttpMethod.Delete, $"/api/v1/agencies/{Id(partner)}", null, Version(partner));
        Assert.Equal(HttpStatusCode.NoContent, removedPartner.StatusCode);

        // Soft delete: the rows stay, restorable, and each step was audited under the script's owner.
        var trackId = Guid.Parse(Id(track));
        var row = await factory.WithDb(db => db.Tracks.IgnoreQueryFilters().AsNoTracking().SingleAsync(t => t.Id == trackId));
        Assert.NotNull(row.DeletedAt);
        var trail = await SecurityKit.AuditEntries(factory, e => e.ObjectId == Id(track));
        Assert.Contains(trail, e => e.Action == AuditAction.Update && e.Details.Contains("participation USTR", StringComparison.Ordinal));
        Assert.All(trail, e => Assert.Equal(secretariat.Email, e.ActorName));
        Assert.Equal(AuditAction.Create, trail.First().Action);
        Assert.Equal(AuditAction.Delete, trail.Last().Action);
    }

    private static async Task<JsonElement> Created(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(response.Headers.Location);
        return await Json(response);
    }

    private static Task<HttpResponseMessage> Send(HttpClient api, HttpMethod method, string path, object? body, int version)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return api.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    private static int Version(JsonElement e) => e.GetProperty("version").GetInt32();
}

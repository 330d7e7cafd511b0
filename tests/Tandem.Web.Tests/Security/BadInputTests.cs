using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 20: bad input on the C1 endpoints answers 400/404/409 naming the field, never 500, and changes nothing.</summary>
public sealed class BadInputTests
{
    private static readonly string[] Ministerial = ["Ministerial"];
    private static readonly string[] UsaJpn = ["USA", "JPN"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task C1Endpoints_BadInput_AnswerClearly_NamingTheField_AndChangeNothing(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var api = factory.ClientFor(admin);
        var forum = await api.PostAsJsonAsync(new Uri("/api/v1/forums", UriKind.Relative),
            new { code = "EPCC", shortName = "EPCC", nameEn = "Economic 2+2", tiers = Ministerial, parties = UsaJpn });
        var forumId = JsonDocument.Parse(await forum.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var track = await api.PostAsJsonAsync(new Uri("/api/v1/tracks", UriKind.Relative),
            new { forumId, code = "SC", nameEn = "Supply chains", coLeads = new Dictionary<string, string> { ["USA"] = "STATE", ["JPN"] = "METI" } });
        var trackId = JsonDocument.Parse(await track.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var usaId = (await factory.WithDb(db => db.Parties.SingleAsync(p => p.Iso3 == "USA"))).Id;
        var before = await Snapshot(factory);
        var missing = Guid.NewGuid();
        var longText = new string('x', 10_000);

        var cases = new (string Name, HttpMethod Method, string Path, string? Json, HttpStatusCode Expected, string? Field)[]
        {
            ("malformed JSON", HttpMethod.Post, "/api/v1/parties", "{\"iso3\": \"KOR\", ", HttpStatusCode.BadRequest, null),
            ("not JSON at all", HttpMethod.Post, "/api/v1/agencies", "code=X&party=USA", HttpStatusCode.UnsupportedMediaType, null),
            ("wrong type", HttpMethod.Post, "/api/v1/parties", "{\"iso3\": 12, \"nameEn\": \"Korea\", \"capitalTimeZone\": \"Asia/Seoul\"}", HttpStatusCode.BadRequest, "iso3"),
            ("wrong type in a list", HttpMethod.Post, "/api/v1/forums", "{\"code\": \"X\", \"shortName\": \"X\", \"nameEn\": \"X\", \"tiers\": \"Ministerial\", \"parties\": [\"USA\", \"JPN\"]}", HttpStatusCode.BadRequest, "tiers"),
            ("number out of range", HttpMethod.Put, $"/api/v1/parties/{usaId}", "{\"nameEn\": \"U\", \"capitalTimeZone\": \"America/New_York\", \"version\": 1e400}", HttpStatusCode.BadRequest, "version"),
            ("unknown enum", HttpMethod.Post, "/api/v1/agencies", "{\"code\": \"MOFA\", \"party\": \"JPN\", \"kind\": \"Ministryy\", \"nameEn\": \"Foreign Affairs\"}", HttpStatusCode.BadRequest, "kind"),
            ("enum as number", HttpMethod.Post, "/api/v1/agencies", "{\"code\": \"MOFA\", \"party\": \"JPN\", \"kind\": 0, \"nameEn\": \"Foreign Affairs\"}", HttpStatusCode.BadRequest, "kind"),
            ("unknown role", HttpMethod.Put, $"/api/v1/tracks/{trackId}/participations", "{\"agencyCode\": \"STATE\", \"role\": \"Boss\", \"version\": 1}", HttpStatusCode.BadRequest, "role"),
            ("unknown tier", HttpMethod.Post, "/api/v1/forums", "{\"code\": \"Q\", \"shortName\": \"Q\", \"nameEn\": \"Q\", \"tiers\": [\"Emperors\"], \"parties\": [\"USA\", \"JPN\"]}", HttpStatusCode.BadRequest, "tiers[0]"),
            ("missing required fields", HttpMethod.Post, "/api/v1/parties", "{}", HttpStatusCode.BadRequest, "iso3"),
            ("missing body", HttpMethod.Post, "/api/v1/agencies", "", HttpStatusCode.BadRequest, null),
            ("null inside a list", HttpMethod.Post, "/api/v1/forums", "{\"code\": \"Q\", \"shortName\": \"Q\", \"nameEn\": \"Q\", \"tiers\": [\"Ministerial\"], \"parties\": [null, \"USA\"]}", HttpStatusCode.BadRequest, "parties"),
            ("over-long string", HttpMethod.Post, "/api/v1/agencies", JsonSerializer.Serialize(new { code = "MOFA", party = "JPN", kind = "Ministry", nameEn = longText }), HttpStatusCode.BadRequest, "nameEn"),
            ("over-long code", HttpMethod.Post, "/api/v1/forums", JsonSerializer.Serialize(new { code = longText, shortName = "Q", nameEn = "Q", tiers = Ministerial, parties = UsaJpn }), HttpStatusCode.BadRequest, "code"),
            ("unknown country", HttpMethod.Post, "/api/v1/parties", "{\"iso3\": \"XXX\", \"nameEn\": \"Nowhere\", \"capitalTimeZone\": \"Asia/Seoul\"}", HttpStatusCode.BadRequest, "iso3"),
            ("unknown time zone", HttpMethod.Post, "/api/v1/parties", "{\"iso3\": \"KOR\", \"nameEn\": \"Korea\", \"capitalTimeZone\": \"Mars/Olympus\"}", HttpStatusCode.BadRequest, "capitalTimeZone"),
            ("unknown forum id", HttpMethod.Post, "/api/v1/tracks", JsonSerializer.Serialize(new { forumId = missing, code = "T", nameEn = "T" }), HttpStatusCode.BadRequest, "forumId"),
            ("unknown co-lead agency", HttpMethod.Post, "/api/v1/tracks", JsonSerializer.Serialize(new { forumId, code = "T2", nameEn = "T", coLeads = new Dictionary<string, string> { ["USA"] = "NOPE", ["JPN"] = "METI" } }), HttpStatusCode.BadRequest, "coLeads.USA"),
            ("unknown agency in participation", HttpMethod.Put, $"/api/v1/tracks/{trackId}/participations", "{\"agencyCode\": \"NOPE\", \"role\": \"Partner\", \"version\": 1}", HttpStatusCode.BadRequest, "agencyCode"),
            ("unknown party id", HttpMethod.Get, $"/api/v1/parties/{missing}", null, HttpStatusCode.NotFound, null),
            ("unknown agency id", HttpMethod.Put, $"/api/v1/agencies/{missing}", "{\"code\": \"X\", \"party\": \"USA\", \"kind\": \"Agency\", \"nameEn\": \"X\", \"version\": 1}", HttpStatusCode.NotFound, null),
            ("unknown forum id in path", HttpMethod.Delete, $"/api/v1/forums/{missing}?version=1", null, HttpStatusCode.NotFound, null),
            ("unknown track id", HttpMethod.Put, $"/api/v1/tracks/{missing}/participations", "{\"agencyCode\": \"STATE\", \"role\": \"Partner\", \"version\": 1}", HttpStatusCode.NotFound, null),
            ("id that is not a guid", HttpMethod.Get, "/api/v1/tracks/not-a-guid", null, HttpStatusCode.NotFound, null),
            ("duplicate party", HttpMethod.Post, "/api/v1/parties", "{\"iso3\": \"USA\", \"nameEn\": \"Again\", \"capitalTimeZone\": \"America/New_York\"}", HttpStatusCode.Conflict, "iso3"),
            ("duplicate agency", HttpMethod.Post, "/api/v1/agencies", "{\"code\": \"METI\", \"party\": \"JPN\", \"kind\": \"Ministry\", \"nameEn\": \"Again\"}", HttpStatusCode.Conflict, "code"),
            ("duplicate forum", HttpMethod.Post, "/api/v1/forums", "{\"code\": \"EPCC\", \"shortName\": \"E\", \"nameEn\": \"Again\", \"tiers\": [\"Ministerial\"], \"parties\": [\"USA\", \"JPN\"]}", HttpStatusCode.Conflict, "code"),
            ("duplicate track", HttpMethod.Post, "/api/v1/tracks", JsonSerializer.Serialize(new { forumId, code = "SC", nameEn = "Again", coLeads = new Dictionary<string, string> { ["USA"] = "STATE", ["JPN"] = "METI" } }), HttpStatusCode.Conflict, "code"),
            ("party listed twice", HttpMethod.Post, "/api/v1/forums", "{\"code\": \"Q\", \"shortName\": \"Q\", \"nameEn\": \"Q\", \"tiers\": [\"Ministerial\"], \"parties\": [\"USA\", \"USA\"]}", HttpStatusCode.BadRequest, "parties"),
            ("page not a number", HttpMethod.Get, "/api/v1/parties?page=abc", null, HttpStatusCode.BadRequest, "page"),
            ("page size too large", HttpMethod.Get, "/api/v1/agencies?pageSize=100000", null, HttpStatusCode.BadRequest, "pageSize"),
            ("unknown enum in query", HttpMethod.Get, "/api/v1/agencies?kind=Emperor", null, HttpStatusCode.BadRequest, "kind"),
            ("missing version", HttpMethod.Put, $"/api/v1/parties/{usaId}", "{\"nameEn\": \"U\", \"capitalTimeZone\": \"America/New_York\"}", HttpStatusCode.BadRequest, "version"),
        };

        var failures = new List<string>();
        foreach (var (name, method, path, json, expected, field) in cases)
        {
            using var request = new HttpRequestMessage(method, path);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, json.StartsWith('{') || json.Length == 0 ? "application/json" : "application/x-www-form-urlencoded");
            }

            var response = await api.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
            {
                failures.Add($"{name}: {(int)response.StatusCode} instead of {(int)expected}: {body}");
                continue;
            }

            if (field is not null)
            {
                using var problem = JsonDocument.Parse(body);
                var errors = problem.RootElement.TryGetProperty("errors", out var e) ? e.EnumerateObject().Select(p => p.Name).ToList() : [];
                if (!errors.Contains(field, StringComparer.OrdinalIgnoreCase))
                {
                    failures.Add($"{name}: the answer does not name '{field}': {body}");
                }
            }
            else if (expected == HttpStatusCode.BadRequest && !body.Contains("\"status\":400", StringComparison.Ordinal))
            {
                failures.Add($"{name}: no ProblemDetails body: {body}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await Snapshot(factory));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MeetingYearOutsideTheCalendarAndForeignReturnUrl_Answer400NamingTheField(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var member = await factory.CreateUser("reader@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var api = factory.ClientFor(member);
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, member.Email, member.Password);

        foreach (var year in new[] { "-1", "0", "10000" })
        {
            var listed = await api.GetAsync(new Uri($"/api/v1/meetings?year={year}", UriKind.Relative));
            var body = await listed.Content.ReadAsStringAsync();
            Assert.True(listed.StatusCode == HttpStatusCode.BadRequest, $"year={year}: {(int)listed.StatusCode} {body}");
            Assert.Contains("year", JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));

            var page = await browser.GetAsync(new Uri($"/meetings?year={year}", UriKind.Relative));
            var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("year must be between 1900 and 2200.", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/meetings?year=2026", UriKind.Relative))).StatusCode);

        var signIn = await browser.GetStringAsync(new Uri("/account", UriKind.Relative));
        var antiforgery = SecurityKit.FormFields(signIn).Where(f => f.Key == "__RequestVerificationToken").ToList();
        foreach (var target in new[] { "/\\evil.example", "//evil.example", "https://evil.example/", "/\tevil" })
        {
            var form = new FormUrlEncodedContent([.. antiforgery, new("culture", "ja"), new("returnUrl", target)]);
            var answer = await browser.PostAsync(new Uri("/culture", UriKind.Relative), form);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"returnUrl={target}: {(int)answer.StatusCode} {text}");
            Assert.Contains("returnUrl", JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var home = await browser.PostAsync(new Uri("/culture", UriKind.Relative), new FormUrlEncodedContent([.. antiforgery, new("culture", "ja"), new("returnUrl", "/meetings?year=2026")]));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/meetings?year=2026", home.Headers.Location?.OriginalString);
    }

    private static Task<string> Snapshot(TandemFactory factory) => factory.WithDb(async db =>
        string.Join("|",
            await db.Parties.IgnoreQueryFilters().CountAsync(), await db.Agencies.IgnoreQueryFilters().CountAsync(),
            await db.Forums.IgnoreQueryFilters().CountAsync(), await db.Tracks.IgnoreQueryFilters().CountAsync(),
            await db.TrackParticipations.CountAsync(), await db.AuditEntries.CountAsync(),
            string.Join(",", await db.Parties.IgnoreQueryFilters().OrderBy(p => p.Iso3).Select(p => p.Iso3 + p.Version + p.NameEn).ToListAsync()),
            string.Join(",", await db.Agencies.IgnoreQueryFilters().OrderBy(a => a.Code).Select(a => a.Code + a.Version + a.NameEn).ToListAsync())));
}

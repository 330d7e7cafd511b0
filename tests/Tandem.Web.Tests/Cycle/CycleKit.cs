using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Cycle;

/// <summary>A demo-loaded Tandem with a secretariat officer and agency officers of both parties, and JSON helpers.</summary>
public sealed class CycleKit : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private CycleKit(TandemFactory factory) => Factory = factory;

    public TandemFactory Factory { get; }

    public HttpClient Secretariat { get; private set; } = null!;

    /// <summary>A Commerce (DOC, USA) officer.</summary>
    public HttpClient Doc { get; private set; } = null!;

    /// <summary>A METI (JPN) officer.</summary>
    public HttpClient Meti { get; private set; } = null!;

    /// <summary>A State (DOS, USA) officer.</summary>
    public HttpClient Dos { get; private set; } = null!;

    public Guid ForumId { get; private set; }

    public static async Task<CycleKit> Start(string provider)
    {
        var kit = new CycleKit(new TandemFactory(provider, demo: true));
        var tag = Guid.NewGuid().ToString("N")[..8];
        kit.Secretariat = kit.Factory.ClientFor(await kit.Factory.CreateUser($"sec-{tag}@test.tandem", "DOS", Roles.Secretariat));
        kit.Doc = kit.Factory.ClientFor(await kit.Factory.CreateUser($"doc-{tag}@test.tandem", "DOC", Roles.Member));
        kit.Meti = kit.Factory.ClientFor(await kit.Factory.CreateUser($"meti-{tag}@test.tandem", "METI", Roles.Member));
        kit.Dos = kit.Factory.ClientFor(await kit.Factory.CreateUser($"dos-{tag}@test.tandem", "DOS", Roles.Member));
        kit.ForumId = await kit.Factory.WithDb(db => db.Forums.Where(f => f.Code == "EPCC").Select(f => f.Id).SingleAsync());
        return kit;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
    }

    public static async Task<JsonNode> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "null" : body) ?? new JsonObject();
    }

    public static async Task<JsonNode> Send(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await client.SendAsync(request);
        return await Read(response, expected);
    }

    public static Task<JsonNode> Get(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) => Send(client, HttpMethod.Get, url, null, expected);

    public static Task<JsonNode> Post(HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK) => Send(client, HttpMethod.Post, url, body, expected);

    public static Task<JsonNode> Put(HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK) => Send(client, HttpMethod.Put, url, body, expected);

    /// <summary>The field names of a ValidationProblem answer.</summary>
    public static IReadOnlyList<string> Fields(JsonNode problem) =>
        problem["errors"] is JsonObject errors ? errors.Select(e => e.Key).ToList() : [];

    /// <summary>A meeting of the EPCC in the past (so it may be marked held), two hours long, as a draft.</summary>
    public async Task<JsonNode> Meeting(string title = "Working meeting", int minutes = 120, DateTimeOffset? start = null)
    {
        var startsAt = start ?? new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.Zero);
        return await Post(Secretariat, "/api/v1/meetings", new
        {
            forumId = ForumId,
            tier = "WorkingLevel",
            titleEn = title,
            venue = "Tokyo",
            timeZone = "Asia/Tokyo",
            startsAt,
            endsAt = startsAt.AddMinutes(minutes),
        }, HttpStatusCode.Created);
    }

    public async Task<JsonNode> Status(Guid meetingId, string status, HttpStatusCode expected = HttpStatusCode.OK, string? reason = null)
    {
        var version = (int)(await Get(Secretariat, $"/api/v1/meetings/{meetingId}"))["meeting"]!["version"]!;
        return await Post(Secretariat, $"/api/v1/meetings/{meetingId}/status", new { status, version, reason }, expected);
    }

    public async Task<int> MeetingVersion(Guid meetingId) => (int)(await Get(Secretariat, $"/api/v1/meetings/{meetingId}"))["meeting"]!["version"]!;

    public async Task<JsonNode> Commitment(string code, object? responsibilities = null, string? track = "P3", string? dueDate = null, string status = "InProgress") =>
        await Post(Secretariat, "/api/v1/commitments", new
        {
            forumId = ForumId,
            code,
            textEn = $"Commitment {code}",
            trackCode = track,
            dueDate,
            status,
            responsibilities = responsibilities ?? new Dictionary<string, object> { ["USA"] = new { lead = "DOC", supporting = new[] { "NIST" } }, ["JPN"] = new { lead = "METI" } },
        }, HttpStatusCode.Created);
}

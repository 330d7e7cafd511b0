using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Forums;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>A label as the matrix table states it: form fields, turned into whatever shape an API takes.</summary>
internal sealed record RecordLabel(IReadOnlyDictionary<string, string> Fields)
{
    private string? Field(string name) => Fields.TryGetValue(name, out var v) ? v : null;

    private List<string>? ListOf(string name) => Field(name) is { } v ? [.. v.Split(',', StringSplitOptions.TrimEntries)] : null;

    /// <summary>The LabelRequest shape (agencies by code, people by e-mail): documents and analyses.</summary>
    public object AsRequest() => new
    {
        level = Field("level"),
        releasableTo = ListOf("releasableTo"),
        originatorOnly = Field("originatorOnly") == "true",
        recipientAgencies = ListOf("recipientAgencies"),
        recipientUsers = ListOf("recipientUsers"),
        caveats = ListOf("caveats"),
        embargoedUntil = Field("embargoedUntil"),
    };

    /// <summary>The LabelInput shape (agencies and people by id): the other capabilities.</summary>
    public object AsInput(MatrixWorld world) => new
    {
        level = Field("level"),
        releasableTo = ListOf("releasableTo"),
        originatorOnly = Field("originatorOnly") == "true",
        recipientAgencies = ListOf("recipientAgencies")?.Select(code => world.AgencyIds[code]).ToList(),
        recipientUsers = ListOf("recipientUsers")?.Select(email => world.Users.Values.Single(u => u.Email == email).Id).ToList(),
        caveats = ListOf("caveats"),
        embargoedUntil = Field("embargoedUntil"),
    };
}

/// <summary>One app on one database with the matrix's readers (and any creators a subject needs), and JSON helpers.</summary>
internal sealed class MatrixWorld : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, HttpClient> _clients = [];

    private MatrixWorld(TandemFactory factory) => Factory = factory;

    public TandemFactory Factory { get; }

    public Dictionary<string, TestUser> Users { get; } = [];

    public Dictionary<string, Guid> AgencyIds { get; private set; } = [];

    /// <summary>The EPCC forum of the demo (empty without the demo).</summary>
    public Guid ForumId { get; private set; }

    public static async Task<MatrixWorld> Start(string provider, bool demo, IEnumerable<(string Key, string Agency, string Role)> users)
    {
        var world = new MatrixWorld(new TandemFactory(provider, demo));
        if (demo)
        {
            // The demo has both parties and DOS, DOC, METI and MOFA; the matrix adds its company.
            await world.Factory.WithDb(async db =>
            {
                db.Agencies.Add(new Agency { Code = "SEMI", Party = "JPN", Kind = AgencyKind.Private, NameEn = "Test Semiconductor Co." });
                await db.SaveChangesAsync();
            });
            world.ForumId = await world.Factory.WithDb(db => db.Forums.Where(f => f.Code == "EPCC").Select(f => f.Id).SingleAsync());
        }
        else
        {
            await DocumentKit.AddWorld(world.Factory);
        }

        world.AgencyIds = await world.Factory.WithDb(db => db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id));
        foreach (var (key, agency, role) in users)
        {
            world.Users[key] = await world.Factory.CreateUser($"{key}@matrix.test", agency, role);
        }

        return world;
    }

    /// <summary>The party of one of the matrix's agencies.</summary>
    public static string PartyOf(string agency) => agency is "DOS" or "DOC" ? "USA" : "JPN";

    public HttpClient Client(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = Factory.ClientFor(Users[user]);
            _clients[user] = client;
        }

        return client;
    }

    /// <summary>POSTs JSON as a user and returns the answer, failing unless it is a success.</summary>
    public async Task<JsonNode> PostOk(string user, string path, object body)
    {
        using var response = await Client(user).PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{user} POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>POSTs JSON as a user and returns the id of what was created (at the root or under <paramref name="wrapper"/>).</summary>
    public async Task<Guid> PostForId(string user, string path, object body, string? wrapper = null)
    {
        var node = await PostOk(user, path, body);
        return (wrapper is null ? node["id"] : node[wrapper]!["id"])!.GetValue<Guid>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Factory.DisposeAsync();
    }
}

using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Tests.Cycle;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// Every list the API answers comes in one paged envelope (items, total, page, pageSize), so a script pages through
/// any list the same way and never mistakes a first page for the whole.
/// </summary>
public sealed class ListEnvelopeTests
{
    /// <summary>JSON answers that are arrays on purpose, with the reason a reader would accept.</summary>
    private static readonly Dictionary<string, string> NotLists = new(StringComparer.Ordinal)
    {
        ["/api/v1/me/notification-preferences"] = "a settings document read and replaced whole with PUT, one entry per kind of notification",
        ["/api/v1/compliance/forums/{forumId}/trends"] = "a chart's series, one point per cycle, drawn whole",
    };

    [Fact]
    public async Task EveryGetList_AnswersThePagedEnvelope_NeverABareArray()
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);
        var endpoints = kit.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} GET endpoints found");

        // What each endpoint declares or returns by its type: a collection is a bare array.
        var declared = endpoints.Where(e => !NotLists.ContainsKey(Path(e.RoutePattern.RawText!)) && DeclaresCollection(e))
            .Select(e => e.RoutePattern.RawText!).ToList();
        Assert.True(declared.Count == 0, "GET endpoints that declare a bare array: " + string.Join(", ", declared));

        // What each one answers: every GET without a path parameter, and those under a list whose first item gives the id.
        var bare = new List<string>();
        var checkedPaths = 0;
        foreach (var path in endpoints.Select(e => Path(e.RoutePattern.RawText!)).Distinct().Where(p => !NotLists.ContainsKey(p)).Order(StringComparer.Ordinal))
        {
            if (await Concrete(kit.Secretariat, path) is not { } url)
            {
                continue;
            }

            using var response = await kit.Secretariat.GetAsync(new Uri(url, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                continue;
            }

            checkedPaths++;
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            if (body is JsonArray)
            {
                bare.Add(url);
            }
            else if (body is JsonObject o && o["items"] is JsonArray)
            {
                Assert.True(o["total"] is not null && o["page"] is not null && o["pageSize"] is not null, $"{url}: items without total, page and pageSize");
            }
        }

        Assert.True(checkedPaths > 30, $"only {checkedPaths} GET endpoints answered JSON");
        Assert.True(bare.Count == 0, "GET endpoints that answer a bare JSON array: " + string.Join(", ", bare));
    }

    [Theory]
    [InlineData("/api/v1/forums?page=0")]
    [InlineData("/api/v1/tracks?pageSize=100000")]
    [InlineData("/api/v1/notices/due?pageSize=0")]
    [InlineData("/api/v1/programmes/technologies?page=-3")]
    public async Task PageOutOfRange_IsA400ProblemNamingTheParameter(string url)
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);

        using var response = await kit.Secretariat.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]!["page"] is not null || problem["errors"]!["pageSize"] is not null, problem.ToJsonString());
    }

    [Fact]
    public async Task ShortLists_PageLikeEveryOther()
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);

        var all = await CycleKit.Get(kit.Secretariat, $"/api/v1/tracks?forumId={kit.ForumId}");
        var second = await CycleKit.Get(kit.Secretariat, $"/api/v1/tracks?forumId={kit.ForumId}&page=2&pageSize=1");

        var total = (int)all["total"]!;
        Assert.True(total >= 2, "the demo forum has several tracks");
        Assert.Equal(total, (int)second["total"]!);
        Assert.Equal(2, (int)second["page"]!);
        Assert.Equal(1, (int)second["pageSize"]!);
        Assert.Equal((string?)all["items"]![1]!["code"], (string?)Assert.Single(second["items"]!.AsArray())!["code"]);
    }

    /// <summary>The route as the OpenAPI document names it: "/api/v1/tracks/{id:guid}/" → "/api/v1/tracks/{id}".</summary>
    private static string Path(string route)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route, "\\{([^}:=?]+)[^}]*\\}", "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>A URL to call for the path: as is without parameters; "/x/{id}/y" with the id of the first item of "/x".</summary>
    private static async Task<string?> Concrete(HttpClient client, string path)
    {
        var open = path.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return path;
        }

        var close = path.IndexOf('}', open);
        if (path.IndexOf('{', close) >= 0 || path[open..close].Contains("secret", StringComparison.Ordinal))
        {
            return null;
        }

        using var response = await client.GetAsync(new Uri(path[..(open - 1)], UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK || JsonNode.Parse(await response.Content.ReadAsStringAsync()) is not JsonObject list
            || list["items"] is not JsonArray { Count: > 0 } items || items[0]?["id"] is not JsonValue id)
        {
            return null;
        }

        return path[..open] + id + path[(close + 1)..];
    }

    private static bool DeclaresCollection(RouteEndpoint endpoint)
    {
        var produced = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.StatusCode == 200).Select(p => p.Type);
        var returned = endpoint.Metadata.OfType<MethodInfo>().Select(m => m.ReturnType);
        return produced.Concat(returned).Any(t => t is not null && IsCollection(Unwrap(t)));
    }

    /// <summary>Task&lt;Ok&lt;List&lt;T&gt;&gt;&gt; → List&lt;T&gt;: the body a caller gets.</summary>
    private static Type Unwrap(Type type)
    {
        while (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)
            || type.Namespace == "Microsoft.AspNetCore.Http.HttpResults"))
        {
            type = type.GetGenericArguments()[0];
        }

        return type;
    }

    private static bool IsCollection(Type type) =>
        type != typeof(string) && type != typeof(byte[]) && typeof(IEnumerable).IsAssignableFrom(type) && !typeof(IDictionary).IsAssignableFrom(type);
}

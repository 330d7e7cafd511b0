using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>The OpenAPI document is valid, covers every /api/v1 endpoint and matches the committed docs/api/openapi.json.</summary>
public sealed class OpenApiTests
{
    private const string Refresh = "UPDATE_OPENAPI=1 dotnet test --filter FullyQualifiedName~OpenApiTests";

    private static readonly HashSet<string> OperationMethods = new(["get", "put", "post", "delete", "patch", "head", "options"], StringComparer.Ordinal);

    [Fact]
    public async Task OpenApiDocument_IsValidCoversEveryEndpoint_AndMatchesTheCommittedCopy()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        var read = OpenApiDocument.Parse(text, "json");
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0,
            "OpenAPI errors: " + string.Join("; ", read.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        var document = read.Document!;
        Assert.StartsWith("3.", JsonNode.Parse(text)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(document.Components?.Schemas);
        Assert.True(document.Components.SecuritySchemes?.ContainsKey("bearer"));

        var documented = document.Paths.Keys.ToHashSet(StringComparer.Ordinal);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Select(e => Normalize(e.RoutePattern.RawText!)).Distinct().ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, path => Assert.Contains(path, documented));

        var current = Canonical(text);
        var committedPath = Path.Combine(RepositoryRoot(), "docs", "api", "openapi.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, current);
        }

        Assert.True(File.Exists(committedPath), $"docs/api/openapi.json is missing; create it with: {Refresh}");
        var committed = Canonical(await File.ReadAllTextAsync(committedPath));
        Assert.True(committed == current,
            $"The API changed but docs/api/openapi.json did not. Review the change, then refresh the committed document with: {Refresh}");
    }

    /// <summary>
    /// A client generated from the document must know what every operation answers: a 2xx response with the type of its
    /// body (204 has none), and a 404 wherever the operation names a record by id.
    /// </summary>
    [Fact]
    public async Task EveryOperation_DescribesItsSuccessResponse_AndItsNotFoundAnswer()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite);
        using var client = factory.CreateClient();
        var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = JsonNode.Parse(text)!["paths"]!.AsObject();

        var operations = 0;
        var missing = new List<string>();
        foreach (var (path, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject().Where(p => OperationMethods.Contains(p.Key)))
            {
                operations++;
                var name = $"{method.ToUpperInvariant()} {path} ({operation!["operationId"]?.GetValue<string>() ?? "no operationId"})";
                var responses = operation["responses"]?.AsObject() ?? new JsonObject();
                var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
                if (success.Count == 0)
                {
                    missing.Add($"{name}: no 2xx response");
                }

                foreach (var (status, response) in success.Where(r => r.Key != "204"))
                {
                    var content = response?["content"]?.AsObject();
                    if (content is null || content.Count == 0)
                    {
                        missing.Add($"{name}: {status} does not say what its body is");
                        continue;
                    }

                    missing.AddRange(content.Where(c => c.Key.Contains("json", StringComparison.Ordinal) && c.Value?["schema"] is not JsonObject { Count: > 0 })
                        .Select(c => $"{name}: {status} {c.Key} has no schema"));
                }

                if (path.Contains("{id}", StringComparison.Ordinal) && !responses.ContainsKey("404"))
                {
                    missing.Add($"{name}: names a record by id but does not describe 404");
                }
            }
        }

        Assert.True(operations > 100, $"Only {operations} operations in the document.");
        Assert.True(missing.Count == 0,
            $"{missing.Count} gaps in the answers of {operations} operations (add typed results or .Produces<T>() — see Api/ApiResponses.cs):\n"
            + string.Join("\n", missing));
    }

    /// <summary>Route templates as OpenAPI paths: "/api/v1/tracks/{id:guid}/" → "/api/v1/tracks/{id}".</summary>
    private static string Normalize(string route)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route, "\\{([^}:=?]+)[^}]*\\}", "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>Stable text: indented, without the servers list (it names whichever host served the request).</summary>
    private static string Canonical(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Tandem.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Tandem.slnx not found above " + AppContext.BaseDirectory);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Programmes;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Invest;

/// <summary>Shared helpers of the investment and notices tests: users of the demo agencies, JSON in and out.</summary>
internal static class InvestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static Uri U(string path) => new(path, UriKind.Relative);

    public static async Task<HttpResponseMessage> Post(this HttpClient client, string path, object body) =>
        await client.PostAsJsonAsync(U(path), body, Json);

    public static async Task<HttpResponseMessage> Put(this HttpClient client, string path, object body) =>
        await client.PutAsJsonAsync(U(path), body, Json);

    public static async Task<T> Read<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    public static async Task<T> GetJson<T>(this HttpClient client, string path) => await (await client.GetAsync(U(path))).Read<T>();

    /// <summary>Asserts a 400 whose ProblemDetails names <paramref name="field"/>, and returns that field's messages.</summary>
    public static async Task<string> AssertInvalid(this HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.True(doc.RootElement.TryGetProperty("errors", out var errors), $"no errors in {text}");
        var match = errors.EnumerateObject().FirstOrDefault(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.True(match.Value.ValueKind == JsonValueKind.Array, $"no error for '{field}' in {text}");
        return string.Join(" ", match.Value.EnumerateArray().Select(m => m.GetString()));
    }

    public static Task<int> ProgrammeCount(this TandemFactory factory) => factory.WithDb(db => db.Set<Programme>().IgnoreQueryFilters().CountAsync());

    public static object ProgrammeBody(string code, string party = "USA", string agency = "DOC", object? amount = null, string currency = "USD",
        int start = 2024, int end = 2026, string technology = "semiconductors", string stage = "Fabrication", object? label = null) => new
        {
            code,
            party,
            agencyCode = agency,
            nameEn = "Test programme " + code,
            instrument = "Grant",
            technology,
            stage,
            amount = amount ?? 1_000_000m,
            currency,
            startYear = start,
            endYear = end,
            source = "test",
            confidence = "seen",
            label = label ?? new { level = "Green" },
        };
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// The generated half of the bad-input sweep: every operation of the committed OpenAPI document (docs/api/openapi.json)
/// gets malformed values in each of its path parameters, query parameters and JSON body fields — wrong types,
/// out-of-range numbers, overlong text, control and bidi characters, full-width lookalikes, path tricks — from two
/// users of different parties. No answer may be a server error, and the database must be unchanged afterwards.
/// </summary>
public sealed partial class BadInputSweepTests
{
    private static readonly string Overlong = new('x', 5_000);

    /// <summary>Values that are wrong for some field, as text (query and path values; body strings).</summary>
    private static readonly string[] MalformedText =
    [
        "", " ", "abc", "1.5", "true", "null", "[]", "{}", "-1", "0", "10000", "-2147483649", "2147483648", "99999999999999999999999",
        "1e400", "NaN", "Infinity", "-0", "0x1F", "1,000", "１２３", "－１", "＝1+1", "ＵＳＡ", "＠SUM(A1)", "=HYPERLINK(\"http://x\")",
        "\u0000", "a\u0001b", "\r\n", "\t", "\u202Eabc", "\u2066x\u2069", "\u200B", "\uFEFF", "\uFFFF", "😀", "Ａ社\u0008",
        "..%2f..%2fetc%2fpasswd", "../../etc/passwd", "/\\evil", "//evil.example", "%00", "%2e%2e%2f", "\\\\server\\share",
        "2026-13-45", "0000-00-00", "9999-12-31T23:59:59Z", "0001-01-01", "2026-02-30T25:61:00+99:00",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "{00000000-0000-0000-0000-000000000000}", "' OR 1=1 --",
        "{0}{1}%s%n", "<script>alert(1)</script>", "Bogus", "ministerial", Overlong,
    ];

    /// <summary>Values every field gets first: numbers outside any range, overlong text, path tricks.</summary>
    private static readonly string[] EveryFieldFirst = ["-1", "0", "10000", "2147483648", Overlong, "/\\evil", "..%2f..%2fetc%2fpasswd", "\u202Eabc", "＝1+1"];

    /// <summary>JSON tokens that are wrong for some body field beyond strings: numbers out of range, other shapes.</summary>
    private static readonly string[] MalformedJson =
    [
        "1e400", "-1", "0", "2147483648", "-9223372036854775809", "1.5", "true", "[]", "{}", "null", "[null]", "[\"\\u0000\"]",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"$ref\": \"#/x\"}", "\"\\ud800\"", "[" + string.Join(",", Enumerable.Repeat("\"x\"", 2_000)) + "]",
    ];

    /// <summary>Tables a refused request may still touch: the audit log, its checkpoints and head, and a token's last use.</summary>
    private static IEnumerable<string> MayChangeWhenGenerated => MayChange.Append("PersonalAccessTokens").Append("AuditHeads");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryOpenApiOperation_ThousandsOfMalformedValuesFromTwoParties_NeverAnswer500AndChangeNothing(string provider)
    {
        // SQLite carries the full sweep; PostgreSQL a sample of it, enough to catch provider-specific failures.
        var target = provider == TestDatabase.Sqlite ? 10_500 : 1_500;
        await using var factory = new TandemFactory(provider, demo: true);
        var usa = await factory.CreateUser("fuzz.usa@example.org", "DOS", Roles.Admin, Roles.Secretariat, Roles.Analyst);
        var jpn = await factory.CreateUser("fuzz.jpn@example.org", "METI", Roles.Member, Roles.Analyst, Roles.Auditor);
        using var usaClient = factory.ClientFor(usa);
        using var jpnClient = factory.ClientFor(jpn);
        var operations = Operations(LoadOpenApi());
        var cases = Cases(operations, target);
        var before = await Snapshot(factory);
        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var sent = 0;

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), new Uri(c.Url, UriKind.Relative));
            if (c.Body is not null)
            {
                request.Content = new StringContent(c.Body, Encoding.UTF8, "application/json");
            }

            using var response = await (c.User == 0 ? usaClient : jpnClient).SendAsync(request, ct);
            Interlocked.Increment(ref sent);
            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                failures.TryAdd($"{c.Method} {c.Operation} {c.Field}", $"{c.Url[..Math.Min(160, c.Url.Length)]} {c.Body?[..Math.Min(160, c.Body.Length)]}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
            }
        });
        started.Stop();

        var after = await Snapshot(factory);
        var changed = before.Where(b => !after.TryGetValue(b.Key, out var a) || a != b.Value).Select(b => b.Key).ToList();
        Assert.True(operations.Count > 100, $"Only {operations.Count} operations were read from docs/api/openapi.json.");
        Assert.True(sent >= target, $"Only {sent} malformed values were sent.");
        Assert.True(failures.IsEmpty, $"{failures.Count} fields answered a server error ({sent} requests in {started.Elapsed.TotalSeconds:0} s):\n"
            + string.Join("\n", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}")));
        Assert.True(changed.Count == 0, "Malformed requests changed these tables: " + string.Join(", ", changed));
    }

    /// <summary>One request: which operation and field it attacks, the URL and body, and which user sends it.</summary>
    private sealed record BadCase(string Method, string Operation, string Field, string Url, string? Body, int User);

    private sealed record Parameter(string Name, string In, JsonElement Schema);

    private sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, IReadOnlyList<string> BodyFields);

    private static JsonDocument LoadOpenApi()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Tandem.slnx")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Tandem.slnx not found"), "docs", "api", "openapi.json");
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    private static List<Operation> Operations(JsonDocument document)
    {
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var s) ? s : default)).ToList()
                    : [];
                var fields = new List<string>();
                if (method.Value.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    fields.AddRange(Properties(json.GetProperty("schema"), schemas));
                }

                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, fields));
            }
        }

        return operations;
    }

    /// <summary>The property names of a body schema, following <c>$ref</c> and <c>oneOf</c> (a nullable body).</summary>
    private static IEnumerable<string> Properties(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Properties(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas);
        }

        if (schema.TryGetProperty("oneOf", out var choices))
        {
            return choices.EnumerateArray().SelectMany(c => Properties(c, schemas)).Distinct(StringComparer.Ordinal);
        }

        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
    }

    /// <summary>
    /// Every field of every operation gets the same number of malformed values, rotated so that together the fields
    /// use every value; each user sends a different share. Other path values are an unknown id.
    /// </summary>
    private static List<BadCase> Cases(List<Operation> operations, int target)
    {
        var fields = operations.SelectMany(o => o.Parameters.Where(p => p.In is "path" or "query").Select(p => (o, p.In, p.Name))
            .Concat(o.BodyFields.Select(f => (o, In: "body", Name: f)))).ToList();
        var perField = (int)Math.Ceiling(target / (double)fields.Count);
        var values = MalformedText.Select(v => (Text: v, Json: JsonSerializer.Serialize(v))).Concat(MalformedJson.Select(j => (Text: j, Json: j))).ToList();
        var cases = new List<BadCase>();
        for (var i = 0; i < fields.Count; i++)
        {
            var (operation, location, name) = fields[i];
            for (var k = 0; k < perField; k++)
            {
                var value = k < EveryFieldFirst.Length ? (Text: EveryFieldFirst[k], Json: JsonSerializer.Serialize(EveryFieldFirst[k])) : values[(i * 7 + k) % values.Count];
                if (location == "path" && value.Text.Contains('\0', StringComparison.Ordinal))
                {
                    // A NUL in the path never reaches the app: Kestrel refuses the request line (and the test host cannot send it).
                    value = values[(i * 7 + k + 1) % values.Count];
                }

                var user = (i + k) % 2;
                var path = FillPathWith(operation, location == "path" ? name : null, Uri.EscapeDataString(value.Text));
                var (url, body) = location switch
                {
                    "query" => (path + "?" + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value.Text), DefaultBody(operation)),
                    "body" => (path, "{" + JsonSerializer.Serialize(name) + ": " + value.Json + "}"),
                    _ => (path, DefaultBody(operation)),
                };
                cases.Add(new BadCase(operation.Method, operation.Path, $"{location} {name}", url, body, user));
            }
        }

        return cases;
    }

    private static string? DefaultBody(Operation operation) => operation.BodyFields.Count > 0 ? "{}" : null;

    private static string FillPathWith(Operation operation, string? attacked, string value)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var filled = parameter.Name == attacked ? value
                : parameter.Schema.ValueKind == JsonValueKind.Object && parameter.Schema.TryGetProperty("format", out var f) && f.GetString() == "uuid" ? Guid.NewGuid().ToString("D")
                : "1";
            path = path.Replace("{" + parameter.Name + "}", filled, StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>Rows of every table (but those a refused request may touch), hashed per table.</summary>
    private static Task<Dictionary<string, string>> Snapshot(TandemFactory factory) => factory.WithDb(async db =>
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(t => !MayChangeWhenGenerated.Contains(t, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // table names come from the model, not from input
                command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    rows.Add(string.Join("\u001F", Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader, i))));
                }

                rows.Sort(StringComparer.Ordinal);
                hashes[table] = $"{rows.Count} rows, " + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001E", rows))));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return hashes;
    });

    private static string Cell(DbDataReader reader, int i) => reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// SECURITY.md row 20 for every endpoint, not only the ones a capability's own tests name: the app's endpoints are
/// enumerated (as <see cref="Sharing.EndpointCoverageTests"/> does), so a new endpoint is swept without anyone adding it.
/// Every API endpoint that takes a JSON body answers malformed or wrong-shaped JSON with 400; every typed query
/// parameter answers a value of the wrong type with 400; every page answers junk query values without a server
/// error; and nothing in the database changes. The caller is an administrator of the demo, who may reach the most
/// (an auditor for the audit log, which is theirs alone).
/// </summary>
public sealed partial class BadInputSweepTests
{
    private static readonly string[] BadBodies = ["{\"broken\": ", "[1, 2, 3]", "\"a string, not an object\""];

    /// <summary>
    /// Tables a request of the sweep may still write to: its audit entry (denials are audited), the checkpoints of the
    /// chain, and the caller's authenticator key, which the second-factor enrolment page creates when first shown (as
    /// ASP.NET Identity's own pages do) — the sweep visits every page.
    /// </summary>
    private static readonly string[] MayChange = ["AuditEntries", "AuditCheckpoints", "AspNetUserTokens"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryEndpoint_MalformedOrWrongTypeInput_Answers400OrNoServerErrorAndChangesNothing(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var admin = await factory.CreateUser("sweep-admin@example.org", "DOS", Roles.Admin);
        var auditor = await factory.CreateUser("sweep-auditor@example.org", "DOS", Roles.Auditor);
        using var adminClient = factory.ClientFor(admin);
        using var auditorClient = factory.ClientFor(auditor);
        var before = await Counts(factory);
        var failures = new List<string>();
        var swept = 0;

        var apis = factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items).Where(a => a.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true).ToList();
        foreach (var api in apis)
        {
            var path = "/" + FillPath(api);
            var method = new HttpMethod(api.HttpMethod ?? "GET");
            if (method != HttpMethod.Get && method != HttpMethod.Delete
                && api.SupportedRequestFormats.Any(f => f.MediaType.Contains("json", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var body in BadBodies)
                {
                    using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    await Expect(request, HttpStatusCode.BadRequest, $"{method} {path} with body {body}");
                }
            }

            foreach (var parameter in api.ParameterDescriptions.Where(p => p.Source == BindingSource.Query))
            {
                var type = Nullable.GetUnderlyingType(parameter.Type ?? typeof(string)) ?? parameter.Type ?? typeof(string);
                if (type == typeof(string))
                {
                    continue;
                }

                var url = $"{path}?{parameter.Name}=not-a-{type.Name.ToLowerInvariant()}";
                using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
                if (method != HttpMethod.Get && method != HttpMethod.Delete)
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                await Expect(request, HttpStatusCode.BadRequest, $"{method} {url}");
            }
        }

        // Pages: route values filled with an unknown id, every query value junk. A page may answer 200, 302, 400, 403 or 404 — never 500.
        var pages = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => !r.StartsWith("/api/", StringComparison.Ordinal) && !r.StartsWith("/_", StringComparison.Ordinal) && !r.Contains("**", StringComparison.Ordinal)
                && !r.Contains("{documentName}", StringComparison.Ordinal) && r.StartsWith('/'))
            .Distinct().ToList();
        foreach (var route in pages)
        {
            var url = RouteValue().Replace(route, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString("D"))
                + "?page=abc&size=abc&pageSize=abc&year=abc&fromYear=x&toYear=y&revision=r&overdue=maybe&deleted=2&desc=yes&parentId=nope&forum=nope"
                + "&sort=%00zz&state=Bogus&kind=Nope&party=1&from=not-a-date&to=2026-13-45&q=%27%22%3C";
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
            swept++;
            using var response = await adminClient.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"GET {url}: {(int)response.StatusCode}");
            }
        }

        // What a reader sees for one of them: a 400 that names the parameter.
        using (var meetings = await adminClient.GetAsync(new Uri("/meetings?year=next", UriKind.Relative)))
        {
            var text = await meetings.Content.ReadAsStringAsync();
            Assert.True(meetings.StatusCode == HttpStatusCode.BadRequest && text.Contains("'year' must be a whole number", StringComparison.Ordinal),
                $"/meetings?year=next answered {(int)meetings.StatusCode}: {text}");
        }

        var after = await Counts(factory);
        var changed = before.Where(b => after[b.Key] != b.Value).Select(b => $"{b.Key}: {b.Value} rows before, {after[b.Key]} after").ToList();

        Assert.True(apis.Count > 50 && pages.Count > 20, $"The sweep found only {apis.Count} API endpoints and {pages.Count} pages; it is not looking at the app.");
        Assert.True(swept > 100, $"Only {swept} requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {swept} bad requests were not answered as expected:\n" + string.Join("\n", failures));
        Assert.True(changed.Count == 0, "Bad requests changed the database:\n" + string.Join("\n", changed));

        async Task Expect(HttpRequestMessage request, HttpStatusCode expected, string what)
        {
            swept++;
            var client = request.RequestUri!.OriginalString.StartsWith("/api/v1/audit", StringComparison.Ordinal) ? auditorClient : adminClient;
            using var response = await client.SendAsync(request);
            if (response.StatusCode != expected)
            {
                var text = await response.Content.ReadAsStringAsync();
                failures.Add($"{what}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }
    }

    /// <summary>The API path with every route value filled: an unknown id for a GUID, 1 for a number, "x" otherwise.</summary>
    private static string FillPath(ApiDescription api)
    {
        var path = api.RelativePath!;
        foreach (var parameter in api.ParameterDescriptions.Where(p => p.Source == BindingSource.Path))
        {
            var type = Nullable.GetUnderlyingType(parameter.Type ?? typeof(string)) ?? parameter.Type ?? typeof(string);
            var value = type == typeof(Guid) ? Guid.NewGuid().ToString("D") : type == typeof(int) || type == typeof(long) ? "1" : "x";
            path = Regex.Replace(path, "\\{" + Regex.Escape(parameter.Name) + "(:[^}]*)?\\}", value, RegexOptions.IgnoreCase);
        }

        return path;
    }

    /// <summary>Rows per table, but for the tables a refused request may write to.</summary>
    private static Task<Dictionary<string, long>> Counts(TandemFactory factory) => factory.WithDb(async db =>
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(t => !MayChange.Contains(t, StringComparer.OrdinalIgnoreCase));
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // table names come from the model, not from input
            counts[table] = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
        }

        return counts;
    });

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteValue();
}

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing;

/// <summary>
/// SECURITY.md row 1, second half: every GET endpoint of the app (API and pages) is either exercised by
/// <see cref="AccessMatrixTests"/> or listed here as returning no labelled records, with the reason.
/// A capability that adds a read path without adding it to the matrix fails this test.
/// </summary>
public sealed class EndpointCoverageTests
{
    private static readonly Dictionary<string, string> ReturnsNoLabelledRecords = new(StringComparer.Ordinal)
    {
        ["/"] = "start page: forums and tracks (C1 reference data, unlabelled)",
        ["/account/sign-in"] = "sign-in form",
        ["/account/denied"] = "access-denied notice",
        ["/documents/upload"] = "empty upload form",
        ["/api/v1/antiforgery"] = "a token for the caller",
        ["/api/v1/me"] = "the caller's own account",
        ["/api/v1/tokens"] = "the caller's own tokens",
        ["/api/v1/parties"] = "C1 reference data (unlabelled)",
        ["/api/v1/parties/{id:guid}"] = "C1 reference data (unlabelled)",
        ["/api/v1/agencies"] = "C1 reference data (unlabelled)",
        ["/api/v1/agencies/{id:guid}"] = "C1 reference data (unlabelled)",
        ["/api/v1/forums"] = "C1 reference data (unlabelled)",
        ["/api/v1/forums/{id:guid}"] = "C1 reference data (unlabelled)",
        ["/api/v1/tracks"] = "C1 reference data (unlabelled)",
        ["/api/v1/tracks/{id:guid}"] = "C1 reference data (unlabelled)",
        ["/health/live"] = "health probe",
        ["/health/ready"] = "health probe",
        ["/openapi/{documentName}.json"] = "the API description",
        ["/_framework/opaque-redirect"] = "Blazor's redirect helper",
        ["/{**path:file}"] = "static files of the web root (no records)",
    };

    [Fact]
    public void GetEndpoints_All_AreInTheMatrixOrDeclaredUnlabelled()
    {
        using var factory = new TandemFactory(TestDatabase.Sqlite);
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var routes = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .Select(e => Normalise(e.RoutePattern.RawText ?? ""))
            .Distinct()
            .ToList();

        var uncovered = routes.Where(r => !AccessMatrixTests.CoveredEndpoints.Contains(r) && !ReturnsNoLabelledRecords.ContainsKey(r)).Order(StringComparer.Ordinal).ToList();

        Assert.True(routes.Count > 10, "The endpoint enumeration found almost nothing; it is not looking at the app.");
        Assert.True(uncovered.Count == 0,
            "GET endpoints neither in AccessMatrixTests.CoveredEndpoints nor declared unlabelled here:\n" + string.Join("\n", uncovered));
    }

    [Fact]
    public void MatrixAndAllowList_EveryEntry_IsARealEndpoint()
    {
        using var factory = new TandemFactory(TestDatabase.Sqlite);
        var routes = factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => Normalise(e.RoutePattern.RawText ?? "")).ToHashSet(StringComparer.Ordinal);

        var stale = AccessMatrixTests.CoveredEndpoints.Where(r => !routes.Contains(r)).ToList();

        Assert.True(stale.Count == 0, "The matrix claims endpoints the app does not have:\n" + string.Join("\n", stale));
    }

    private static string Normalise(string pattern)
    {
        var p = "/" + pattern.Trim('/');
        return p;
    }
}

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
        ["/"] = "start page: forums and tracks (C1 reference data), and the caller's work list read through the access policy as /api/v1/me/work (see there)",
        ["/account/sign-in"] = "sign-in form",
        ["/account/denied"] = "access-denied notice",
        ["/account/external/callback"] = "end of a single sign-on: signs in and redirects; no record",
        ["/account/external/refused"] = "why a single sign-on was refused; no record",
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
        ["/account"] = "the caller's own profile",
        ["/account/password"] = "the caller's own password form",
        ["/account/tokens"] = "the caller's own tokens",
        ["/account/two-factor"] = "the caller's own second factor",
        ["/account/two-factor-sign-in"] = "second-factor sign-in form",
        ["/admin"] = "user accounts (administrators only); no labelled record",
        ["/agencies"] = "C1 reference data (unlabelled)",
        ["/agencies/new"] = "empty C1 form",
        ["/agencies/{Id:guid}"] = "C1 reference data: an agency and its track roles (unlabelled)",
        ["/agencies/{Id:guid}/edit"] = "C1 form",
        ["/agencies/{Id:guid}/delete"] = "C1 confirmation",
        ["/forums"] = "C1 reference data (unlabelled)",
        ["/forums/new"] = "empty C1 form",
        ["/forums/{Id:guid}"] = "C1 reference data: a forum, its parties and tracks (unlabelled)",
        ["/forums/{Id:guid}/edit"] = "C1 form",
        ["/forums/{Id:guid}/delete"] = "C1 confirmation",
        ["/forums/{ForumId:guid}/tracks/new"] = "empty C1 form",
        ["/parties"] = "C1 reference data (unlabelled)",
        ["/parties/new"] = "empty C1 form",
        ["/parties/{Id:guid}/edit"] = "C1 form",
        ["/tracks/{Id:guid}"] = "C1 reference data (unlabelled)",
        ["/tracks/{Id:guid}/edit"] = "C1 form",
        ["/tracks/{Id:guid}/delete"] = "C1 confirmation",
        ["/api/v1/fx-rates"] = "exchange rates (unlabelled reference data)",
        ["/api/v1/fx-rates/{id:guid}"] = "an exchange rate (unlabelled)",
        ["/api/v1/fx-rates/convert"] = "arithmetic over exchange rates",
        ["/programmes/rates"] = "exchange rates page (unlabelled)",
        ["/api/v1/programmes/technologies"] = "the technology taxonomy (unlabelled)",
        ["/api/v1/evidence/store"] = "the trade store's years, import files and product baskets; no analysis",
        ["/notices/new"] = "empty notice form",
        ["/consultation/new"] = "empty call form",
        ["/consultation/register"] = "empty organisation registration form",
        ["/consultation/organisations"] = "registered organisations (not labelled records)",
        ["/api/v1/consultation/organisations"] = "registered organisations (not labelled records)",
        ["/api/v1/consultation/organisations/{id:guid}"] = "a registered organisation (not a labelled record)",
        ["/api/v1/meetings"] = "meetings are unlabelled (forum business); the list carries no papers",
        ["/api/v1/meetings/feed.ics"] = "meetings as iCalendar: times, titles, venues; no papers",
        ["/api/v1/meetings/{id:guid}.ics"] = "one meeting as iCalendar; no papers",
        ["/api/v1/forums/{id:guid}/effectiveness-report"] = "a forum's compliance scores, aggregates and partnership index (forum community records, unlabelled); no papers",
        ["/calendar/{secret}.ics"] = "the owner's meetings as iCalendar, read with the owner's rights; no papers",
        ["/api/v1/me/calendar-feed"] = "when the caller's own calendar address was made and last read",
        ["/api/v1/me/notification-preferences"] = "the caller's own e-mail choices per kind of notification; no record",
        ["/account/notifications"] = "the caller's own e-mail notification settings; no record",
        ["/meetings"] = "meeting list; no papers",
        ["/api/v1/commitments"] = "commitments are unlabelled (joint forum text); the list carries no progress reports",
        ["/commitments"] = "commitment list; no progress reports",
        ["/api/v1/commitments/{id:guid}/history"] = "audit entries of the (unlabelled) commitment only (object type Commitment); filing a progress report writes no entry there, so no report's text or existence",
        ["/programmes/new"] = "empty programme form",
        ["/api/v1/compliance/cycles"] = "compliance cycles and scores of (unlabelled) commitments",
        ["/api/v1/compliance/cycles/{id:guid}"] = "a compliance cycle: scores of unlabelled commitments",
        ["/api/v1/compliance/cycles/{id:guid}/dashboard"] = "scores of unlabelled commitments",
        ["/api/v1/compliance/cycles/{id:guid}/export.csv"] = "scores of unlabelled commitments",
        ["/api/v1/compliance/cycles/{id:guid}/export.xlsx"] = "scores of unlabelled commitments",
        ["/api/v1/compliance/cycles/{id:guid}/export.zip"] = "scores of unlabelled commitments, as a zip of CSV files",
        ["/api/v1/compliance/cycles/{id:guid}/scores/history"] = "score changes of unlabelled commitments",
        ["/api/v1/compliance/forums/{forumId:guid}/trends"] = "score trends of unlabelled commitments",
        ["/api/v1/compliance/forums/{forumId:guid}/trends.svg"] = "score trends of unlabelled commitments",
        ["/api/v1/compliance/partnership"] = "partnership index over unlabelled commitments",
        ["/api/v1/compliance/partnership.svg"] = "partnership index over unlabelled commitments",
        ["/compliance"] = "compliance cycles (unlabelled)",
        ["/compliance/{Id:guid}"] = "a compliance cycle (unlabelled)",
        ["/compliance/partnership"] = "partnership index (unlabelled)",
        ["/api/v1/audit"] = "auditors only; entries name object type, id and marking, never a record's content",
        ["/api/v1/audit/verify"] = "auditors only; the chain's hashes and signatures",
        ["/audit"] = "auditors only; entries name object type, id and marking, never a record's content",
        ["/health/live"] = "health probe",
        ["/health/ready"] = "health probe",
        ["/openapi/{documentName}.json"] = "the API description",
        ["/_framework/opaque-redirect"] = "Blazor's redirect helper",
        ["/{**path:file}"] = "static files of the web root (no records)",
        ["/api/v1/me/work"] = "the caller's work list: labelled records (papers counted, notices, shared documents and analyses, calls, submissions) are read through the access policy in SQL; MyWorkTests prove a record relabelled RED away from the caller is not listed",
        ["/meetings/{Id:guid}/outcomes/{OutcomeId:guid}/commitment"] = "the form turning a meeting's outcome (unlabelled forum business) into a commitment; no papers",
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

        var uncovered = routes.Where(r => !AccessMatrixTests.CoveredEndpoints.Contains(r) && !ReturnsNoLabelledRecords.ContainsKey(r))
            .Order(StringComparer.Ordinal).ToList();

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

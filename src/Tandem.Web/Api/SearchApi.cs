using System.Globalization;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Search;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>One search across every kind of record the caller may see; every search is audited with its words and number of hits.</summary>
public static class SearchApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/search", Search).WithTags("Search").WithName("Search")
            .WithSummary("Records of every kind the caller may see that contain all the words of q (any language; Japanese needs no spaces), best first. "
                + "Filters: kinds (comma-separated: " + string.Join(", ", SearchKinds.All) + "), party (JPN), track (code), label (Clear…Red), from/to (dates). "
                + "Each hit's snippet is HTML-escaped text with the matches in <mark>. When more than " + SearchRecords.RankedLimit.ToString(CultureInfo.InvariantCulture)
                + " records match, only the newest that many are ranked and paged: total is then that number and totalIsLowerBound is true.")
            .Produces<SearchResults>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> Search(TandemDbContext db, TimeProvider clock, HttpContext http, string? q, string? kinds, string? party, string? track,
        string? label, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct)
    {
        // A bearer token is authenticated after the audit context was filled from the cookie principal: name the caller again.
        var audit = http.RequestServices.GetRequiredService<AuditContext>();
        audit.Actor = http.User.ToActor();
        audit.ActorAgencyCode = http.User.FindFirst(TandemClaims.AgencyCode)?.Value ?? "";
        var input = new SearchInput(q, kinds is null ? null : [kinds], party, track, label, from, to);
        return (await SearchRecords.Handle(db, http.User.ToActor(), clock, input, page, pageSize, CultureInfo.CurrentUICulture.Name, ct)).ToHttp();
    }
}

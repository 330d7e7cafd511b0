using Tandem.Core.Data;
using Tandem.Core.Workplace;
using Tandem.Web.Evidence;
using Tandem.Web.Infrastructure;
using Tandem.Web.Workplace;

namespace Tandem.Web.Api;

/// <summary>The caller's work list, as the home page shows it: one section per role they hold, each item with the page where it is done.</summary>
public static class MyWorkApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me/work", async (TandemDbContext db, HttpContext http, TradeStoreAccess trade, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await MyWorkLoader.Load(db, http.User.ToActor(), trade, clock, ct)))
            .WithTags("Account").WithName("GetMyWork")
            .WithSummary("What waits for the caller today, per role: commitments due, reports to write, meetings, notices, shared records, "
                + "meetings to prepare, outcomes to commit, scoring, screenings to refresh, open calls, audit activity.")
            .Produces<MyWorkDto>();
    }
}

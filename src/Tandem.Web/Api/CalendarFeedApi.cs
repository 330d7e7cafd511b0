using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Data;
using Tandem.Core.Meetings;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

public sealed record CalendarFeedUrlDto(string Url);

public sealed record CalendarFeedStatusDto(DateTime CreatedAt, DateTime? LastReadAt);

/// <summary>
/// The personal calendar address: created, shown, revoked by its owner under <c>/api/v1/me/calendar-feed</c>,
/// and read without a session at <c>/calendar/{secret}.ics</c> by calendar applications, which cannot sign in.
/// </summary>
public static class CalendarFeedApi
{
    public const string FeedPath = "/calendar/{secret}.ics";

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/me/calendar-feed").WithTags("Account");
        feed.MapGet("/", Status).WithName("GetCalendarFeed").WithSummary("When the caller's calendar address was created and last read; 404 when there is none.")
            .Produces<CalendarFeedStatusDto>().ProducesProblem(StatusCodes.Status404NotFound);
        feed.MapPost("/", Create).WithName("CreateCalendarFeed")
            .WithSummary("Creates the caller's secret calendar address, replacing any earlier one; the address is shown once.");
        feed.MapDelete("/", Revoke).WithName("RevokeCalendarFeed").WithSummary("Deletes the caller's calendar address; every subscription to it stops.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(FeedPath, Read).AllowAnonymous().WithTags("Meetings").WithName("ReadCalendarFeed")
            .WithSummary("The meetings the address's owner may see, as iCalendar, for calendar applications (no session needed).")
            .Produces<string>(200, "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static string Url(HttpRequest request, string secret)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}/calendar/{secret}.ics";
    }

    private static async Task<IResult> Status(ClaimsPrincipal user, TandemDbContext db, CancellationToken ct)
    {
        var info = await CalendarFeeds.Describe(db, user.ToActor().UserId!.Value, ct);
        return info is null ? Core.Common.Error.NotFound("Calendar address").ToProblem() : TypedResults.Ok(new CalendarFeedStatusDto(info.CreatedAt, info.LastReadAt));
    }

    private static async Task<Ok<CalendarFeedUrlDto>> Create(HttpContext http, TandemDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var secret = await CalendarFeeds.Create(db, http.User.ToActor().UserId!.Value, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok(new CalendarFeedUrlDto(Url(http.Request, secret)));
    }

    private static async Task<IResult> Revoke(ClaimsPrincipal user, TandemDbContext db, CancellationToken ct) =>
        await CalendarFeeds.Revoke(db, user.ToActor().UserId!.Value, ct) ? TypedResults.NoContent() : Core.Common.Error.NotFound("Calendar address").ToProblem();

    private static async Task<IResult> Read(string secret, HttpContext http, TandemDbContext db, SignInManager<TandemUser> signIn, AuditContext audit,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var owner = await CalendarFeeds.Resolve(db, secret, now, ct);
        if (owner is null)
        {
            // The same answer for a wrong, revoked or disabled address: the path is the only secret.
            return Core.Common.Error.NotFound("Calendar").ToProblem();
        }

        // The owner's own rights decide what the calendar holds, exactly as if they had signed in.
        var principal = await signIn.CreateUserPrincipalAsync(owner);
        var actor = principal.ToActor();
        audit.Actor = actor;
        audit.ActorAgencyCode = principal.FindFirstValue(TandemClaims.AgencyCode) ?? "";
        var meetings = await MeetingQueries.Feed(db, actor, ct);
        var capitals = await CalendarFeeds.Capitals(db, meetings.Select(m => m.ForumId), ct);
        var culture = owner.PreferredCulture is "ja" ? "ja" : "en";
        var name = culture == "ja" ? "Tandem 会合" : "Tandem meetings";
        var ics = MeetingCalendar.Write(meetings, name, now, m => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/meetings/{m.Id}", culture, capitals);

        db.Audit(AuditAction.List, nameof(CalendarFeed), owner.Id.ToString("D"), details: $"calendar application read {meetings.Count} meetings");
        await db.SaveChangesAsync(ct);

        // Calendar applications cache by themselves; a proxy must not keep one person's calendar for another.
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Text(ics, MeetingCalendar.ContentType, Encoding.UTF8);
    }
}

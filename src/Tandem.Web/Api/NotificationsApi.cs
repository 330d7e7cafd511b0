using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notifications;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>The reader's own notifications (list and mark read) and e-mail settings. Nobody reads another person's.</summary>
public static class NotificationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", async (TandemDbContext db, HttpContext http, bool? unread, int? page, int? pageSize, CancellationToken ct) =>
            (await NotificationUseCases.List(db, http.User.ToActor(), unread ?? false, page, pageSize, ct)).ToHttp())
            .WithName("ListNotifications").WithSummary("The reader's notifications, newest first, a page at a time.")
            .Produces<PagedList<NotificationDto>>().ProducesValidationProblem();
        group.MapPost("/{id:guid}/read", async (Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            (await NotificationUseCases.MarkRead(db, http.User.ToActor(), id, clock.GetUtcNow().UtcDateTime, ct)).ToHttp())
            .WithName("MarkNotificationRead").WithSummary("Marks one of the reader's notifications read; answers how many changed (0 or 1).")
            .Produces<int>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/read", async (TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            (await NotificationUseCases.MarkRead(db, http.User.ToActor(), null, clock.GetUtcNow().UtcDateTime, ct)).ToHttp())
            .WithName("MarkAllNotificationsRead").WithSummary("Marks all of the reader's notifications read; answers how many changed.")
            .Produces<int>();

        var preferences = api.MapGroup("/me/notification-preferences").WithTags("Notifications");
        preferences.MapGet("/", async (TandemDbContext db, HttpContext http, CancellationToken ct) =>
            (await NotificationPreferences.Get(db, http.User.ToActor(), ct)).ToHttp())
            .WithName("GetNotificationPreferences").WithSummary("For each kind of notification, whether the reader gets e-mail immediately, in a daily digest or not at all.")
            .Produces<IReadOnlyList<NotificationPreferenceDto>>().ProducesProblem(StatusCodes.Status403Forbidden);
        preferences.MapPut("/", async (NotificationPreferencesInput input, TandemDbContext db, HttpContext http, CancellationToken ct) =>
            (await NotificationPreferences.Set(db, http.User.ToActor(), input, ct)).ToHttp())
            .WithName("SetNotificationPreferences").WithSummary("Changes the e-mail delivery of the kinds given (Immediately, DailyDigest or Off); other kinds keep theirs.")
            .Produces<IReadOnlyList<NotificationPreferenceDto>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

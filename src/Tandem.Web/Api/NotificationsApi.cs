using Tandem.Core.Data;
using Tandem.Core.Notifications;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>The reader's own in-app notifications (C11): list and mark read. Nobody reads another person's.</summary>
public static class NotificationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", async (TandemDbContext db, HttpContext http, bool? unread, int? page, int? pageSize, CancellationToken ct) =>
            (await NotificationUseCases.List(db, http.User.ToActor(), unread ?? false, page, pageSize, ct)).ToHttp())
            .WithName("ListNotifications").WithSummary("The reader's notifications, newest first.");
        group.MapPost("/{id:guid}/read", async (Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            (await NotificationUseCases.MarkRead(db, http.User.ToActor(), id, clock.GetUtcNow().UtcDateTime, ct)).ToHttp())
            .WithName("MarkNotificationRead");
        group.MapPost("/read", async (TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            (await NotificationUseCases.MarkRead(db, http.User.ToActor(), null, clock.GetUtcNow().UtcDateTime, ct)).ToHttp())
            .WithName("MarkAllNotificationsRead");
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Notifications;

public sealed record NotificationDto(Guid Id, string Kind, string TitleEn, string TitleJa, string Link, DateTime CreatedAt, DateTime? ReadAt)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

/// <summary>Send, list and mark read. Sending only queues rows: the caller's save writes them with its change.</summary>
public static class NotificationUseCases
{
    /// <param name="restricted">The record is labelled above GREEN: e-mail names neither it nor its title (see <see cref="Notification.Restricted"/>).</param>
    public static void Send(TandemDbContext db, IEnumerable<Guid> users, string kind, string titleEn, string titleJa, string link, DateTime now, bool restricted = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("A notification links to a local path.", nameof(link));
        }

        foreach (var user in users.Distinct())
        {
            db.Set<Notification>().Add(new Notification
            {
                UserId = user,
                Kind = Clip(kind, Notification.KindLength),
                TitleEn = Clip(titleEn, Notification.TitleLength),
                TitleJa = Clip(titleJa, Notification.TitleLength),
                Link = Clip(link, Notification.LinkLength),
                Restricted = restricted,
                CreatedAt = now,
            });
        }
    }

    public static async Task<Result<PagedList<NotificationDto>>> List(TandemDbContext db, Actor actor, bool unreadOnly, int? page, int? pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        if (actor.UserId is not { } user)
        {
            return new PagedList<NotificationDto>([], 1, request.Value.PageSize, 0);
        }

        var query = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == user);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(request.Value.Skip).Take(request.Value.PageSize)
            .Select(n => new NotificationDto(n.Id, n.Kind, n.TitleEn, n.TitleJa, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
        return new PagedList<NotificationDto>(items, request.Value.Page, request.Value.PageSize, total);
    }

    public static async Task<int> CountUnread(TandemDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        return actor.UserId is { } user ? await db.Set<Notification>().CountAsync(n => n.UserId == user && n.ReadAt == null, ct) : 0;
    }

    /// <summary>Marks one notification (or, without an id, all of the reader's) read. Another person's id is "not found".</summary>
    public static async Task<Result<int>> MarkRead(TandemDbContext db, Actor actor, Guid? id, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is not { } user)
        {
            return Error.NotFound("Notification");
        }

        var query = db.Set<Notification>().Where(n => n.UserId == user && n.ReadAt == null);
        if (id is { } one)
        {
            if (!await db.Set<Notification>().AnyAsync(n => n.Id == one && n.UserId == user, ct))
            {
                return Error.NotFound("Notification");
            }

            query = query.Where(n => n.Id == one);
        }

        var unread = await query.ToListAsync(ct);
        unread.ForEach(n => n.ReadAt = now);
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Notifications;

/// <summary>
/// Turns notifications into e-mail in the outbox: one message per notification for kinds the recipient wants
/// immediately, and one daily digest per person for the others. The body names a record only when it is labelled
/// GREEN or CLEAR; a record above GREEN appears as "1 restricted document shared with you" with a link into Tandem,
/// where the access policy decides again.
/// </summary>
public static class NotificationMail
{
    /// <summary>Notifications older than this when the mailer first sees them (mail was off) are not news any more.</summary>
    public static readonly TimeSpan TooOldToMail = TimeSpan.FromDays(2);

    public static async Task<int> ComposeImmediate(TandemDbContext db, MailOptions options, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var pending = await db.Set<Notification>().Where(n => n.MailState == MailState.Pending).OrderBy(n => n.CreatedAt).Take(500).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        var people = await People(db, pending.Select(n => n.UserId), ct);
        var preferences = await Preferences(db, pending.Select(n => n.UserId), ct);
        var queued = 0;
        foreach (var notification in pending)
        {
            var delivery = preferences.GetValueOrDefault((notification.UserId, notification.Kind), Delivery.Immediately);
            if (!people.TryGetValue(notification.UserId, out var person) || delivery == Delivery.Off || now - notification.CreatedAt > TooOldToMail)
            {
                notification.MailState = MailState.NotSent;
            }
            else if (delivery == Delivery.DailyDigest)
            {
                notification.MailState = MailState.AwaitingDigest;
            }
            else
            {
                var kind = NotificationKinds.Of(notification.Kind);
                var body = new StringBuilder();
                body.AppendLine(kind.Name(person.Culture)).AppendLine();
                AppendItem(body, person.Culture, [notification], kind, options);
                AppendFooter(body, person.Culture, options);
                db.Set<OutboxMail>().Add(new OutboxMail
                {
                    UserId = person.Id,
                    To = person.Email,
                    Subject = "[Tandem] " + kind.Name(person.Culture),
                    Body = body.ToString(),
                    Culture = person.Culture,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                notification.MailState = MailState.Queued;
                queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>The latest daily digest moment at or before <paramref name="now"/>.</summary>
    public static DateTime DigestCutoff(DateTime now, int hourUtc)
    {
        var today = now.Date.AddHours(Math.Clamp(hourUtc, 0, 23));
        return DateTime.SpecifyKind(today <= now ? today : today.AddDays(-1), DateTimeKind.Utc);
    }

    /// <summary>One message per person gathering the notifications that waited for the digest, grouped by kind.</summary>
    public static async Task<int> ComposeDigests(TandemDbContext db, MailOptions options, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var cutoff = DigestCutoff(now, options.DigestHourUtc);
        var waiting = await db.Set<Notification>().Where(n => n.MailState == MailState.AwaitingDigest && n.CreatedAt < cutoff)
            .OrderBy(n => n.CreatedAt).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var people = await People(db, waiting.Select(n => n.UserId), ct);
        var sent = 0;
        foreach (var group in waiting.GroupBy(n => n.UserId))
        {
            if (!people.TryGetValue(group.Key, out var person))
            {
                group.ToList().ForEach(n => n.MailState = MailState.NotSent);
                continue;
            }

            var japanese = person.Culture == "ja";
            var count = group.Count();
            var body = new StringBuilder();
            body.AppendLine(japanese ? $"前回以降のお知らせ {count} 件:" : $"{count} notification{(count == 1 ? "" : "s")} since your last summary:").AppendLine();
            foreach (var byKind in group.GroupBy(n => n.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var kind = NotificationKinds.Of(byKind.Key);
                body.AppendLine("## " + kind.Name(person.Culture));
                AppendItem(body, person.Culture, byKind.ToList(), kind, options);
                body.AppendLine();
            }

            AppendFooter(body, person.Culture, options);
            db.Set<OutboxMail>().Add(new OutboxMail
            {
                UserId = person.Id,
                To = person.Email,
                Subject = japanese ? $"[Tandem] 本日のまとめ: お知らせ {count} 件" : $"[Tandem] Daily summary: {count} notification{(count == 1 ? "" : "s")}",
                Body = body.ToString(),
                Culture = person.Culture,
                IsDigest = true,
                CreatedAt = now,
                NextAttemptAt = now,
            });
            group.ToList().ForEach(n => n.MailState = MailState.Digested);
            sent++;
        }

        await db.SaveChangesAsync(ct);
        return sent;
    }

    /// <summary>Named lines for records at GREEN or below; one counted line, linking to the inbox, for the rest.</summary>
    private static void AppendItem(StringBuilder body, string culture, IReadOnlyList<Notification> notifications, NotificationKind kind, MailOptions options)
    {
        foreach (var open in notifications.Where(n => !n.Restricted))
        {
            body.AppendLine("- " + Localized.Pick(culture, open.TitleEn, open.TitleJa));
            body.AppendLine("  " + Url(options, open.Link));
        }

        var restricted = notifications.Where(n => n.Restricted).ToList();
        if (restricted.Count > 0)
        {
            body.AppendLine("- " + kind.Restricted(culture, restricted.Count));
            body.AppendLine("  " + Url(options, restricted.Count == 1 ? restricted[0].Link : "/notifications"));
        }
    }

    private static void AppendFooter(StringBuilder body, string culture, MailOptions options)
    {
        body.AppendLine();
        body.AppendLine(culture == "ja"
            ? "このメールは Tandem の通知設定に基づいて送信されています。設定の変更: " + Url(options, "/account/notifications")
            : "You receive this e-mail because of your Tandem notification settings. Change them at " + Url(options, "/account/notifications"));
    }

    public static string Url(MailOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PublicUrl.TrimEnd('/') + path;
    }

    private sealed record Person(Guid Id, string Email, string Culture);

    private static async Task<Dictionary<Guid, Person>> People(TandemDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id) && !u.Disabled && u.Email != null && u.Email != "")
            .Select(u => new { u.Id, u.Email, u.PreferredCulture }).ToListAsync(ct);
        return users.ToDictionary(u => u.Id, u => new Person(u.Id, u.Email!,
            u.PreferredCulture.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? "ja" : "en"));
    }

    private static async Task<Dictionary<(Guid, string), Delivery>> Preferences(TandemDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return (await db.Set<NotificationPreference>().AsNoTracking().Where(p => wanted.Contains(p.UserId)).ToListAsync(ct))
            .ToDictionary(p => (p.UserId, p.Kind), p => p.Delivery);
    }
}

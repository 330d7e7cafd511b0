using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Notifications;

/// <summary>One kind of notification and how the reader wants its e-mail.</summary>
public sealed record NotificationPreferenceDto(string Kind, string NameEn, string NameJa, Delivery Delivery)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>What a reader asks to change: kind key → delivery.</summary>
public sealed record NotificationPreferencesInput(IReadOnlyDictionary<string, Delivery>? Deliveries);

/// <summary>The reader's own e-mail choices per kind of notification (immediately, daily digest or off).</summary>
public static class NotificationPreferences
{
    public static async Task<Result<IReadOnlyList<NotificationPreferenceDto>>> Get(TandemDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is not { } user)
        {
            return Error.Forbidden("Notification settings belong to a user account; sign in as one.");
        }

        var chosen = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == user).ToDictionaryAsync(p => p.Kind, p => p.Delivery, ct);
        return NotificationKinds.All.Select(k => new NotificationPreferenceDto(k.Key, k.NameEn, k.NameJa, chosen.GetValueOrDefault(k.Key, Delivery.Immediately))).ToList();
    }

    public static async Task<Result<IReadOnlyList<NotificationPreferenceDto>>> Set(TandemDbContext db, Actor actor, NotificationPreferencesInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (actor.UserId is not { } user)
        {
            return Error.Forbidden("Notification settings belong to a user account; sign in as one.");
        }

        var validation = new Validation();
        if (input.Deliveries is null || input.Deliveries.Count == 0)
        {
            validation.Add("deliveries", "deliveries is required: an object of notification kind → Immediately, DailyDigest or Off.");
        }
        else
        {
            foreach (var (kind, delivery) in input.Deliveries)
            {
                if (NotificationKinds.Find(kind) is null)
                {
                    validation.Add($"deliveries.{kind}", $"Unknown notification kind {kind}; the kinds are {string.Join(", ", NotificationKinds.All.Select(k => k.Key))}.");
                }
                else if (!Enum.IsDefined(delivery))
                {
                    validation.Add($"deliveries.{kind}", "Choose Immediately, DailyDigest or Off.");
                }
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var existing = await db.Set<NotificationPreference>().Where(p => p.UserId == user).ToDictionaryAsync(p => p.Kind, ct);
        foreach (var (kind, delivery) in input.Deliveries!)
        {
            if (existing.TryGetValue(kind, out var row))
            {
                row.Delivery = delivery;
            }
            else
            {
                db.Set<NotificationPreference>().Add(new NotificationPreference { UserId = user, Kind = kind, Delivery = delivery });
            }
        }

        db.Audit(AuditAction.Update, nameof(NotificationPreference), user.ToString("D"),
            details: string.Join(",", input.Deliveries.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}")));
        await db.SaveChangesAsync(ct);
        return await Get(db, actor, ct);
    }
}

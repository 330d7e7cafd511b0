using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Meetings;

/// <summary>
/// A user's secret calendar address (<c>/calendar/{secret}.ics</c>). Calendar applications cannot sign in,
/// so the address itself is the credential: only its SHA-256 hash is kept, and it is shown once, when created.
/// One per user; creating a new one replaces the old, and deleting it stops every subscription at once.
/// </summary>
public sealed class CalendarFeed
{
    public Guid UserId { get; set; }

    public TandemUser? User { get; set; }

    public string SecretHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? LastReadAt { get; set; }
}

public sealed record CalendarFeedInfo(DateTime CreatedAt, DateTime? LastReadAt);

/// <summary>Creating, replacing, revoking and resolving a user's calendar address.</summary>
public static class CalendarFeeds
{
    public const string SecretPrefix = "cal_";

    /// <summary>Creates (or replaces) the user's calendar secret and returns it; the old address stops working.</summary>
    public static async Task<string> Create(TandemDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var secret = BearerSecrets.New(SecretPrefix);
        var feed = await db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.UserId == userId, ct);
        var replaced = feed is not null;
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = userId };
            db.Add(feed);
        }

        feed.SecretHash = BearerSecrets.Hash(secret);
        feed.CreatedAt = now;
        feed.LastReadAt = null;
        db.Audit(replaced ? AuditAction.Update : AuditAction.Create, nameof(CalendarFeed), userId.ToString("D"), details: replaced ? "calendar address replaced" : "calendar address created");
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>Deletes the user's calendar address; answers false when there was none.</summary>
    public static async Task<bool> Revoke(TandemDbContext db, Guid userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var feed = await db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.UserId == userId, ct);
        if (feed is null)
        {
            return false;
        }

        db.Remove(feed);
        db.Audit(AuditAction.Delete, nameof(CalendarFeed), userId.ToString("D"), details: "calendar address revoked");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static Task<CalendarFeedInfo?> Describe(TandemDbContext db, Guid userId, CancellationToken ct) =>
        db.Set<CalendarFeed>().AsNoTracking().Where(f => f.UserId == userId).Select(f => new CalendarFeedInfo(f.CreatedAt, f.LastReadAt)).FirstOrDefaultAsync(ct);

    /// <summary>The enabled user behind a calendar secret, or null; only the hash is compared.</summary>
    public static async Task<TandemUser?> Resolve(TandemDbContext db, string secret, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = BearerSecrets.Hash(secret);
        var feed = await db.Set<CalendarFeed>().AsNoTracking().Include(f => f.User).FirstOrDefaultAsync(f => f.SecretHash == hash, ct);
        if (feed?.User is null || feed.User.Disabled || (feed.User.LockoutEnd is { } end && end > now))
        {
            return null;
        }

        // Calendar applications poll every few minutes; an hour's resolution shows whether the address is in use.
        if (feed.LastReadAt is null || now - feed.LastReadAt > TimeSpan.FromHours(1))
        {
            await db.Set<CalendarFeed>().Where(f => f.UserId == feed.UserId).ExecuteUpdateAsync(s => s.SetProperty(f => f.LastReadAt, now), ct);
        }

        return feed.User;
    }

    /// <summary>Each forum's parties with their capital zones, for the times a calendar entry shows.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<PartyZone>>> Capitals(TandemDbContext db, IEnumerable<Guid> forumIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = forumIds.Distinct().ToList();
        var rows = await db.ForumParties.AsNoTracking().Where(fp => ids.Contains(fp.ForumId))
            .Join(db.Parties, fp => fp.Party, p => p.Iso3, (fp, p) => new { fp.ForumId, p.Iso3, p.CapitalTimeZone, p.OtherTimeZones })
            .OrderBy(r => r.Iso3).ToListAsync(ct);
        return rows.GroupBy(r => r.ForumId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PartyZone>)PartyTimeZones.Pairs(g, r => r.Iso3, r => r.CapitalTimeZone, r => r.OtherTimeZones)
                .Select(z => new PartyZone(z.Party, z.Zone)).ToList());
    }
}

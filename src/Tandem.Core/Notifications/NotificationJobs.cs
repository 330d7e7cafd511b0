using Microsoft.EntityFrameworkCore;
using Tandem.Core.Data;

namespace Tandem.Core.Notifications;

/// <summary>
/// One pass of the background work behind notifications: the clock's events (commitments due or overdue, notices
/// near their meeting deadline), then — when a mail server is configured — composing and sending e-mail. A pass runs
/// only while its instance holds the database lease, so two web instances never compose or send the same message.
/// </summary>
public static class NotificationJobs
{
    public static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(5);

    /// <summary>Claims (or extends) the lease for <paramref name="owner"/> in one conditional UPDATE; true when it is ours.</summary>
    public static async Task<bool> ClaimLease(TandemDbContext db, string owner, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = now + LeaseLength;
        var claimed = await db.Set<JobLease>()
            .Where(l => l.Name == JobLease.Notifications && (l.Owner == owner || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.Until, until), ct);
        return claimed == 1;
    }

    public static async Task ReleaseLease(TandemDbContext db, string owner, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Set<JobLease>().Where(l => l.Name == JobLease.Notifications && l.Owner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, "").SetProperty(l => l.Until, now), ct);
    }

    /// <summary>Runs one pass if the lease can be had; returns the number of e-mails sent (0 when another instance holds the lease).</summary>
    public static async Task<int> RunOnce(TandemDbContext db, MailOptions options, TimeProvider clock, string owner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (!await ClaimLease(db, owner, clock.GetUtcNow().UtcDateTime, ct))
        {
            return 0;
        }

        try
        {
            await NotificationClock.Run(db, clock.GetUtcNow().UtcDateTime, ct);
            if (!options.Enabled)
            {
                return 0;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await NotificationMail.ComposeImmediate(db, options, now, ct);
            await NotificationMail.ComposeDigests(db, options, now, ct);
            return await MailOutboxSender.Drain(db, options, clock, () => ClaimLease(db, owner, clock.GetUtcNow().UtcDateTime, ct), ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            await ReleaseLease(db, owner, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Data;
using Tandem.Core.Meetings;
using Tandem.Core.Notices;
using Tandem.Core.Sharing;

namespace Tandem.Core.Notifications;

/// <summary>
/// Events that no one's action causes but the calendar does: a commitment due in 14 days or overdue, a disruption
/// notice at day 10 of its 15-day meeting clock. Each is told once: its <see cref="NotificationOnce"/> key is saved
/// with its notifications, and a second pass (or a second instance) finds the key and skips it.
/// </summary>
public static class NotificationClock
{
    public const int DueSoonDays = 14;
    public const int NoticeWarningDay = 10;

    public static async Task Run(TandemDbContext db, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var today = DateOnly.FromDateTime(now);
        var open = new[] { CommitmentStatus.NotStarted, CommitmentStatus.InProgress };
        var soon = today.AddDays(DueSoonDays);
        var commitments = await db.Set<Commitment>().AsNoTracking().Include(c => c.Responsibilities)
            .Where(c => c.DueDate != null && c.DueDate <= soon && open.Contains(c.Status))
            .ToListAsync(ct);
        foreach (var commitment in commitments)
        {
            var overdue = commitment.DueDate < today;
            var kind = overdue ? NotificationKinds.CommitmentOverdue : NotificationKinds.CommitmentDueSoon;
            var key = $"{kind}:{commitment.Id:D}:{commitment.DueDate:yyyy-MM-dd}";
            if (await db.Set<NotificationOnce>().AnyAsync(o => o.Key == key, ct))
            {
                continue;
            }

            var recipients = await CommitmentRecipients(db, commitment, today, ct);
            var due = commitment.DueDate!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            NotificationUseCases.Send(db, recipients, kind,
                overdue ? $"Overdue since {due}: {commitment.Code} {commitment.TextEn}" : $"Due on {due}: {commitment.Code} {commitment.TextEn}",
                overdue ? $"{due} に期限切れ: {commitment.Code} {Or(commitment.TextJa, commitment.TextEn)}" : $"{due} 期限: {commitment.Code} {Or(commitment.TextJa, commitment.TextEn)}",
                $"/commitments/{commitment.Id:D}", now);
            await SaveOnce(db, key, now, ct);
        }

        var awaiting = await db.Set<DisruptionNotice>().AsNoTracking()
            .Where(n => n.State == NoticeState.Submitted || n.State == NoticeState.Acknowledged)
            .ToListAsync(ct);
        foreach (var notice in awaiting.Where(n => today >= DateOnly.FromDateTime(n.SubmittedAt).AddDays(NoticeWarningDay) && today <= n.Deadline))
        {
            var key = $"{NotificationKinds.NoticeDeadline}:{notice.Id:D}";
            if (await db.Set<NotificationOnce>().AnyAsync(o => o.Key == key, ct))
            {
                continue;
            }

            var recipients = await NoticeRecipients(db, notice, today, null, ct);
            var deadline = notice.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            NotificationUseCases.Send(db, recipients, NotificationKinds.NoticeDeadline,
                $"Emergency meeting due by {deadline}: {notice.Title}", $"緊急会合の期限 {deadline}: {notice.Title}",
                $"/notices/{notice.Id:D}", now, NotificationAudience.IsRestricted(notice.Label));
            await SaveOnce(db, key, now, ct);
        }
    }

    /// <summary>People of the agencies responsible for a commitment who belong to its forum's community.</summary>
    public static async Task<List<Guid>> CommitmentRecipients(TandemDbContext db, Commitment commitment, DateOnly today, CancellationToken ct, Guid? except = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(commitment);
        var agencies = commitment.Responsibilities.Select(r => r.AgencyId).Distinct().ToList();
        var audience = LabelData.From(await ForumCommunity.Audience(db, commitment.ForumId, ct));
        return await NotificationAudience.WhoMaySee(db, NotificationAudience.OfAgencies(db, agencies), audience, today, ct, except);
    }

    /// <summary>
    /// Everyone in the forum's government community who may read the notice, outside the agency that filed it: the
    /// other party's agencies it concerns (all of them for a GREEN notice, the named ones for AMBER) and the secretariat.
    /// </summary>
    public static async Task<List<Guid>> NoticeRecipients(TandemDbContext db, DisruptionNotice notice, DateOnly today, Guid? except, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        var notifier = notice.NotifyingAgencyId;
        return await NotificationAudience.WhoMaySee(db, NotificationAudience.OfForum(db, notice.ForumId).Where(u => u.AgencyId != notifier), notice.Label, today, ct, except);
    }

    private static async Task SaveOnce(TandemDbContext db, string key, DateTime now, CancellationToken ct)
    {
        db.Set<NotificationOnce>().Add(new NotificationOnce { Key = key.Length <= NotificationOnce.KeyLength ? key : key[..NotificationOnce.KeyLength], CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another pass told of it first (its key exists): drop ours, notifications included.
            db.ChangeTracker.Clear();
        }
    }

    private static string Or(string japanese, string english) => string.IsNullOrWhiteSpace(japanese) ? english : japanese;
}

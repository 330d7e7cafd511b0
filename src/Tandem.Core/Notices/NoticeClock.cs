namespace Tandem.Core.Notices;

/// <summary>Where a notice stands against its emergency-meeting deadline on a given day.</summary>
public sealed record NoticeClockDto(DateOnly Deadline, int MeetingDays, bool Running, int DaysLeft, bool Overdue, DateOnly? ScheduledOn, bool? MetDeadline);

/// <summary>
/// The emergency-meeting clock: it starts when a notice is submitted and stops when a meeting is
/// scheduled. The deadline is the submission day (UTC) plus the forum's days; a notice still
/// waiting for a meeting after that day is overdue.
/// </summary>
public static class NoticeClock
{
    public static DateOnly Deadline(DateTime submittedAtUtc, int days) => DateOnly.FromDateTime(submittedAtUtc).AddDays(days);

    public static bool IsAwaitingMeeting(NoticeState state) => state is NoticeState.Submitted or NoticeState.Acknowledged;

    public static NoticeClockDto Of(DisruptionNotice notice, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var running = IsAwaitingMeeting(notice.State);
        var scheduledOn = notice.ScheduledAt is { } at ? DateOnly.FromDateTime(at) : (DateOnly?)null;
        return new NoticeClockDto(notice.Deadline, notice.MeetingDays, running, notice.Deadline.DayNumber - today.DayNumber,
            running && today > notice.Deadline, scheduledOn, scheduledOn is { } s ? s <= notice.Deadline : null);
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Notifications;

namespace Tandem.Core.Meetings;

/// <summary>Edits a meeting's details. The forum cannot change; the times must still hold the agenda.</summary>
public static class UpdateMeeting
{
    public static async Task<Result<MeetingDto>> Handle(TandemDbContext db, Actor actor, Guid id, MeetingInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await CreateMeeting.LoadForChange(db, actor, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var forum = await db.Forums.AsNoTracking().FirstAsync(f => f.Id == meeting.ForumId, ct);
        var validation = CreateMeeting.Validate(input with { ForumId = meeting.ForumId }, forum, meeting.Agenda.Sum(a => a.DurationMinutes)).Version(input.Version);
        if (input.ForumId is { } other && other != meeting.ForumId)
        {
            validation.Add("forumId", "A meeting cannot move to another forum.");
        }

        if (meeting.Status is MeetingStatus.Concluded or MeetingStatus.Cancelled)
        {
            validation.Add("status", $"The meeting is {meeting.Status}: its details can no longer change{(meeting.Status == MeetingStatus.Concluded ? " unless it is reopened" : "")}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        // People plan around when and where a meeting is: a scheduled meeting that moves tells its tracks.
        var before = (meeting.StartsAt, meeting.EndsAt, meeting.Venue, meeting.TimeZone);
        var told = meeting.Status == MeetingStatus.Scheduled
            ? await MeetingNotifications.Recipients(db, meeting.Id, meeting.Status, MeetingNotifications.Open, DateOnly.FromDateTime(DateTime.UtcNow), actor.UserId, ct)
            : [];
        var saved = await Concurrency.SaveAsync(db, meeting, input.Version!.Value, () =>
        {
            CreateMeeting.Apply(meeting, input);
            if (before != (meeting.StartsAt, meeting.EndsAt, meeting.Venue, meeting.TimeZone))
            {
                var (en, ja) = MeetingNotifications.Describe(meeting, null);
                NotificationUseCases.Send(db, told, NotificationKinds.MeetingChanged, en, ja, $"/meetings/{meeting.Id:D}", DateTime.UtcNow);
            }
        }, () => true, ct);
        return saved.Succeeded ? (await MeetingQueries.Find(db, actor, id, ct))! : saved.Error!;
    }
}

using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Notifications;

namespace Tandem.Core.Meetings;

/// <summary>Moves a meeting through its lifecycle; reopening a concluded meeting needs a reason and is audited as such.</summary>
public static class ChangeMeetingStatus
{
    public static async Task<Result<MeetingDto>> Handle(TandemDbContext db, Actor actor, Guid id, MeetingStatusInput input, CancellationToken ct)
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
        var validation = new Validation().Version(input.Version).Optional("reason", input.Reason, 1000);
        if (input.Status is not { } to || !Enum.IsDefined(to))
        {
            validation.Add("status", "status is required: Draft, Scheduled, Held, Concluded or Cancelled.");
            return validation.ToError();
        }

        var from = meeting.Status;
        if (!MeetingRules.Transitions[from].Contains(to))
        {
            validation.Add("status", $"A {from} meeting cannot become {to}; it can become {string.Join(" or ", MeetingRules.Transitions[from])}.");
        }

        var reopen = MeetingRules.IsReopen(from, to);
        if (reopen && string.IsNullOrWhiteSpace(input.Reason))
        {
            validation.Add("reason", "reason is required to reopen a concluded meeting: it is kept in the audit log.");
        }

        if (to == MeetingStatus.Held && meeting.StartsAt > DateTime.UtcNow.AddDays(1) && !reopen)
        {
            validation.Add("status", "A meeting that starts more than a day from now cannot be marked as held.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var told = to == MeetingStatus.Scheduled || (to == MeetingStatus.Cancelled && from != MeetingStatus.Draft)
            ? await MeetingNotifications.Recipients(db, meeting.Id, to, MeetingNotifications.Open, DateOnly.FromDateTime(DateTime.UtcNow), actor.UserId, ct)
            : [];
        var saved = await Concurrency.SaveAsync(db, meeting, input.Version!.Value, () =>
        {
            meeting.Status = to;
            var (en, ja) = MeetingNotifications.Describe(meeting, to);
            NotificationUseCases.Send(db, told, NotificationKinds.MeetingChanged, en, ja, $"/meetings/{meeting.Id:D}", DateTime.UtcNow);
            db.Audit(reopen ? "reopen" : "status", nameof(Meeting), meeting.Id.ToString("D"),
                details: $"{from} -> {to}" + (string.IsNullOrWhiteSpace(input.Reason) ? "" : "; reason: " + input.Reason.Trim()));
        }, () => true, ct);
        return saved.Succeeded ? (await MeetingQueries.Find(db, actor, id, ct))! : saved.Error!;
    }
}

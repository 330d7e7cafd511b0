using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Meetings;

/// <summary>
/// Records what a held meeting produced. An Action outcome creates a commitment in the same
/// transaction; the commitment's source points back to the meeting and the outcome.
/// </summary>
public static class RecordOutcome
{
    public static async Task<Result<OutcomeDto>> Handle(TandemDbContext db, Actor actor, Guid meetingId, OutcomeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await CreateMeeting.LoadForChange(db, actor, meetingId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var validation = new Validation().Version(input.Version)
            .Required("textEn", input.TextEn, MeetingRules.TextLength)
            .Optional("textJa", input.TextJa, MeetingRules.TextLength);
        if (MeetingRules.WhyOutcomesAreRefused(meeting.Status) is { } why)
        {
            validation.Add("status", why);
        }

        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            validation.Add("kind", "kind is required: Decision, Information or Action.");
            return validation.ToError();
        }

        var agendaItem = input.AgendaItemId is { } itemId ? meeting.Agenda.FirstOrDefault(a => a.Id == itemId) : null;
        if (input.AgendaItemId is not null && agendaItem is null)
        {
            validation.Add("agendaItemId", "agendaItemId is not an item of this meeting's agenda.");
        }

        Guid? trackId = agendaItem?.TrackId;
        string code = "";
        var later = input.CommitmentLater == true;
        if (later && (kind != OutcomeKind.Action || input.CommitmentCode is not null || input.DueDate is not null || input.TrackCode is not null))
        {
            validation.Add("commitmentLater", "commitmentLater applies to an Action without commitmentCode, trackCode or dueDate: they are given when the commitment is written.");
        }
        else if (kind == OutcomeKind.Action && !later)
        {
            if (!string.IsNullOrWhiteSpace(input.TrackCode))
            {
                var trackCode = input.TrackCode.Trim();
                trackId = await db.Tracks.Where(t => t.ForumId == meeting.ForumId && t.Code == trackCode).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
                if (trackId is null)
                {
                    validation.Add("trackCode", $"'{ForumRules.Truncate(trackCode)}' is not a track of this meeting's forum.");
                }
            }

            var meetingDay = DateOnly.FromDateTime(MeetingTimes.ToZone(meeting.StartsAt, meeting.TimeZone));
            code = string.IsNullOrWhiteSpace(input.CommitmentCode)
                ? $"{meetingDay:yyyyMMdd}-A{meeting.Outcomes.Count + 1}"
                : input.CommitmentCode.Trim();
            validation.Code("commitmentCode", code);
            if (input.DueDate is { } due && due < meetingDay)
            {
                validation.Add("dueDate", "dueDate cannot be before the meeting.");
            }

            if (validation.IsValid && await db.Set<Commitment>().IgnoreQueryFilters().AnyAsync(c => c.ForumId == meeting.ForumId && c.Code == code, ct))
            {
                validation.Add("commitmentCode", $"The forum already has a commitment {code}.");
            }
        }
        else if (kind != OutcomeKind.Action && (input.CommitmentCode is not null || input.DueDate is not null || input.TrackCode is not null))
        {
            validation.Add("kind", "commitmentCode, trackCode and dueDate apply only to Action outcomes.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var outcome = new MeetingOutcome
        {
            MeetingId = meeting.Id,
            Position = meeting.Outcomes.Count + 1,
            Kind = kind,
            TextEn = input.TextEn!.Trim(),
            TextJa = input.TextJa?.Trim() ?? "",
            AgendaItemId = agendaItem?.Id,
        };
        Commitment? commitment = null;
        var saved = await Concurrency.SaveAsync(db, meeting, input.Version!.Value, () =>
        {
            meeting.Outcomes.Add(outcome);
            if (kind == OutcomeKind.Action && !later)
            {
                commitment = new Commitment
                {
                    ForumId = meeting.ForumId,
                    Code = code,
                    TextEn = outcome.TextEn,
                    TextJa = outcome.TextJa,
                    TrackId = trackId,
                    SourceMeetingId = meeting.Id,
                    SourceOutcomeId = outcome.Id,
                    SourceStatement = $"Outcome {outcome.Position} of {meeting.TitleEn}",
                    SourceParagraph = agendaItem is null ? "" : $"agenda item {agendaItem.Position}",
                    MadeOn = DateOnly.FromDateTime(MeetingTimes.ToZone(meeting.StartsAt, meeting.TimeZone)),
                    DueDate = input.DueDate,
                    Status = CommitmentStatus.NotStarted,
                };
                db.Add(commitment);
                outcome.CommitmentId = commitment.Id;
            }

            SetAgenda.Touch(db, meeting, $"outcome {outcome.Position} recorded: {kind}" + (commitment is null ? "" : $", commitment {code}"));
        }, () => true, ct);
        return saved.Succeeded
            ? new OutcomeDto(outcome.Id, outcome.Position, outcome.Kind, outcome.TextEn, outcome.TextJa, outcome.AgendaItemId, outcome.CommitmentId, commitment?.Code)
            : saved.Error!;
    }
}

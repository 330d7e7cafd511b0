using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Meetings;

/// <summary>Creates a meeting as a draft; the secretariat schedules it when the date is firm.</summary>
public static class CreateMeeting
{
    public static async Task<Result<MeetingDto>> Handle(TandemDbContext db, Actor actor, MeetingInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ForumCommunity.CanOrganise(actor))
        {
            return Error.Forbidden("Only the secretariat or an administrator may create meetings.");
        }

        var forum = input.ForumId is { } forumId && await ForumCommunity.IsMember(db, actor, forumId, ct)
            ? await db.Forums.AsNoTracking().FirstOrDefaultAsync(f => f.Id == forumId, ct)
            : null;
        var validation = Validate(input, forum, agendaMinutes: 0);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var meeting = new Meeting { ForumId = forum!.Id, Status = MeetingStatus.Draft };
        Apply(meeting, input);
        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        return (await MeetingQueries.Find(db, actor, meeting.Id, ct))!;
    }

    internal static Validation Validate(MeetingInput input, Forum? forum, int agendaMinutes)
    {
        var validation = new Validation()
            .Required("titleEn", input.TitleEn, MeetingRules.TitleLength)
            .Optional("titleJa", input.TitleJa, MeetingRules.TitleLength)
            .Required("venue", input.Venue, MeetingRules.VenueLength)
            .TimeZone("timeZone", input.TimeZone, required: true)
            .Optional("notes", input.Notes, MeetingRules.TextLength)
            .Url("sourceUrl", input.SourceUrl)
            .Optional("confidence", input.Confidence, 32);
        if (forum is null)
        {
            validation.Add("forumId", input.ForumId is null ? "forumId is required." : "forumId is not a forum you belong to.");
        }

        if (input.Tier is not { } tier || !Enum.IsDefined(tier))
        {
            validation.Add("tier", "tier is required: Leaders, Ministerial, ViceMinisterial, WorkingLevel or TrackWorkingGroup.");
        }
        else if (forum is not null && forum.Tiers.Count > 0 && !forum.Tiers.Contains(tier))
        {
            validation.Add("tier", $"Forum {forum.Code} does not meet at the {tier} tier (its tiers: {string.Join(", ", forum.Tiers)}).");
        }

        if (input.Number is < 1 or > 10_000)
        {
            validation.Add("number", "number must be between 1 and 10000.");
        }

        if (input.StartsAt is null)
        {
            validation.Add("startsAt", "startsAt is required, with an offset or Z (e.g. 2022-07-29T14:00:00Z).");
        }

        if (input.EndsAt is null)
        {
            validation.Add("endsAt", "endsAt is required, with an offset or Z.");
        }

        if (input.StartsAt is { } start && input.EndsAt is { } end)
        {
            var minutes = (end - start).TotalMinutes;
            if (minutes <= 0)
            {
                validation.Add("endsAt", "endsAt must be after startsAt.");
            }
            else if (minutes > 14 * 24 * 60)
            {
                validation.Add("endsAt", "A meeting lasts at most 14 days.");
            }
            else if (agendaMinutes > minutes)
            {
                validation.Add("endsAt", $"The agenda takes {agendaMinutes} minutes; the meeting would last only {minutes:0} minutes. Shorten the agenda first.");
            }

            if (start.Year is < 1900 or > 2200)
            {
                validation.Add("startsAt", "startsAt must be between 1900 and 2200.");
            }
        }

        return validation;
    }

    internal static void Apply(Meeting meeting, MeetingInput input)
    {
        meeting.Tier = input.Tier!.Value;
        meeting.Number = input.Number;
        meeting.TitleEn = input.TitleEn!.Trim();
        meeting.TitleJa = input.TitleJa?.Trim() ?? "";
        meeting.Venue = input.Venue!.Trim();
        meeting.TimeZone = input.TimeZone!.Trim();
        meeting.StartsAt = input.StartsAt!.Value.UtcDateTime;
        meeting.EndsAt = input.EndsAt!.Value.UtcDateTime;
        meeting.Notes = input.Notes?.Trim() ?? "";
        meeting.SourceUrl = input.SourceUrl?.Trim() ?? "";
        meeting.Confidence = input.Confidence?.Trim() ?? "";
    }

    /// <summary>Loads a meeting for a change by an organiser: not visible → NotFound, visible but not an organiser → Forbidden.</summary>
    internal static async Task<Result<Meeting>> LoadForChange(TandemDbContext db, Actor actor, Guid id, CancellationToken ct, bool withChildren = true)
    {
        var query = db.Set<Meeting>().Visible(db, actor).Where(m => m.Id == id);
        if (withChildren)
        {
            query = query.Include(m => m.Agenda).Include(m => m.Attendees).Include(m => m.Outcomes);
        }

        var meeting = await query.FirstOrDefaultAsync(ct);
        if (meeting is null)
        {
            return Error.NotFound("Meeting");
        }

        return ForumCommunity.CanOrganise(actor) ? meeting : Error.Forbidden("Only the secretariat or an administrator may change meetings.");
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Meetings;

/// <summary>Who attends a meeting, by person and agency (replaces the list). Agencies must be of the forum's parties.</summary>
public static class RecordAttendance
{
    public static async Task<Result<MeetingDetailDto>> Handle(TandemDbContext db, Actor actor, Guid meetingId, AttendanceInput input, string? viewerZone, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await CreateMeeting.LoadForChange(db, actor, meetingId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var attendees = input.Attendees ?? [];
        var validation = new Validation().Version(input.Version);
        if (meeting.Status is MeetingStatus.Concluded or MeetingStatus.Cancelled)
        {
            validation.Add("status", $"The meeting is {meeting.Status}: its attendance can no longer change{(meeting.Status == MeetingStatus.Concluded ? " unless it is reopened" : "")}.");
        }

        if (attendees.Count > MeetingRules.MaxAttendees)
        {
            validation.Add("attendees", $"At most {MeetingRules.MaxAttendees} attendees.");
            return validation.ToError();
        }

        var parties = await db.ForumParties.Where(p => p.ForumId == meeting.ForumId).Select(p => p.Party).ToListAsync(ct);
        var codes = attendees.Select(a => a.AgencyCode?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        var rows = new List<MeetingAttendee>();
        for (var i = 0; i < attendees.Count; i++)
        {
            var a = attendees[i];
            var prefix = $"attendees[{i}].";
            validation.Required(prefix + "personName", a.PersonName, MeetingRules.NameLength).Optional(prefix + "role", a.Role, 100);
            var code = a.AgencyCode?.Trim() ?? "";
            if (code.Length == 0)
            {
                validation.Add(prefix + "agencyCode", "agencyCode is required.");
            }
            else if (!agencies.TryGetValue(code, out var agency))
            {
                validation.Add(prefix + "agencyCode", $"'{ForumRules.Truncate(code)}' is not an agency.");
            }
            else if (!parties.Contains(agency.Party))
            {
                validation.Add(prefix + "agencyCode", $"{agency.Code} belongs to {agency.Party}, which is not a party of this forum.");
            }
            else if (!string.IsNullOrWhiteSpace(a.PersonName))
            {
                rows.Add(new MeetingAttendee { MeetingId = meeting.Id, PersonName = a.PersonName.Trim(), AgencyId = agency.Id, Role = a.Role?.Trim() ?? "" });
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, meeting, input.Version!.Value, () =>
        {
            meeting.Attendees.Clear();
            meeting.Attendees.AddRange(rows);
            SetAgenda.Touch(db, meeting, $"attendance set: {rows.Count} people from {rows.Select(r => r.AgencyId).Distinct().Count()} agencies");
        }, () => true, ct);
        return saved.Succeeded ? await MeetingQueries.Get(db, actor, meetingId, viewerZone, today, ct) : saved.Error!;
    }
}

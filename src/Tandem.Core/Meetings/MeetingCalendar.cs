using System.Globalization;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Tandem.Core.Forums;

namespace Tandem.Core.Meetings;

/// <summary>A party's capital zone, shown in a meeting's description so each delegation reads its own time.</summary>
public sealed record PartyZone(string Party, string Zone);

/// <summary>
/// iCalendar (RFC 5545) for meetings, written with Ical.Net: a stable UID per meeting, start and end in the
/// venue's time zone (TZID with its VTIMEZONE, so Outlook and phones show the venue's wall clock and convert it
/// right), the title in the reader's language, the times in every party's capital in the description, SEQUENCE
/// from the record's version so updates replace the old entry, and STATUS:CANCELLED for cancelled meetings.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Uid(Guid meetingId) => meetingId.ToString("D") + "@tandem";

    /// <param name="capitals">Each forum's parties and capital zones, by forum id; forums missing here show the venue time only.</param>
    public static string Write(IEnumerable<MeetingDto> meetings, string calendarName, DateTime stampUtc, Func<MeetingDto, string>? url = null,
        string culture = "en", IReadOnlyDictionary<Guid, IReadOnlyList<PartyZone>>? capitals = null)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var list = meetings.ToList();
        var japanese = culture.StartsWith("ja", StringComparison.OrdinalIgnoreCase);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Tandem//Meetings//" + (japanese ? "JA" : "EN"), Method = "PUBLISH", Scale = "GREGORIAN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);

        // One VTIMEZONE per venue zone, covering the meetings' dates (not the zone's whole history).
        var earliest = list.Count == 0 ? stampUtc : list.Min(m => m.StartsAt);
        foreach (var zone in list.Select(m => m.TimeZone).Where(IsKnownZone).Distinct(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone, earliest.AddYears(-1), includeHistoricalData: false);
        }

        foreach (var m in list)
        {
            var zone = IsKnownZone(m.TimeZone) ? m.TimeZone : null;
            var meeting = new CalendarEvent
            {
                Uid = Uid(m.Id),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc)),
                DtStart = At(m.StartsAt, zone),
                DtEnd = At(m.EndsAt, zone),
                Sequence = m.Version,
                Summary = m.Title(culture),
                Description = Describe(m, japanese, capitals?.GetValueOrDefault(m.ForumId) ?? []),
                Status = m.Status switch
                {
                    MeetingStatus.Cancelled => EventStatus.Cancelled,
                    MeetingStatus.Draft => EventStatus.Tentative,
                    _ => EventStatus.Confirmed,
                },
            };
            if (m.Venue.Length > 0)
            {
                meeting.Location = m.Venue;
            }

            if (url is not null)
            {
                meeting.Url = new Uri(url(m));
            }

            calendar.Events.Add(meeting);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static bool IsKnownZone(string zone) => !string.IsNullOrWhiteSpace(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);

    /// <summary>The wall-clock time in the venue's zone with its TZID, or UTC when the zone is unknown.</summary>
    private static CalDateTime At(DateTime utc, string? zone)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return zone is null
            ? new CalDateTime(instant)
            : new CalDateTime(DateTime.SpecifyKind(MeetingTimes.ToZone(instant, zone), DateTimeKind.Unspecified), zone, hasTime: true);
    }

    private static string Describe(MeetingDto m, bool japanese, IReadOnlyList<PartyZone> capitals)
    {
        var text = new StringBuilder();
        text.Append(m.ForumCode).Append(" · ").Append(TierName(m.Tier, japanese));
        if (m.Status == MeetingStatus.Cancelled)
        {
            text.Append(" · ").Append(japanese ? "中止" : "cancelled");
        }

        foreach (var time in MeetingTimes.For(m.StartsAt, m.EndsAt, m.TimeZone, capitals.Select(c => (c.Party, c.Zone)), null))
        {
            if (time.Label == MeetingTimes.ViewerLabel)
            {
                continue;
            }

            var who = time.Label == MeetingTimes.VenueLabel ? (japanese ? "会場" : "Venue") : time.Label;
            var end = time.End.Date == time.Start.Date ? time.End.ToString("HH:mm", CultureInfo.InvariantCulture) : time.End.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"{who}: {time.Start:yyyy-MM-dd HH:mm}–{end} {time.UtcOffset} ({time.Zone})");
        }

        if (m.Notes.Length > 0)
        {
            text.Append('\n').Append(m.Notes);
        }

        return text.ToString();
    }

    private static string TierName(Tier tier, bool japanese) => (tier, japanese) switch
    {
        (Tier.Leaders, true) => "首脳級",
        (Tier.Ministerial, true) => "閣僚級",
        (Tier.ViceMinisterial, true) => "次官級",
        (Tier.WorkingLevel, true) => "実務者級",
        (Tier.TrackWorkingGroup, true) => "作業部会",
        (Tier.Leaders, false) => "Leaders",
        (Tier.Ministerial, false) => "Ministerial",
        (Tier.ViceMinisterial, false) => "Vice-ministerial",
        (Tier.WorkingLevel, false) => "Working level",
        _ => "Track working group",
    };
}

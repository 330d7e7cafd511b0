using System.Globalization;
using System.Text;

namespace Tandem.Core.Meetings;

/// <summary>
/// iCalendar (RFC 5545) for meetings: a stable UID per meeting, times in UTC ("Z" form, so no
/// VTIMEZONE is needed), escaped text, lines folded at 75 octets and CRLF line ends.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaxOctets = 75;

    public static string Uid(Guid meetingId) => meetingId.ToString("D") + "@tandem";

    public static string Write(IEnumerable<MeetingDto> meetings, string calendarName, DateTime stampUtc, Func<MeetingDto, string>? url = null)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//Tandem//Meetings//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var m in meetings)
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, "UID:" + Uid(m.Id));
            Line(ics, "DTSTAMP:" + Utc(stampUtc));
            Line(ics, "DTSTART:" + Utc(m.StartsAt));
            Line(ics, "DTEND:" + Utc(m.EndsAt));

            // SEQUENCE must grow when the event changes; the record's version does exactly that.
            Line(ics, "SEQUENCE:" + m.Version.ToString(CultureInfo.InvariantCulture));
            Line(ics, "SUMMARY:" + Escape(m.TitleEn));
            if (m.Venue.Length > 0)
            {
                Line(ics, "LOCATION:" + Escape(m.Venue));
            }

            var description = new StringBuilder();
            description.Append(CultureInfo.InvariantCulture, $"{m.ForumCode} · {m.Tier} · venue time zone {m.TimeZone}");
            if (m.Notes.Length > 0)
            {
                description.Append('\n').Append(m.Notes);
            }

            Line(ics, "DESCRIPTION:" + Escape(description.ToString()));
            Line(ics, "STATUS:" + m.Status switch
            {
                MeetingStatus.Cancelled => "CANCELLED",
                MeetingStatus.Draft => "TENTATIVE",
                _ => "CONFIRMED",
            });
            if (url is not null)
            {
                Line(ics, "URL:" + url(m));
            }

            Line(ics, "END:VEVENT");
        }

        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>TEXT escaping of RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case ';':
                    escaped.Append(@"\;");
                    break;
                case ',':
                    escaped.Append(@"\,");
                    break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    escaped.Append(@"\n");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                default:
                    // Other control characters are not allowed in TEXT values.
                    if (!char.IsControl(c) || c == '\t')
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    private static string Utc(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Folds a content line so no physical line exceeds 75 octets, never splitting a UTF-8 character.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");

                // The leading space of a continuation line counts toward its 75 octets.
                octets = 1;
                limit = MaxOctets;
            }

            ics.Append(rune.ToString());
            octets += size;
        }

        ics.Append("\r\n");
    }
}

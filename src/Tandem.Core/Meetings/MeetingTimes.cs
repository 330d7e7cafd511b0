using System.Globalization;

namespace Tandem.Core.Meetings;

/// <summary>Converts a meeting's UTC times into the zones people read them in.</summary>
public static class MeetingTimes
{
    public const string VenueLabel = "venue";
    public const string ViewerLabel = "viewer";

    /// <summary>The venue zone first, then each party's capital (in the given order), then the reader's own zone; unknown zones are skipped.</summary>
    public static IReadOnlyList<ZonedTimeDto> For(DateTime startsAt, DateTime endsAt, string venueZone, IEnumerable<(string Party, string Zone)> capitals, string? viewerZone)
    {
        ArgumentNullException.ThrowIfNull(capitals);
        var times = new List<ZonedTimeDto>();
        Add(times, VenueLabel, venueZone, startsAt, endsAt);
        foreach (var (party, zone) in capitals)
        {
            Add(times, party, zone, startsAt, endsAt);
        }

        Add(times, ViewerLabel, string.IsNullOrWhiteSpace(viewerZone) ? "UTC" : viewerZone, startsAt, endsAt);
        return times;
    }

    public static DateTime ToZone(DateTime utc, string zone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz) ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), tz) : utc;

    /// <summary>A wall-clock time at the venue to UTC (for forms that ask for the local time).</summary>
    public static DateTimeOffset FromZone(DateTime local, string zone)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // A time skipped by a daylight-saving change is moved forward by the gap rather than refused.
        if (tz.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, tz.GetUtcOffset(unspecified));
    }

    private static void Add(List<ZonedTimeDto> times, string label, string zone, DateTime startsAt, DateTime endsAt)
    {
        if (string.IsNullOrWhiteSpace(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz))
        {
            return;
        }

        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startsAt, DateTimeKind.Utc), tz);
        var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(endsAt, DateTimeKind.Utc), tz);
        var offset = tz.GetUtcOffset(start);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var text = "UTC" + sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        times.Add(new ZonedTimeDto(label, zone, start, end, text));
    }
}

using System.Globalization;

namespace Tandem.Core.Meetings;

/// <summary>Converts a meeting's UTC times into the zones people read them in.</summary>
public static class MeetingTimes
{
    public const string VenueLabel = "venue";
    public const string ViewerLabel = "viewer";

    /// <summary>
    /// The venue zone first, then each capital zone once (in the order given: a party's zones are its main one and
    /// then its others), then the reader's own zone; unknown zones are skipped. Parties that share a zone share its
    /// row, whose label lists their codes separated by ", ", so a forum of many parties shows each zone once.
    /// </summary>
    public static IReadOnlyList<ZonedTimeDto> For(DateTime startsAt, DateTime endsAt, string venueZone, IEnumerable<(string Party, string Zone)> capitals, string? viewerZone)
    {
        ArgumentNullException.ThrowIfNull(capitals);
        var times = new List<ZonedTimeDto>();
        Add(times, VenueLabel, venueZone, startsAt, endsAt);
        var byZone = new List<(string Zone, List<string> Parties)>();
        foreach (var (party, zone) in capitals)
        {
            var key = zone?.Trim() ?? "";
            var existing = byZone.FindIndex(z => string.Equals(z.Zone, key, StringComparison.Ordinal));
            if (existing < 0)
            {
                byZone.Add((key, [party]));
            }
            else if (!byZone[existing].Parties.Contains(party, StringComparer.Ordinal))
            {
                byZone[existing].Parties.Add(party);
            }
        }

        foreach (var (zone, parties) in byZone)
        {
            Add(times, string.Join(PartySeparator, parties), zone, startsAt, endsAt);
        }

        Add(times, ViewerLabel, string.IsNullOrWhiteSpace(viewerZone) ? "UTC" : viewerZone, startsAt, endsAt);
        return times;
    }

    /// <summary>Separates the codes of parties that share a capital zone in a row's label.</summary>
    public const string PartySeparator = ", ";

    /// <summary>The city of an IANA zone for display ("Europe/Brussels" → "Brussels", "America/Argentina/Buenos_Aires" → "Buenos Aires").</summary>
    public static string City(string zone) =>
        string.IsNullOrEmpty(zone) ? "" : zone[(zone.LastIndexOf('/') + 1)..].Replace('_', ' ');

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

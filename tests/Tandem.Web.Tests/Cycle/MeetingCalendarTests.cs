using System.Net;
using System.Text;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

public sealed class MeetingCalendarTests
{
    /// <summary>A minimal RFC 5545 reader: checks physical lines, unfolds, splits properties and unescapes TEXT.</summary>
    private static List<(string Name, string Params, string Value)> Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Line longer than 75 octets: {line}");
        }

        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                logical[^1] += line[1..];
            }
            else
            {
                logical.Add(line);
            }
        }

        return logical.Select(l =>
        {
            var colon = l.IndexOf(':', StringComparison.Ordinal);
            var head = l[..colon];
            var semicolon = head.IndexOf(';', StringComparison.Ordinal);
            return semicolon < 0 ? (head, "", l[(colon + 1)..]) : (head[..semicolon], head[(semicolon + 1)..], l[(colon + 1)..]);
        }).ToList();
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                result.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                Assert.False(value[i] is ';' or ',', $"Unescaped '{value[i]}' in TEXT value {value}");
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MeetingIcs_IsValidRfc5545_WithStableUidUtcTimesEscapedTextAndFoldedLines(string provider)
    {
        await using var kit = await Start(provider);
        const string title = "Supply chains; chips, minerals \\ and a very long title that must be folded because it is much longer than seventy-five octets 日本語の長い件名";
        var meeting = await kit.Meeting(title, 90, new DateTimeOffset(2025, 7, 1, 9, 30, 0, TimeSpan.FromHours(9)));
        var id = (Guid)meeting["id"]!;
        await kit.Status(id, "Scheduled");

        using var first = await kit.Doc.GetAsync(new Uri($"/api/v1/meetings/{id}.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/calendar", first.Content.Headers.ContentType!.MediaType);
        var properties = Parse(await first.Content.ReadAsByteArrayAsync());
        var second = Parse(await kit.Doc.GetByteArrayAsync(new Uri($"/api/v1/meetings/{id}.ics", UriKind.Relative)));

        Assert.Equal(("BEGIN", "", "VCALENDAR"), properties[0]);
        Assert.Equal(("END", "", "VCALENDAR"), properties[^1]);
        Assert.Contains(properties, p => p is ("VERSION", _, "2.0"));
        Assert.Contains(properties, p => p.Name == "PRODID");
        var uid = properties.Single(p => p.Name == "UID").Value;
        Assert.Equal($"{id:D}@tandem", uid);
        Assert.Equal(uid, second.Single(p => p.Name == "UID").Value);
        Assert.Equal("20250701T003000Z", properties.Single(p => p.Name == "DTSTART").Value);
        Assert.Equal("20250701T020000Z", properties.Single(p => p.Name == "DTEND").Value);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", properties.Single(p => p.Name == "DTSTAMP").Value);
        Assert.Equal(title, Unescape(properties.Single(p => p.Name == "SUMMARY").Value));
        Assert.Contains(@"\;", properties.Single(p => p.Name == "SUMMARY").Value, StringComparison.Ordinal);
        Assert.Contains(@"\,", properties.Single(p => p.Name == "SUMMARY").Value, StringComparison.Ordinal);
        Assert.Contains(@"\\", properties.Single(p => p.Name == "SUMMARY").Value, StringComparison.Ordinal);
        Assert.Equal("CONFIRMED", properties.Single(p => p.Name == "STATUS").Value);
    }

    [Fact]
    public void Write_NewlinesAndMultibyteText_AreEscapedAndNeverSplitInsideACharacter()
    {
        var meeting = new MeetingDto(Guid.NewGuid(), Guid.NewGuid(), "EPCC", Tier.Ministerial, 1, new string('経', 60), "", "Tokyo", "Asia/Tokyo",
            new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 1, 1, 0, 0, DateTimeKind.Utc), MeetingStatus.Scheduled,
            "line one\r\nline two\nline three", "", "", 0, 3);

        var bytes = Encoding.UTF8.GetBytes(MeetingCalendar.Write([meeting], "Test", DateTime.UtcNow));
        var properties = Parse(bytes);

        Assert.Equal(new string('経', 60), Unescape(properties.Single(p => p.Name == "SUMMARY").Value));
        Assert.EndsWith("line one\nline two\nline three", Unescape(properties.Single(p => p.Name == "DESCRIPTION").Value), StringComparison.Ordinal);
        Assert.Equal("3", properties.Single(p => p.Name == "SEQUENCE").Value);

        // Every physical line is valid UTF-8 on its own: a fold never cuts a character in two.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                strict.GetString(bytes, start, i - start);
                start = i + 2;
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Feed_ListsTheReadersForumMeetings_ButNotDrafts(string provider)
    {
        await using var kit = await Start(provider);
        var draft = (Guid)(await kit.Meeting("Not yet announced"))["id"]!;
        var scheduled = (Guid)(await kit.Meeting("Announced"))["id"]!;
        await kit.Status(scheduled, "Scheduled");

        var properties = Parse(await kit.Meti.GetByteArrayAsync(new Uri("/api/v1/meetings/feed.ics", UriKind.Relative)));
        var uids = properties.Where(p => p.Name == "UID").Select(p => p.Value).ToList();

        Assert.Contains($"{scheduled:D}@tandem", uids);
        Assert.DoesNotContain($"{draft:D}@tandem", uids);
        Assert.Equal(7, uids.Count);
        Assert.Equal(uids.Count, properties.Count(p => p is ("BEGIN", _, "VEVENT")));
    }
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Security;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

/// <summary>
/// Meetings as iCalendar, read back with Ical.Net as a calendar application would: venue time zones with their
/// VTIMEZONE, titles in the reader's language, updates and cancellations, and the personal address that calendar
/// applications subscribe to without signing in.
/// </summary>
public sealed partial class MeetingCalendarTests
{
    /// <summary>Parses a calendar after checking the physical rules of RFC 5545 (CRLF, lines of at most 75 octets).</summary>
    private static Ical.Net.Calendar Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var line in text[..^2].Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Line longer than 75 octets: {line}");
        }

        return Ical.Net.Calendar.Load(text) ?? throw new InvalidOperationException("not a calendar");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MeetingIcs_HasTheVenueZoneWithItsDefinition_EscapedTitle_AndEachCapitalsTime(string provider)
    {
        await using var kit = await Start(provider);
        const string title = "Supply chains; chips, minerals \\ and a very long title that must be folded because it is much longer than seventy-five octets 日本語の長い件名";
        var meeting = await kit.Meeting(title, 90, new DateTimeOffset(2025, 7, 1, 9, 30, 0, TimeSpan.FromHours(9)));
        var id = (Guid)meeting["id"]!;
        await kit.Status(id, "Scheduled");

        using var first = await kit.Doc.GetAsync(new Uri($"/api/v1/meetings/{id}.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/calendar", first.Content.Headers.ContentType!.MediaType);
        var raw = await first.Content.ReadAsByteArrayAsync();
        var calendar = Parse(raw);
        var second = Parse(await kit.Doc.GetByteArrayAsync(new Uri($"/api/v1/meetings/{id}.ics", UriKind.Relative)));

        var entry = Assert.Single(calendar.Events);
        Assert.Equal($"{id:D}@tandem", entry.Uid);
        Assert.Equal(entry.Uid, second.Events.Single().Uid);

        // The venue's wall clock with its zone, and a VTIMEZONE that defines it, so any application converts it right.
        Assert.Equal("Asia/Tokyo", entry.DtStart!.TzId);
        Assert.Equal(new DateTime(2025, 7, 1, 9, 30, 0), entry.DtStart.Value);
        Assert.Equal(new DateTime(2025, 7, 1, 0, 30, 0, DateTimeKind.Utc), entry.DtStart.AsUtc);
        Assert.Equal(new DateTime(2025, 7, 1, 2, 0, 0, DateTimeKind.Utc), entry.DtEnd!.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Asia/Tokyo");
        Assert.Contains("TZID=Asia/Tokyo", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);

        Assert.Equal(title, entry.Summary);
        Assert.Equal("CONFIRMED", entry.Status);

        // Each delegation reads its own capital's time: Washington was still on 30 June.
        Assert.Contains("USA: 2025-06-30 20:30–22:00 UTC-04:00 (America/New_York)", entry.Description, StringComparison.Ordinal);
        Assert.Contains("JPN: 2025-07-01 09:30–11:00 UTC+09:00 (Asia/Tokyo)", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NewlinesAndMultibyteText_SurviveAndFoldsNeverSplitACharacter()
    {
        var meeting = new MeetingDto(Guid.NewGuid(), Guid.NewGuid(), "EPCC", Tier.Ministerial, 1, new string('経', 60), "", "Tokyo", "Asia/Tokyo",
            new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 1, 1, 0, 0, DateTimeKind.Utc), MeetingStatus.Scheduled,
            "line one\r\nline two\nline three", "", "", 0, 3);

        var bytes = Encoding.UTF8.GetBytes(MeetingCalendar.Write([meeting], "Test", DateTime.UtcNow));
        var entry = Parse(bytes).Events.Single();

        Assert.Equal(new string('経', 60), entry.Summary);
        Assert.EndsWith("line one\nline two\nline three", entry.Description!.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(3, entry.Sequence);

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

        var calendar = Parse(await kit.Meti.GetByteArrayAsync(new Uri("/api/v1/meetings/feed.ics", UriKind.Relative)));
        var uids = calendar.Events.Select(e => e.Uid).ToList();

        Assert.Contains($"{scheduled:D}@tandem", uids);
        Assert.DoesNotContain($"{draft:D}@tandem", uids);
        Assert.Equal(7, uids.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PersonalAddress_WorksWithoutASession_InTheOwnersLanguage_WithUpdatesAndCancellations_UntilRevoked(string provider)
    {
        await using var kit = await Start(provider);
        var owner = await kit.Factory.CreateUser($"cal-{Guid.NewGuid():N}@test.tandem", "METI", Roles.Member);
        await kit.Factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == owner.Id);
            user.PreferredCulture = "ja";
            await db.SaveChangesAsync();
        });
        var metiOfficer = kit.Factory.ClientFor(owner);
        var draft = (Guid)(await kit.Meeting("Draft that nobody outside the secretariat may see"))["id"]!;
        var created = await Post(kit.Secretariat, "/api/v1/meetings", new
        {
            forumId = kit.ForumId,
            tier = "ViceMinisterial",
            titleEn = "Vice-ministerial on export controls",
            titleJa = "輸出管理に関する次官級協議",
            venue = "Washington",
            timeZone = "America/New_York",
            startsAt = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(-4)),
            endsAt = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(-4)),
        }, HttpStatusCode.Created);
        var meetingId = (Guid)created["id"]!;
        await kit.Status(meetingId, "Scheduled");

        var url = new Uri((string)(await Post(metiOfficer, "/api/v1/me/calendar-feed", null))["url"]!);
        Assert.Matches("^/calendar/cal_[A-Za-z0-9_-]{43}\\.ics$", url.AbsolutePath);
        using var anonymous = kit.Factory.CreateClient();
        using var response = await anonymous.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = Parse(await response.Content.ReadAsByteArrayAsync());

        var entry = calendar.Events.Single(e => e.Uid == $"{meetingId:D}@tandem");
        Assert.Equal("輸出管理に関する次官級協議", entry.Summary);
        Assert.Equal("America/New_York", entry.DtStart!.TzId);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/New_York");
        Assert.Contains("次官級", entry.Description, StringComparison.Ordinal);
        Assert.Contains("JPN: 2026-03-10 23:00–2026-03-11 01:00 UTC+09:00 (Asia/Tokyo)", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(calendar.Events, e => e.Uid == $"{draft:D}@tandem");
        var sequence = entry.Sequence;

        // A cancellation reaches the subscribed calendar as a newer version of the same entry.
        await kit.Status(meetingId, "Cancelled", reason: "postponed");
        var after = Parse(await anonymous.GetByteArrayAsync(new Uri(url.PathAndQuery, UriKind.Relative))).Events.Single(e => e.Uid == $"{meetingId:D}@tandem");
        Assert.Equal("CANCELLED", after.Status);
        Assert.True(after.Sequence > sequence, $"SEQUENCE {after.Sequence} after cancelling, {sequence} before");

        // Every read is audited in the owner's name.
        var reads = await kit.Factory.WithDb(db => db.AuditEntries.Where(a => a.ObjectType == nameof(CalendarFeed) && a.Action == "list").ToListAsync());
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(owner.Id, r.ActorUserId));

        // A new address replaces the old one; deleting it stops every subscription; a guessed one finds nothing.
        var replacement = new Uri((string)(await Post(metiOfficer, "/api/v1/me/calendar-feed", null))["url"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(replacement.PathAndQuery, UriKind.Relative))).StatusCode);
        using (var revoke = await metiOfficer.DeleteAsync(new Uri("/api/v1/me/calendar-feed", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(replacement.PathAndQuery, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/calendar/cal_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metiOfficer.GetAsync(new Uri("/api/v1/me/calendar-feed", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ProfilePage_CreatesTheAddressOnce_AndDeletesItOnlyAfterConfirmation()
    {
        await using var kit = await Start(TestDatabase.Sqlite);
        var owner = await kit.Factory.CreateUser($"cal-{Guid.NewGuid():N}@test.tandem", "DOC", Roles.Member);
        using var browser = SecurityKit.Browser(kit.Factory);
        await SecurityKit.SignInOk(browser, owner.Email, owner.Password);

        var profile = await browser.GetStringAsync(new Uri("/account", UriKind.Relative));
        Assert.Contains("You have no calendar address.", profile, StringComparison.Ordinal);
        var created = await Submit(browser, profile, "calendar-create");
        var address = AddressInput().Match(created);
        Assert.True(address.Success, "the page shows the new address");
        using var anonymous = kit.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(new Uri(WebUtility.HtmlDecode(address.Groups[1].Value)).PathAndQuery, UriKind.Relative))).StatusCode);

        // Shown once: a later visit says when it was made, never the address itself.
        var later = await browser.GetStringAsync(new Uri("/account", UriKind.Relative));
        Assert.DoesNotMatch(AddressInput(), later);
        Assert.Contains("last read by a calendar application", later, StringComparison.Ordinal);

        var asked = await Submit(browser, later, "calendar-revoke");
        Assert.Contains("Delete your calendar address?", asked, StringComparison.Ordinal);
        Assert.NotNull(await kit.Factory.WithDb(db => db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.UserId == owner.Id)));
        var fields = SecurityKit.FormFields(asked);
        fields["_handler"] = "calendar-revoke";
        fields["confirm"] = "yes";
        using var confirmed = await browser.PostAsync(new Uri("/account", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Null(await kit.Factory.WithDb(db => db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.UserId == owner.Id)));
    }

    private static async Task<string> Submit(HttpClient browser, string page, string form)
    {
        var fields = SecurityKit.FormFields(page);
        fields["_handler"] = form;
        using var response = await browser.PostAsync(new Uri("/account", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<input[^>]*id=\"calendar-url\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AddressInput();
}

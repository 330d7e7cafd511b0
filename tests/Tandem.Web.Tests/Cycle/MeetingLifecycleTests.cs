using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Meetings;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

public sealed class MeetingLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lifecycle_DraftToConcluded_RefusesSkipsAndLocksAgendaUntilReopened(string provider)
    {
        await using var kit = await Start(provider);
        var id = (Guid)(await kit.Meeting())["id"]!;

        var skip = await kit.Status(id, "Held", HttpStatusCode.BadRequest);
        Assert.Contains("status", Fields(skip));

        await kit.Status(id, "Scheduled");
        var early = await Post(kit.Secretariat, $"/api/v1/meetings/{id}/outcomes",
            new { kind = "Decision", textEn = "Too early", version = await kit.MeetingVersion(id) }, HttpStatusCode.BadRequest);
        Assert.Contains("status", Fields(early));

        await kit.Status(id, "Held");
        await Post(kit.Secretariat, $"/api/v1/meetings/{id}/outcomes", new { kind = "Decision", textEn = "Agreed", version = await kit.MeetingVersion(id) }, HttpStatusCode.Created);
        await kit.Status(id, "Concluded");

        var locked = await Post(kit.Secretariat, $"/api/v1/meetings/{id}/agenda",
            new { item = new { titleEn = "Late item", durationMinutes = 10 }, version = await kit.MeetingVersion(id) }, HttpStatusCode.BadRequest);
        Assert.Contains("status", Fields(locked));

        var noReason = await kit.Status(id, "Held", HttpStatusCode.BadRequest);
        Assert.Contains("reason", Fields(noReason));
        var reopened = await kit.Status(id, "Held", HttpStatusCode.OK, reason: "Correct the record of outcome 1");
        Assert.Equal("Held", (string)reopened["status"]!);

        await Post(kit.Secretariat, $"/api/v1/meetings/{id}/agenda",
            new { item = new { titleEn = "Late item", durationMinutes = 10 }, version = await kit.MeetingVersion(id) });
        var reopenAudit = await kit.Factory.WithDb(db => db.AuditEntries.Where(e => e.ObjectId == id.ToString("D") && e.Action == "reopen").ToListAsync());
        var entry = Assert.Single(reopenAudit);
        Assert.Contains("Correct the record", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Update_StaleVersion_Answers409(string provider)
    {
        await using var kit = await Start(provider);
        var meeting = await kit.Meeting();
        var id = (Guid)meeting["id"]!;
        var body = new
        {
            forumId = kit.ForumId,
            tier = "WorkingLevel",
            titleEn = "Renamed",
            venue = "Tokyo",
            timeZone = "Asia/Tokyo",
            startsAt = (DateTimeOffset)meeting["startsAt"]!,
            endsAt = (DateTimeOffset)meeting["endsAt"]!,
            version = (int)meeting["version"]!,
        };
        await Put(kit.Secretariat, $"/api/v1/meetings/{id}", body);
        await Put(kit.Secretariat, $"/api/v1/meetings/{id}", body with { titleEn = "Again" }, HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Agenda_OverflowingTheMeeting_400NamingTheField_AndNothingChanges(string provider)
    {
        await using var kit = await Start(provider);
        var id = (Guid)(await kit.Meeting(minutes: 60))["id"]!;
        await Put(kit.Secretariat, $"/api/v1/meetings/{id}/agenda", new
        {
            items = new[] { new { titleEn = "Opening", durationMinutes = 20, trackCode = "P1", presentingAgencyCode = "MOFA" } },
            version = await kit.MeetingVersion(id),
        });
        var version = await kit.MeetingVersion(id);

        var added = await Post(kit.Secretariat, $"/api/v1/meetings/{id}/agenda",
            new { item = new { titleEn = "Long debate", durationMinutes = 45 }, version }, HttpStatusCode.BadRequest);
        Assert.Contains("durationMinutes", Fields(added));
        var replaced = await Put(kit.Secretariat, $"/api/v1/meetings/{id}/agenda", new
        {
            items = new[] { new { titleEn = "A", durationMinutes = 40 }, new { titleEn = "B", durationMinutes = 40 } },
            version,
        }, HttpStatusCode.BadRequest);
        Assert.Contains("items", Fields(replaced));
        var shortened = await Put(kit.Secretariat, $"/api/v1/meetings/{id}", new
        {
            forumId = kit.ForumId,
            tier = "WorkingLevel",
            titleEn = "Working meeting",
            venue = "Tokyo",
            timeZone = "Asia/Tokyo",
            startsAt = new DateTimeOffset(2025, 3, 10, 14, 0, 0, TimeSpan.Zero),
            endsAt = new DateTimeOffset(2025, 3, 10, 14, 10, 0, TimeSpan.Zero),
            version,
        }, HttpStatusCode.BadRequest);
        Assert.Contains("endsAt", Fields(shortened));

        var detail = await Get(kit.Secretariat, $"/api/v1/meetings/{id}");
        Assert.Equal(version, (int)detail["meeting"]!["version"]!);
        var item = Assert.Single(detail["agenda"]!.AsArray());
        Assert.Equal("Opening", (string)item!["titleEn"]!);
        Assert.Equal("MOFA", (string)item["presentingAgencyCode"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Outcome_OnCancelledMeeting_400NamingTheField_AndNothingChanges(string provider)
    {
        await using var kit = await Start(provider);
        var id = (Guid)(await kit.Meeting())["id"]!;
        await kit.Status(id, "Cancelled");
        var version = await kit.MeetingVersion(id);

        var refused = await Post(kit.Secretariat, $"/api/v1/meetings/{id}/outcomes",
            new { kind = "Action", textEn = "Do something", commitmentCode = "X-1", version }, HttpStatusCode.BadRequest);

        Assert.Contains("status", Fields(refused));
        Assert.Contains("cancelled", refused["errors"]!["status"]![0]!.ToString(), StringComparison.OrdinalIgnoreCase);
        var detail = await Get(kit.Secretariat, $"/api/v1/meetings/{id}");
        Assert.Empty(detail["outcomes"]!.AsArray());
        Assert.Equal(version, (int)detail["meeting"]!["version"]!);
        Assert.False(await kit.Factory.WithDb(db => db.Set<Commitment>().AnyAsync(c => c.Code == "X-1")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ActionOutcome_CreatesCommitmentLinkedBackToTheMeeting(string provider)
    {
        await using var kit = await Start(provider);
        var id = (Guid)(await kit.Meeting())["id"]!;
        await Put(kit.Secretariat, $"/api/v1/meetings/{id}/agenda",
            new { items = new[] { new { titleEn = "Semiconductors", durationMinutes = 30, trackCode = "P3" } }, version = await kit.MeetingVersion(id) });
        await kit.Status(id, "Scheduled");
        await kit.Status(id, "Held");
        var itemId = (Guid)(await Get(kit.Secretariat, $"/api/v1/meetings/{id}"))["agenda"]![0]!["id"]!;

        var outcome = await Post(kit.Secretariat, $"/api/v1/meetings/{id}/outcomes", new
        {
            kind = "Action",
            textEn = "Set up an early-warning contact list for chip shortages",
            agendaItemId = itemId,
            commitmentCode = "WL-2025-1",
            dueDate = "2025-12-31",
            version = await kit.MeetingVersion(id),
        }, HttpStatusCode.Created);

        var commitmentId = (Guid)outcome["commitmentId"]!;
        Assert.Equal("WL-2025-1", (string)outcome["commitmentCode"]!);
        var commitment = await Get(kit.Doc, $"/api/v1/commitments/{commitmentId}");
        Assert.Equal(id, (Guid)commitment["source"]!["meetingId"]!);
        Assert.Equal((Guid)outcome["id"]!, (Guid)commitment["source"]!["outcomeId"]!);
        Assert.Equal("P3", (string)commitment["commitment"]!["trackCode"]!);
        Assert.Equal("2025-03-10", (string)commitment["commitment"]!["madeOn"]!);
        var meeting = await Get(kit.Doc, $"/api/v1/meetings/{id}");
        Assert.Equal(commitmentId, (Guid)meeting["outcomes"]![0]!["commitmentId"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DemoMeetings_2022To2024_ShowBothCapitalsAndTheFirstMinisterialRecord(string provider)
    {
        await using var kit = await Start(provider);
        var list = await Get(kit.Meti, "/api/v1/meetings?from=2022-01-01&to=2024-12-31");
        Assert.Equal(6, (int)list["total"]!);
        var ministerial = list["items"]!.AsArray().Single(m => ((string)m!["startsAt"]!).StartsWith("2022-07-29", StringComparison.Ordinal))!;

        var detail = await Get(kit.Meti, $"/api/v1/meetings/{(Guid)ministerial["id"]!}");
        Assert.Equal("Concluded", (string)detail["meeting"]!["status"]!);
        Assert.Equal(5, detail["agenda"]!.AsArray().Count);
        Assert.Equal(4, detail["attendees"]!.AsArray().Count);
        var outcomes = detail["outcomes"]!.AsArray();
        Assert.Contains(outcomes, o => (string)o!["kind"]! == "Decision");
        Assert.Contains(outcomes, o => (string)o!["kind"]! == "Action" && (string)o["commitmentCode"]! == "C02");
        Assert.Contains(detail["papers"]!.AsArray(), p => (string)p!["kind"]! == "JointStatement" && (string)p["marking"]! == "TLP:CLEAR");

        var times = detail["times"]!.AsArray();
        var washington = times.Single(t => (string)t!["label"]! == "USA")!;
        var tokyo = times.Single(t => (string)t!["label"]! == "JPN")!;
        // 09:06 in Washington, 22:06 in Tokyo, as MOFA's overview of the meeting gives them.
        Assert.StartsWith("2022-07-29T09:06", (string)washington["start"]!, StringComparison.Ordinal);
        Assert.StartsWith("2022-07-29T22:06", (string)tokyo["start"]!, StringComparison.Ordinal);
        Assert.Equal("UTC+09:00", (string)tokyo["utcOffset"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MeetingPaper_AmberStrict_IsNotVisibleToAnotherAgency(string provider)
    {
        await using var kit = await Start(provider);
        var id = (Guid)(await kit.Meeting())["id"]!;
        await kit.Status(id, "Scheduled");
        await kit.Status(id, "Held");
        await Post(kit.Secretariat, $"/api/v1/meetings/{id}/papers",
            new { kind = "Minutes", title = "Draft minutes", text = "Who said what.", label = new { level = "AmberStrict" } }, HttpStatusCode.Created);
        await Post(kit.Secretariat, $"/api/v1/meetings/{id}/papers",
            new { kind = "JointStatement", title = "Press statement", text = "Public.", label = new { level = "Clear" } }, HttpStatusCode.Created);

        var own = await Get(kit.Dos, $"/api/v1/meetings/{id}/papers");
        var other = await Get(kit.Meti, $"/api/v1/meetings/{id}/papers");
        var detail = await Get(kit.Meti, $"/api/v1/meetings/{id}");

        Assert.Equal(2, own["items"]!.AsArray().Count);
        Assert.Equal("Press statement", (string)Assert.Single(other["items"]!.AsArray())!["title"]!);
        Assert.Single(detail["papers"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DraftMeeting_ReadByAMember_Answers404LikeAMissingOne(string provider)
    {
        await using var kit = await Start(provider);
        var draft = (Guid)(await kit.Meeting("Secretariat draft"))["id"]!;

        var hiddenDraft = await kit.Doc.GetAsync(new Uri($"/api/v1/meetings/{draft}", UriKind.Relative));
        var missing = await kit.Doc.GetAsync(new Uri($"/api/v1/meetings/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, hiddenDraft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var a = JsonNode.Parse(await hiddenDraft.Content.ReadAsStringAsync())!;
        var b = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal((string)a["detail"]!, (string)b["detail"]!);
    }
}

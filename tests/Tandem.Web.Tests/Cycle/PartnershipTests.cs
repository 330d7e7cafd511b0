using System.Net;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

public sealed class PartnershipTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PartnershipIndex_CountsLeadingAndSupporting_AndFlagsAgenciesThatOnlySupport(string provider)
    {
        await using var kit = await Start(provider);

        // In 2025: JETRO leads a commitment it delivers, presents an agenda item and attends; NSF only supports.
        var track = await Get(kit.Secretariat, $"/api/v1/tracks?forumId={kit.ForumId}");
        var p3 = track["items"]!.AsArray().Single(t => (string)t!["code"]! == "P3")!;
        await Put(kit.Secretariat, $"/api/v1/tracks/{(Guid)p3["id"]!}/participations", new { agencyCode = "NSF", role = "Supporting", version = (int)p3["version"]! });
        var responsibilities = new Dictionary<string, object> { ["USA"] = new { lead = "DOC", supporting = new[] { "NSF" } }, ["JPN"] = new { lead = "JETRO" } };
        var c = await Post(kit.Secretariat, "/api/v1/commitments", new
        {
            forumId = kit.ForumId, code = "PART-1", textEn = "Trade missions", trackCode = "P4", madeOn = "2025-02-01", status = "Completed", responsibilities,
        }, HttpStatusCode.Created);
        var meeting = (Guid)(await kit.Meeting())["id"]!;
        await Put(kit.Secretariat, $"/api/v1/meetings/{meeting}/agenda", new
        {
            items = new[] { new { titleEn = "Trade missions", durationMinutes = 30, presentingAgencyCode = "JETRO", trackCode = "P4" } },
            version = await kit.MeetingVersion(meeting),
        });
        await Put(kit.Secretariat, $"/api/v1/meetings/{meeting}/attendance", new
        {
            attendees = new[] { new { personName = "A. Officer", agencyCode = "JETRO" }, new { personName = "B. Officer", agencyCode = "JETRO" } },
            version = await kit.MeetingVersion(meeting),
        });
        await kit.Status(meeting, "Scheduled");
        await kit.Status(meeting, "Held");

        var index = await Get(kit.Meti, $"/api/v1/compliance/partnership?forumId={kit.ForumId}&from=2025-01-01&to=2025-12-31");
        var rows = index["rows"]!.AsArray();
        var jetro = rows.Single(r => (string)r!["code"]! == "JETRO")!;
        var nsf = rows.Single(r => (string)r!["code"]! == "NSF")!;
        var doc = rows.Single(r => (string)r!["code"]! == "DOC")!;

        Assert.Equal(1, (int)jetro["commitmentsOwned"]!);
        Assert.Equal(1, (int)jetro["commitmentsDelivered"]!);
        Assert.Equal(1, (int)jetro["agendaItemsPresented"]!);
        Assert.Equal(1, (int)jetro["meetingsAttended"]!);
        Assert.False((bool)jetro["onlySupports"]!);
        Assert.Equal(1.0, (double)jetro["leadShare"]!);
        Assert.Equal(1, (int)nsf["tracksSupported"]!);
        Assert.Equal(1, (int)nsf["commitmentsSupported"]!);
        Assert.True((bool)nsf["onlySupports"]!);
        Assert.Equal(0.0, (double)nsf["leadShare"]!);
        // Commerce co-leads P3 and P4 of 2022 and the 2023 ministerial's second topic.
        Assert.Equal(3, (int)doc["tracksCoLed"]!);
        Assert.Equal(1, (int)doc["commitmentsOwned"]!);
        Assert.NotNull(c);

        // The demo's 2022–2024 record is outside this period: it shows only when the period includes it.
        var whole = await Get(kit.Meti, $"/api/v1/compliance/partnership?forumId={kit.ForumId}");
        Assert.True((int)whole["rows"]!.AsArray().Single(r => (string)r!["code"]! == "DOC")!["commitmentsOwned"]! > 1);
        using var chart = await kit.Meti.GetAsync(new Uri($"/api/v1/compliance/partnership.svg?forumId={kit.ForumId}", UriKind.Relative));
        Assert.Contains("<svg", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PartnershipIndex_FullComplianceInTheLatestCycle_CountsAsDelivered_ALaterDowngradeTakesItBack(string provider)
    {
        await using var kit = await Start(provider);
        var commitment = (Guid)(await kit.Commitment("DELIV-1"))["id"]!;
        async Task<Guid> Cycle(string name, string windowEnd)
        {
            var cycle = await Post(kit.Secretariat, "/api/v1/compliance/cycles",
                new { forumId = kit.ForumId, name, kind = "Interim", windowStart = "2025-01-01", windowEnd }, HttpStatusCode.Created);
            var id = (Guid)cycle["id"]!;
            await Post(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/commitments", new { commitmentIds = new[] { commitment }, version = (int)cycle["version"]! });
            return id;
        }

        async Task<(int Doc, int Meti)> Delivered()
        {
            var rows = (await Get(kit.Meti, $"/api/v1/compliance/partnership?forumId={kit.ForumId}"))["rows"]!.AsArray();
            int Of(string code) => (int)rows.Single(r => (string)r!["code"]! == code)!["commitmentsDelivered"]!;
            return (Of("DOC"), Of("METI"));
        }

        var before = await Delivered();
        var interim = await Cycle("Interim 2025", "2025-06-30");
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{interim}/scores", new { commitmentId = commitment, party = "JPN", value = 1, rationale = "delivered" });
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{interim}/scores", new { commitmentId = commitment, party = "USA", value = 0, rationale = "partly" });
        var afterInterim = await Delivered();
        var final = await Cycle("Final 2025", "2025-12-31");
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{final}/scores", new { commitmentId = commitment, party = "JPN", value = -1, rationale = "reversed" });
        var afterFinal = await Delivered();

        Assert.Equal((before.Doc, before.Meti + 1), afterInterim);
        Assert.Equal(before, afterFinal);
    }
}

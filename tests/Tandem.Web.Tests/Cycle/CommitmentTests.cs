using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

public sealed class CommitmentTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_ResponsibilityGivenToAnotherPartysAgency_400NamingTheField_AndNothingIsCreated(string provider)
    {
        await using var kit = await Start(provider);

        var refused = await Post(kit.Secretariat, "/api/v1/commitments", new
        {
            forumId = kit.ForumId,
            code = "BAD-1",
            textEn = "Misassigned",
            responsibilities = new Dictionary<string, object>
            {
                ["USA"] = new { lead = "METI" },
                ["JPN"] = new { lead = "MOFA", supporting = new[] { "DOE" } },
            },
        }, HttpStatusCode.BadRequest);

        Assert.Contains("responsibilities.USA.lead", Fields(refused));
        Assert.Contains("responsibilities.JPN.supporting[0]", Fields(refused));
        Assert.False(await kit.Factory.WithDb(db => db.Set<Commitment>().AnyAsync(c => c.Code == "BAD-1")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Milestones_RollUpByPublishedWeights_WithUnassessedCountedAsZero(string provider)
    {
        await using var kit = await Start(provider);
        var c = await kit.Commitment("ROLL-1");
        var id = (Guid)c["id"]!;

        // Weights 1, 3 and 4; progress 100, 50 and not yet assessed: (1×100 + 3×50 + 4×0) ÷ 8 = 31.25 %.
        var detail = await Put(kit.Doc, $"/api/v1/commitments/{id}/milestones", new
        {
            items = new object[]
            {
                new { titleEn = "Plan agreed", weight = 1, progress = 100 },
                new { titleEn = "Pilot", weight = 3, progress = 50 },
                new { titleEn = "Rollout", weight = 4 },
            },
            version = (int)c["version"]!,
        });

        Assert.Equal(31.25, (double)detail["commitment"]!["progress"]!);
        Assert.Equal(new[] { 12.5, 37.5, 50.0 }, detail["milestones"]!.AsArray().Select(m => (double)m!["weightShare"]!).ToArray());
        Assert.Contains("counts as 0", (string)detail["rollupRule"]!, StringComparison.Ordinal);

        // Every reader sees the weights, including the other party.
        var seenByMeti = await Get(kit.Meti, $"/api/v1/commitments/{id}");
        Assert.Equal(new[] { 1.0, 3.0, 4.0 }, seenByMeti["milestones"]!.AsArray().Select(m => (double)m!["weight"]!).ToArray());
        var listed = await Get(kit.Meti, "/api/v1/commitments?search=ROLL-1");
        Assert.Equal(31.25, (double)listed["items"]![0]!["progress"]!);

        var badWeight = await Put(kit.Doc, $"/api/v1/commitments/{id}/milestones",
            new { items = new[] { new { titleEn = "X", weight = -1 } }, version = (int)detail["commitment"]!["version"]! }, HttpStatusCode.BadRequest);
        Assert.Contains("items[0].weight", Fields(badWeight));

        // DOS is not responsible for ROLL-1 and is not the secretariat.
        await Put(kit.Dos, $"/api/v1/commitments/{id}/milestones",
            new { items = Array.Empty<object>(), version = (int)detail["commitment"]!["version"]! }, HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Overdue_DueDatePassedAndNotCompletedOrSuperseded(string provider)
    {
        await using var kit = await Start(provider);
        await kit.Commitment("LATE-1", dueDate: "2020-01-31", status: "InProgress");
        await kit.Commitment("DONE-1", dueDate: "2020-01-31", status: "Completed");
        await kit.Commitment("LAPSED-1", dueDate: "2020-01-31", status: "Lapsed");
        await kit.Commitment("FUTURE-1", dueDate: "2099-01-31", status: "NotStarted");

        var overdue = await Get(kit.Doc, "/api/v1/commitments?overdue=true&sort=due&pageSize=100");
        var codes = overdue["items"]!.AsArray().Select(i => (string)i!["code"]!).ToList();

        Assert.Contains("LATE-1", codes);
        Assert.Contains("LAPSED-1", codes);
        Assert.DoesNotContain("DONE-1", codes);
        Assert.DoesNotContain("FUTURE-1", codes);
        Assert.All(overdue["items"]!.AsArray(), i => Assert.True((bool)i!["overdue"]!));
        var done = await Get(kit.Doc, "/api/v1/commitments?search=DONE-1");
        Assert.False((bool)done["items"]![0]!["overdue"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgressReport_Amber_IsVisibleToTheNamedAgenciesOnly(string provider)
    {
        await using var kit = await Start(provider);
        var id = (Guid)(await kit.Commitment("REP-1"))["id"]!;
        var metiId = await kit.Factory.WithDb(db => db.Agencies.Where(a => a.Code == "METI").Select(a => a.Id).SingleAsync());

        await Post(kit.Doc, $"/api/v1/commitments/{id}/progress-reports", new
        {
            reportedOn = "2025-06-30",
            narrative = "Internal: budget not yet approved.",
            percent = 20,
            evidenceLinks = new[] { "https://example.org/internal" },
            label = new { level = "Amber" },
        }, HttpStatusCode.Created);
        await Post(kit.Doc, $"/api/v1/commitments/{id}/progress-reports", new
        {
            reportedOn = "2025-07-31",
            narrative = "Shared with METI: pilot started.",
            percent = 40,
            label = new { level = "Amber", recipientAgencies = new[] { metiId } },
        }, HttpStatusCode.Created);

        var forDoc = await Get(kit.Doc, $"/api/v1/commitments/{id}/progress-reports");
        var forMeti = await Get(kit.Meti, $"/api/v1/commitments/{id}/progress-reports");
        var forDos = await Get(kit.Dos, $"/api/v1/commitments/{id}");

        Assert.Equal(2, forDoc["items"]!.AsArray().Count);
        Assert.Equal("Shared with METI: pilot started.", (string)Assert.Single(forMeti["items"]!.AsArray())!["narrative"]!);
        Assert.Empty(forDos["reports"]!.AsArray());
        Assert.Equal("TLP:AMBER", (string)forDoc["items"]![0]!["marking"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ProgressReport_ByAnAgencyNotResponsible_IsForbidden_AndBadInputNamesTheField(string provider)
    {
        await using var kit = await Start(provider);
        var id = (Guid)(await kit.Commitment("REP-2"))["id"]!;

        await Post(kit.Dos, $"/api/v1/commitments/{id}/progress-reports",
            new { reportedOn = "2025-06-30", narrative = "Not ours", percent = 10, label = new { level = "Green" } }, HttpStatusCode.Forbidden);
        var bad = await Post(kit.Doc, $"/api/v1/commitments/{id}/progress-reports",
            new { reportedOn = "2025-06-30", narrative = "x", percent = 140, evidenceLinks = new[] { "javascript:alert(1)" }, label = new { level = "Green" } },
            HttpStatusCode.BadRequest);

        Assert.Contains("percent", Fields(bad));
        Assert.Contains("evidenceLinks[0]", Fields(bad));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Update_RecordsHistoryFromTheAuditLog_AndAStaleVersionAnswers409(string provider)
    {
        await using var kit = await Start(provider);
        var c = await kit.Commitment("HIST-1", dueDate: "2026-06-30");
        var id = (Guid)c["id"]!;
        var body = new
        {
            code = "HIST-1",
            textEn = "Commitment HIST-1",
            trackCode = "P3",
            dueDate = "2026-06-30",
            status = "Completed",
            responsibilities = new Dictionary<string, object> { ["USA"] = new { lead = "DOC" }, ["JPN"] = new { lead = "METI" } },
            version = (int)c["version"]!,
        };

        await Put(kit.Secretariat, $"/api/v1/commitments/{id}", body);
        await Put(kit.Secretariat, $"/api/v1/commitments/{id}", body with { status = "Lapsed" }, HttpStatusCode.Conflict);

        var history = (await Get(kit.Meti, $"/api/v1/commitments/{id}/history"))["items"]!.AsArray();
        Assert.Equal("create", (string)history[0]!["action"]!);
        Assert.Contains(history, h => ((string)h!["details"]!).Contains("status: InProgress → Completed", StringComparison.Ordinal));
        Assert.Contains(history, h => ((string)h!["details"]!).Contains("USA:support=NIST", StringComparison.Ordinal));
        var detail = await Get(kit.Meti, $"/api/v1/commitments/{id}");
        Assert.Equal("Completed", (string)detail["commitment"]!["status"]!);
        Assert.Empty(detail["responsibilities"]!.AsArray().Single(r => (string)r!["party"]! == "USA")!["supportingAgencyCodes"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_Imports31EpccCommitments_WithLeadAndSupportingAgenciesPerParty(string provider)
    {
        await using var kit = await Start(provider);

        var all = await Get(kit.Meti, $"/api/v1/commitments?forumId={kit.ForumId}&pageSize=100");
        var p4 = await Get(kit.Meti, $"/api/v1/commitments?forumId={kit.ForumId}&track=P4&pageSize=100");
        var c01 = all["items"]!.AsArray().Single(i => (string)i!["code"]! == "C01")!;
        var detail = await Get(kit.Meti, $"/api/v1/commitments/{(Guid)c01["id"]!}");

        Assert.Equal(31, (int)all["total"]!);
        Assert.All(p4["items"]!.AsArray(), i => Assert.Equal("P4", (string)i!["trackCode"]!));
        var usa = detail["responsibilities"]!.AsArray().Single(r => (string)r!["party"]! == "USA")!;
        Assert.Equal("DOS", (string)usa["leadAgencyCode"]!);
        Assert.Equal(new[] { "DOC", "USTR" }, usa["supportingAgencyCodes"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal("reported; agencies reconstructed", (string)detail["source"]!["confidence"]!);
        Assert.StartsWith("https://", (string)detail["source"]!["url"]!, StringComparison.Ordinal);
        Assert.NotNull(detail["source"]!["meetingId"]);
    }
}

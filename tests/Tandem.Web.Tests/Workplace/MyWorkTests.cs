using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Evidence;
using Tandem.Core.Meetings;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;
using Tandem.Web.Tests.Cycle;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Workplace;

/// <summary>The home page's work list per role, as <c>GET /api/v1/me/work</c> and the page show it.</summary>
public sealed class MyWorkTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Officer_SeesOwnAgencysOverdueCommitment_AndNeverAHiddenRedRecord(string provider)
    {
        await using var kit = await Start(provider);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var meti = await kit.Factory.CreateUser($"meti-work-{tag}@test.tandem", "METI", Roles.Member);
        var other = await kit.Factory.CreateUser($"meti-other-{tag}@test.tandem", "METI", Roles.Member);
        var metiClient = kit.Factory.ClientFor(meti);
        await kit.Commitment("LATE-9", dueDate: "2020-01-31", status: "InProgress");
        await kit.Commitment("DONE-9", dueDate: "2020-01-31", status: "Completed");

        // Two analyses were shared with the officer; the second has since been labelled RED for someone else only.
        var (green, red) = await kit.Factory.WithDb(async db =>
        {
            var metiAgency = await db.Agencies.Where(a => a.Code == "METI").Select(a => a.Id).SingleAsync();
            Analysis Make(string title, Label label) => new()
            {
                Title = title, Kind = AnalysisKind.Screening, OwnerAgencyId = metiAgency, CreatedBy = other.Id, Label = LabelData.From(label),
            };
            var g = Make($"Shared green {tag}", new Label { Level = Tlp.Green, Originator = metiAgency, OriginatingParty = "JPN" });
            var r = Make($"Hidden red {tag}", new Label { Level = Tlp.Red, Originator = metiAgency, OriginatingParty = "JPN", Users = ImmutableSortedSet.Create(other.Id) });
            db.AddRange(g, r);
            NotificationUseCases.Send(db, [meti.Id], NotificationKinds.AnalysisShared, "Analysis shared with you: " + g.Title, "", $"/evidence/analyses/{g.Id:D}", DateTime.UtcNow);
            NotificationUseCases.Send(db, [meti.Id], NotificationKinds.AnalysisShared, "Analysis shared with you: " + r.Title, "", $"/evidence/analyses/{r.Id:D}", DateTime.UtcNow);
            await db.SaveChangesAsync();
            return (g.Title, r.Title);
        });

        var work = await Get(metiClient, "/api/v1/me/work");
        var officer = work["officer"]!;
        var due = officer["due"]!.AsArray();
        var late = Assert.Single(due, d => (string)d!["code"]! == "LATE-9")!;
        Assert.True((bool)late["overdue"]!);
        Assert.StartsWith("/commitments/", (string)late["link"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(due, d => (string)d!["code"]! == "DONE-9");
        Assert.Contains(officer["reports"]!.AsArray(), r => (string)r!["code"]! == "LATE-9");
        var shared = officer["shared"]!.AsArray().Select(s => (string)s!["title"]!).ToList();
        Assert.Contains(green, shared);
        Assert.DoesNotContain(red, shared);
        Assert.Null(work["secretariat"]);

        // The home page says the same, and never names the RED analysis.
        var html = WebUtility.HtmlDecode(await metiClient.GetStringAsync(new Uri("/", UriKind.Relative)));
        Assert.Contains("My work", html, StringComparison.Ordinal);
        Assert.Contains("LATE-9", html, StringComparison.Ordinal);
        Assert.Contains(green, html, StringComparison.Ordinal);
        Assert.DoesNotContain(red, html, StringComparison.Ordinal);

        // DOS answers for neither commitment: nothing of theirs is due.
        var dos = await Get(kit.Dos, "/api/v1/me/work");
        Assert.DoesNotContain(dos["officer"]!["due"]!.AsArray(), d => (string)d!["code"]! == "LATE-9");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Secretariat_TurnsAWaitingOutcomeIntoItsCommitment_WithTheNextCodeAndChosenAgencies(string provider)
    {
        await using var kit = await Start(provider);
        var meeting = await kit.Meeting("Outcome follow-up meeting");
        var meetingId = (Guid)meeting["id"]!;
        await kit.Status(meetingId, "Scheduled");
        await kit.Status(meetingId, "Held");
        var outcome = await Post(kit.Secretariat, $"/api/v1/meetings/{meetingId}/outcomes", new
        {
            kind = "Action", textEn = "Map the gallium supply chain together", commitmentLater = true, version = await kit.MeetingVersion(meetingId),
        }, HttpStatusCode.Created);
        var outcomeId = (Guid)outcome["id"]!;
        Assert.Null(outcome["commitmentId"]);

        var waiting = await Get(kit.Secretariat, "/api/v1/me/work");
        var listed = Assert.Single(waiting["secretariat"]!["outcomes"]!.AsArray(), o => (Guid)o!["outcomeId"]! == outcomeId)!;
        Assert.Equal($"/meetings/{meetingId:D}/outcomes/{outcomeId:D}/commitment", (string)listed["link"]!);
        var cycles = waiting["secretariat"]!["cycles"]!.AsArray();
        Assert.Contains(cycles, c => (int)c!["cells"]! > 0 && (int)c!["scored"]! < (int)c!["cells"]!);

        var proposal = await kit.Factory.WithDb(db => CommitOutcome.Propose(db, Tandem.Core.Common.Actor.System("test"), meetingId, outcomeId, default));
        Assert.Equal("C32", proposal.Value.ProposedCode);

        // The form's choices: METI leads for Japan, DOC for the U.S. with NIST supporting, due next year.
        var created = await kit.Factory.WithDb(async db =>
        {
            var dos = await db.Agencies.Where(a => a.Code == "DOS").Select(a => a.Id).SingleAsync();
            var secretariat = new Tandem.Core.Common.Actor(Guid.NewGuid(), "sec@test.tandem", dos, "USA", new HashSet<string> { Roles.Secretariat });
            return await CommitOutcome.Handle(db, secretariat, meetingId, outcomeId, new OutcomeCommitmentInput("C32", null, null, "P4", new DateOnly(2026, 12, 31),
                new Dictionary<string, Tandem.Core.Commitments.ResponsibilityInput>
                {
                    ["JPN"] = new("METI"),
                    ["USA"] = new("DOC", ["NIST"]),
                }, await kit.MeetingVersion(meetingId)), new DateOnly(2026, 1, 1), default);
        });
        Assert.True(created.Succeeded, created.Error?.Message);

        var commitment = await Get(kit.Meti, $"/api/v1/commitments/{created.Value.Id}");
        Assert.Equal("C32", (string)commitment["commitment"]!["code"]!);
        Assert.Equal(meetingId, (Guid)commitment["source"]!["meetingId"]!);
        Assert.Equal(outcomeId, (Guid)commitment["source"]!["outcomeId"]!);
        Assert.Equal("METI", (string)commitment["responsibilities"]!.AsArray().Single(r => (string)r!["party"]! == "JPN")!["leadAgencyCode"]!);
        var detail = await Get(kit.Secretariat, $"/api/v1/meetings/{meetingId}");
        Assert.Equal(created.Value.Id, (Guid)detail["outcomes"]![0]!["commitmentId"]!);

        var after = await Get(kit.Secretariat, "/api/v1/me/work");
        Assert.DoesNotContain(after["secretariat"]!["outcomes"]!.AsArray(), o => (Guid)o!["outcomeId"]! == outcomeId);

        // METI, now responsible, is asked for its first report; turning the same outcome twice is refused.
        var meti = await Get(kit.Meti, "/api/v1/me/work");
        Assert.Contains(meti["officer"]!["reports"]!.AsArray(), r => (string)r!["code"]! == "C32");
        var again = await kit.Factory.WithDb(async db => await CommitOutcome.Handle(db, Tandem.Core.Common.Actor.System("test"), meetingId, outcomeId,
            new OutcomeCommitmentInput("C33", null, Responsibilities: new Dictionary<string, Tandem.Core.Commitments.ResponsibilityInput> { ["JPN"] = new("METI") },
                Version: await kit.MeetingVersion(meetingId)), new DateOnly(2026, 1, 1), default));
        Assert.Equal(Tandem.Core.Common.ErrorKind.Conflict, again.Error!.Kind);
    }

    [Fact]
    public void NextCode_ContinuesTheForumsNumbering_KeepingItsWidth()
    {
        Assert.Equal("C32", CommitOutcome.NextCode(["C01", "C02", "C31", "20260115-A1"], "X"));
        Assert.Equal("2024-08", CommitOutcome.NextCode(["2024-07", "2024-06"], "X"));
        Assert.Equal("20260115-A1", CommitOutcome.NextCode([], "20260115-A1"));
    }
}

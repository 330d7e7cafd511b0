using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Notices;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Invest.InvestKit;

namespace Tandem.Web.Tests.Invest;

public sealed class NoticeTests
{
    private static readonly string[] ImportBan = ["ImportBan"];
    private static readonly string[] Seafood = ["030389"];

    internal static object NoticeBody(string title = "Export licensing of gallium and germanium", string[]? products = null, string source = "CHN",
        object? label = null, string? basket = null) => new
        {
            forumCode = "EPCC",
            title,
            products = products ?? ["811292", "811299"],
            basket,
            sectors = new[] { "semiconductors" },
            sourceCountry = source,
            cause = "Export licences required for gallium and germanium",
            impact = "Compound-semiconductor makers report four weeks of stock",
            expectedDuration = "at least six months",
            measuresTaken = "Stock release; supplier outreach",
            assistanceSought = "Information on allied spare capacity",
            label = label ?? new { level = "Green" },
        };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_StartsTheClock_DeadlineFifteenDaysLater_OverdueTheDayAfter(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        var secretariat = await factory.CreateUser("secretariat@dos.test", "DOS", Roles.Secretariat);
        using var client = factory.ClientFor(jp);
        using var sec = factory.ClientFor(secretariat);

        var notice = await (await client.Post("/api/v1/notices", NoticeBody())).Read<NoticeDto>();

        var submittedOn = DateOnly.FromDateTime(notice.SubmittedAt);
        Assert.Equal(NoticeState.Submitted, notice.State);
        Assert.Equal(submittedOn.AddDays(15), notice.Clock.Deadline);
        Assert.Equal(15, notice.Clock.DaysLeft);
        Assert.False(notice.Clock.Overdue);
        Assert.Equal(ExposureStatus.NoTradeData, notice.ExposureStatus);
        Assert.Contains("no data", notice.ExposureNote, StringComparison.OrdinalIgnoreCase);

        var onDeadline = (await sec.GetJson<PagedList<NoticeSummaryDto>>($"/api/v1/notices/due?asOf={submittedOn.AddDays(15):yyyy-MM-dd}")).Items;
        var dayAfter = (await sec.GetJson<PagedList<NoticeSummaryDto>>($"/api/v1/notices/due?asOf={submittedOn.AddDays(16):yyyy-MM-dd}&overdueOnly=true")).Items;
        Assert.False(onDeadline.Single(n => n.Id == notice.Id).Clock.Overdue);
        Assert.Equal(-1, dayAfter.Single(n => n.Id == notice.Id).Clock.DaysLeft);
        Assert.True(dayAfter.Single(n => n.Id == notice.Id).Clock.Overdue);

        // Twenty days ago: overdue by five days today, in the list filter and on the notice.
        await factory.WithDb(async db =>
        {
            var stored = await db.Set<DisruptionNotice>().SingleAsync(n => n.Id == notice.Id);
            stored.SubmittedAt = stored.SubmittedAt.AddDays(-20);
            stored.Deadline = NoticeClock.Deadline(stored.SubmittedAt, stored.MeetingDays);
            await db.SaveChangesAsync();
        });
        var overdue = await sec.GetJson<PagedList<NoticeSummaryDto>>("/api/v1/notices?overdue=true");
        var late = await sec.GetJson<NoticeDto>($"/api/v1/notices/{notice.Id}");
        Assert.Contains(overdue.Items, n => n.Id == notice.Id);
        Assert.True(late.Clock.Overdue);
        Assert.Equal(-5, late.Clock.DaysLeft);

        var scheduled = await (await sec.Post($"/api/v1/notices/{notice.Id}/schedule",
            new { meetingDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), tier = "ViceMinisterial", version = late.Version })).Read<NoticeDto>();
        Assert.Equal(NoticeState.EmergencyMeetingScheduled, scheduled.State);
        Assert.False(scheduled.Clock.Running);
        Assert.False(scheduled.Clock.Overdue);
        Assert.False(scheduled.Clock.MetDeadline);
        Assert.DoesNotContain((await sec.GetJson<PagedList<NoticeSummaryDto>>("/api/v1/notices/due")).Items, n => n.Id == notice.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task States_FollowTheRules_WrongStepIs409_WrongPartyIs403(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        var us = await factory.CreateUser("officer@doc.test", "DOC", Roles.Member);
        var secretariat = await factory.CreateUser("secretariat@mofa.test", "MOFA", Roles.Secretariat);
        using var jpClient = factory.ClientFor(jp);
        using var usClient = factory.ClientFor(us);
        using var sec = factory.ClientFor(secretariat);
        var notice = await (await jpClient.Post("/api/v1/notices", NoticeBody())).Read<NoticeDto>();

        Assert.Equal(HttpStatusCode.Forbidden, (await jpClient.Post($"/api/v1/notices/{notice.Id}/acknowledge", new { version = notice.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sec.Post($"/api/v1/notices/{notice.Id}/held", new { heldOn = DateOnly.FromDateTime(DateTime.UtcNow), version = notice.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await usClient.Post($"/api/v1/notices/{notice.Id}/schedule", new { meetingDate = "2030-01-01", tier = "Ministerial", version = notice.Version })).StatusCode);

        var acknowledged = await (await usClient.Post($"/api/v1/notices/{notice.Id}/acknowledge", new { version = notice.Version })).Read<NoticeDto>();
        Assert.Equal((NoticeState.Acknowledged, "USA"), (acknowledged.State, acknowledged.AcknowledgedByParty));
        await (await sec.Post($"/api/v1/notices/{notice.Id}/schedule", new { meetingDate = "2030-01-01", version = acknowledged.Version })).AssertInvalid("tier");
        var scheduled = await (await sec.Post($"/api/v1/notices/{notice.Id}/schedule",
            new { meetingDate = DateOnly.FromDateTime(DateTime.UtcNow), tier = "Ministerial", meetingId = Guid.NewGuid(), version = acknowledged.Version })).Read<NoticeDto>();
        Assert.Equal(HttpStatusCode.Conflict, (await sec.Post($"/api/v1/notices/{notice.Id}/close", new { outcome = "done", version = scheduled.Version })).StatusCode);
        var held = await (await sec.Post($"/api/v1/notices/{notice.Id}/held", new { heldOn = DateOnly.FromDateTime(DateTime.UtcNow), version = scheduled.Version })).Read<NoticeDto>();
        await (await sec.Post($"/api/v1/notices/{notice.Id}/close", new { version = held.Version })).AssertInvalid("outcome");
        var closed = await (await sec.Post($"/api/v1/notices/{notice.Id}/close", new { outcome = "Allied stocks released", version = held.Version })).Read<NoticeDto>();

        Assert.Equal(NoticeState.Closed, closed.State);
        Assert.Equal(HttpStatusCode.Conflict, (await sec.Post($"/api/v1/notices/{notice.Id}/close", new { outcome = "again", version = closed.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await jpClient.Put($"/api/v1/notices/{notice.Id}", NoticeBody("Edited"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_BadProducts_Answers400NamingTheFieldAndStoresNothing(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);

        var notInNomenclature = await (await client.Post("/api/v1/notices", NoticeBody(products: ["811292", "999999"]))).AssertInvalid("products[1]");
        var noProducts = await (await client.Post("/api/v1/notices", NoticeBody(products: []))).AssertInvalid("products");
        await (await client.Post("/api/v1/notices", NoticeBody(products: [], basket: "unobtainium"))).AssertInvalid("basket");
        await (await client.Post("/api/v1/notices", NoticeBody(source: "XXX"))).AssertInvalid("sourceCountry");
        var byBasket = await (await client.Post("/api/v1/notices", NoticeBody(products: [], basket: "gallium-germanium"))).Read<NoticeDto>();

        Assert.Contains("999999", notInNomenclature, StringComparison.Ordinal);
        Assert.Contains("HS 2022", noProducts, StringComparison.Ordinal);
        Assert.Equal("gallium-germanium", byBasket.Basket);
        Assert.Equal(1, await factory.WithDb(db => db.Set<DisruptionNotice>().CountAsync(n => n.Title != Tandem.Core.Demo.DemoNotice.Title)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Coercion_PhasesMoveForwardOneAtATime_AndAreLabelled(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        var us = await factory.CreateUser("officer@doc.test", "DOC", Roles.Member);
        using var jpClient = factory.ClientFor(jp);
        using var usClient = factory.ClientFor(us);

        var incident = await (await jpClient.Post("/api/v1/coercion-incidents", new
        {
            forumCode = "EPCC", title = "Import ban on seafood", targetParty = "JPN", coercingParty = "CHN", measures = ImportBan,
            products = Seafood, description = "Blanket import suspension", startedOn = "2023-08-24", notes = "Early warning raised",
            label = new { level = "AmberStrict", recipientAgencies = Array.Empty<Guid>() },
        })).Read<CoercionDto>();
        Assert.Equal(CoercionPhase.EarlyWarning, incident.Phase);
        Assert.Equal(HttpStatusCode.NotFound, (await usClient.GetAsync(U($"/api/v1/coercion-incidents/{incident.Id}"))).StatusCode);

        var skip = await jpClient.Post($"/api/v1/coercion-incidents/{incident.Id}/phases", new { phase = "JointAssessment", notes = "too early", version = incident.Version });
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        await (await jpClient.Post($"/api/v1/coercion-incidents/{incident.Id}/phases", new { phase = "InformationSharing", version = incident.Version })).AssertInvalid("notes");

        // The evidence cited must be a document every reader of the incident may read: not a missing one, nor a wider-read incident's narrower one.
        await (await jpClient.Post($"/api/v1/coercion-incidents/{incident.Id}/phases",
            new { phase = "InformationSharing", notes = "Trade data shared", documentIds = new[] { Guid.NewGuid() }, version = incident.Version })).AssertInvalid("documentIds");
        var tradeData = await Sharing.DocumentKit.UploadOk(jpClient, "Seafood trade data", new Dictionary<string, string> { ["level"] = "AmberStrict" });
        var sharing = await (await jpClient.Post($"/api/v1/coercion-incidents/{incident.Id}/phases",
            new { phase = "InformationSharing", notes = "Trade data shared", documentIds = new[] { tradeData.Id }, version = incident.Version })).Read<CoercionDto>();
        var back = await jpClient.Post($"/api/v1/coercion-incidents/{incident.Id}/phases", new { phase = "EarlyWarning", notes = "back", version = sharing.Version });

        Assert.Equal(CoercionPhase.InformationSharing, sharing.Phase);
        Assert.Equal(2, sharing.Entries.Count);
        Assert.Equal(tradeData.Id, Assert.Single(sharing.Entries[1].DocumentIds));
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        await (await jpClient.Post("/api/v1/coercion-incidents", new { forumCode = "EPCC", title = "x", targetParty = "JPN", coercingParty = "CHN", measures = Array.Empty<string>(), startedOn = "2023-08-24" }))
            .AssertInvalid("measures");
    }
}

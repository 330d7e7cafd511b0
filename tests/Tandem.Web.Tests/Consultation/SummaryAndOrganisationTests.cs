using System.Net;
using System.Net.Http.Json;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

public sealed class SummaryAndOrganisationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PublishSummary_AfterClosing_ContributorsWhoAnsweredNotifiedAndSummaryLinked(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        await scenario.SubmitWithCbi(scenario.Contributor);
        using var us = scenario.Client(scenario.SecretariatUs);
        var call = await Json(await us.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}")));
        var early = await us.PostAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/summary", new
        {
            whatWeHeardEn = "Too early", whatWeDidEn = "Nothing yet", version = call.GetProperty("version").GetInt32(),
        });
        Assert.Contains(early.StatusCode, SubmissionRulesTests.Refused);
        Assert.True((await Json(early)).GetProperty("errors").TryGetProperty("state", out _));
        var closed = await Json(await us.PostAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/close", new { version = call.GetProperty("version").GetInt32() }));
        var commitment = await scenario.Commitment();

        var published = await us.PostAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/summary", new
        {
            whatWeHeardEn = "Photoresist supply is concentrated.",
            whatWeDidEn = "Commitment on joint stockpiling of photoresists.",
            links = new object[] { new { targetType = "Commitment", targetId = commitment } },
            version = closed.GetProperty("version").GetInt32(),
        });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Summarised", (await Json(published)).GetProperty("state").GetString());
        using var contributor = scenario.Client(scenario.Contributor);
        var notifications = await Json(await contributor.GetAsync(Url("/api/v1/notifications")));
        var notification = Assert.Single(notifications.GetProperty("items").EnumerateArray());
        Assert.Equal($"/consultation/{scenario.CallId}/summary", notification.GetProperty("link").GetString());
        var seen = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}")));
        Assert.Equal(commitment, seen.GetProperty("summary").GetProperty("links")[0].GetProperty("targetId").GetGuid());
        using var other = scenario.Client(scenario.OtherContributor);
        Assert.Equal(0, (await Json(await other.GetAsync(Url("/api/v1/notifications")))).GetProperty("total").GetInt32());

        var read = await contributor.PostAsync(Url($"/api/v1/notifications/{notification.GetProperty("id").GetGuid()}/read"), null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0, (await Json(await contributor.GetAsync(Url("/api/v1/notifications?unread=true")))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(Url($"/api/v1/notifications/{notification.GetProperty("id").GetGuid()}/read"), null)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SelfRegistration_Anonymous_PendingUntilSecretariatApprovesThenContributorSeesCalls(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var anonymous = scenario.Factory.CreateClient();

        var asked = await anonymous.PostAsJsonAsync("/api/v1/consultation/organisations/registrations", new
        {
            code = "JEITA-DEMO", nameEn = "Demo Electronics Industry Association", party = "JPN", type = "IndustryAssociation",
            contactEmail = "office@jeita-demo.example", website = "https://jeita-demo.example",
        });
        var bad = await anonymous.PostAsJsonAsync("/api/v1/consultation/organisations/registrations", new { nameEn = "", party = "ZZZ", type = "Club" });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Url("/api/v1/consultation/organisations"))).StatusCode);
        var id = (await Json(asked)).GetProperty("id").GetGuid();
        using var us = scenario.Client(scenario.SecretariatUs);
        var pending = await Json(await us.GetAsync(Url("/api/v1/consultation/organisations?status=Pending")));
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        using var contributor = scenario.Client(scenario.Contributor);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.PostAsJsonAsync($"/api/v1/consultation/organisations/{id}/decision", new { approve = true, version = 1 })).StatusCode);

        var approved = await us.PostAsJsonAsync($"/api/v1/consultation/organisations/{id}/decision", new { approve = true, version = 1 });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Approved", (await Json(approved)).GetProperty("status").GetString());
        var member = await scenario.Factory.CreateUser("member@jeita-demo.example", "JEITA-DEMO", Roles.Contributor);
        using var association = scenario.Client(member);
        var calls = await Json(await association.GetAsync(Url("/api/v1/consultation/calls")));
        Assert.Equal(1, calls.GetProperty("total").GetInt32());
        var organisations = await Json(await association.GetAsync(Url("/api/v1/consultation/organisations")));
        Assert.Equal("JEITA-DEMO", Assert.Single(organisations.GetProperty("items").EnumerateArray()).GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InvitedCall_OrganisationNotInvited_DoesNotSeeIt(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var us = scenario.Client(scenario.SecretariatUs);
        var organisations = await Json(await us.GetAsync(Url("/api/v1/consultation/organisations?search=OTHER-CO")));
        var other = organisations.GetProperty("items")[0].GetProperty("id").GetGuid();
        var call = await Json(await us.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}")));

        var created = await us.PostAsJsonAsync("/api/v1/consultation/calls", new
        {
            trackId = call.GetProperty("trackId").GetGuid(),
            titleEn = "Invited: wafer capacity",
            opensAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            closesAt = DateTimeOffset.UtcNow.AddDays(10),
            audience = "Invited",
            invitedOrganisations = new[] { other },
            questions = new object[] { new { kind = "Numeric", textEn = "Wafer starts per month", required = true, min = 0 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = await Json(created);
        var opened = await us.PostAsJsonAsync($"/api/v1/consultation/calls/{draft.GetProperty("id").GetGuid()}/open", new { version = draft.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        using var invited = scenario.Client(scenario.OtherContributor);
        using var notInvited = scenario.Client(scenario.Contributor);
        Assert.Equal(2, (await Json(await invited.GetAsync(Url("/api/v1/consultation/calls")))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await Json(await notInvited.GetAsync(Url("/api/v1/consultation/calls")))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await notInvited.GetAsync(Url($"/api/v1/consultation/calls/{draft.GetProperty("id").GetGuid()}"))).StatusCode);
        var capitals = (await Json(opened)).GetProperty("capitalTimes").EnumerateArray().Select(c => c.GetProperty("timeZone").GetString()).ToList();
        Assert.Equal(["Asia/Tokyo", "America/New_York"], capitals);
    }
}

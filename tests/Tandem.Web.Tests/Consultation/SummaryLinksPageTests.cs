using System.Net;
using System.Net.Http.Json;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

public sealed class SummaryLinksPageTests
{
    [Fact]
    public async Task SummaryPage_LinkedCommitment_SecretariatSeesCodeContributorSeesNoIdOrCode()
    {
        await using var scenario = await ConsultationScenario.Create(TestDatabase.Sqlite);
        await scenario.SubmitWithCbi(scenario.Contributor);
        using var us = scenario.Client(scenario.SecretariatUs);
        var call = await Json(await us.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}")));
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
        using var contributor = scenario.Client(scenario.Contributor);

        var secretariatPage = WebUtility.HtmlDecode(await us.GetStringAsync(Url($"/consultation/{scenario.CallId}/summary")));
        var contributorPage = WebUtility.HtmlDecode(await contributor.GetStringAsync(Url($"/consultation/{scenario.CallId}/summary")));

        Assert.Contains($"href=\"/commitments/{commitment}\"", secretariatPage, StringComparison.Ordinal);
        Assert.Contains("C25 —", secretariatPage, StringComparison.Ordinal);
        Assert.Contains("Commitment on joint stockpiling of photoresists.", contributorPage, StringComparison.Ordinal);
        Assert.Contains("(not open to you)", contributorPage, StringComparison.Ordinal);
        // Version 7 ids begin with a timestamp shared with the call's id: the id fragment once shown was the first eight characters.
        Assert.DoesNotContain($">{commitment.ToString("D")[..8]}<", contributorPage, StringComparison.Ordinal);
        Assert.DoesNotContain(commitment.ToString("D")[^12..], contributorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("C25", contributorPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"/commitments/{commitment}", contributorPage, StringComparison.Ordinal);
    }
}

using System.Net;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

/// <summary>The server-rendered pages show each reader what the API shows them, no more.</summary>
public sealed class ConsultationPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_ContributorAndOfficers_SeeFormTimesAndNoUnclearedCbi(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        var sent = await scenario.SubmitWithCbi(scenario.Contributor);
        var id = sent.GetProperty("id").GetGuid();

        using var contributor = scenario.Client(scenario.Contributor);
        var callPage = await contributor.GetAsync(Url($"/consultation/{scenario.CallId}"));
        var callHtml = WebUtility.HtmlDecode(await callPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, callPage.StatusCode);
        Assert.Contains("Semiconductor supply-chain risks", callHtml, StringComparison.Ordinal);
        Assert.Contains("America/New_York", callHtml, StringComparison.Ordinal);
        Assert.Contains("Asia/Tokyo", callHtml, StringComparison.Ordinal);
        Assert.Contains($"name=\"q-{scenario.Questions[3]}\"", callHtml, StringComparison.Ordinal);
        Assert.Contains(sent.GetProperty("reference").GetString()!, callHtml, StringComparison.Ordinal);
        var receipt = WebUtility.HtmlDecode(await (await contributor.GetAsync(Url($"/consultation/submissions/{id}/receipt"))).Content.ReadAsStringAsync());
        Assert.Contains(sent.GetProperty("reference").GetString()!, receipt, StringComparison.Ordinal);

        using var officer = scenario.Client(scenario.OfficerDoc);
        var partial = await officer.GetAsync(Url($"/consultation/submissions/{id}"));
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.DoesNotContain("62.5", await partial.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var us = scenario.Client(scenario.SecretariatUs);
        var full = await us.GetAsync(Url($"/consultation/submissions/{id}"));
        Assert.Contains("62.5", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var jp = scenario.Client(scenario.SecretariatJp);
        var aggregates = WebUtility.HtmlDecode(await (await jp.GetAsync(Url($"/consultation/{scenario.CallId}/aggregates"))).Content.ReadAsStringAsync());
        Assert.Contains("only answers you may read", aggregates, StringComparison.Ordinal);
        Assert.DoesNotContain("62.5", aggregates, StringComparison.Ordinal);

        using var other = scenario.Client(scenario.OtherContributor);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Url($"/consultation/submissions/{id}"))).StatusCode);
        using var anonymous = scenario.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Url("/consultation/register"))).StatusCode);
    }
}

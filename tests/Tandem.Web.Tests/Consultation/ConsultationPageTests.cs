using System.Net;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Ui;
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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnswerForm_ExecutableFileWithSend_AnswersKeptAsDraftFileRefusedNothingSent(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var ui = new UiSession(scenario.Factory);
        await ui.SignIn(scenario.Contributor.Email, scenario.Contributor.Password);
        var page = await ui.Get($"/consultation/{scenario.CallId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.AntiforgeryToken!), "__RequestVerificationToken" },
            { new StringContent("answers"), "_handler" },
            { new StringContent("Highly exposed"), $"q-{scenario.Questions[1]}" },
            { new StringContent("40"), $"q-{scenario.Questions[2]}" },
            { new StringContent("Photoresist from one plant."), $"q-{scenario.Questions[3]}" },
            { new StringContent("USA"), "cbiParties" },
            { new StringContent("submit"), "action" },
        };
        var file = new ByteArrayContent([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0]);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, $"file-{scenario.Questions[4]}", "report.pdf");

        var response = await ui.Client.PostAsync(Url($"/consultation/{scenario.CallId}"), form);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Your answers are saved as a draft, but the file was not attached and nothing was sent", html, StringComparison.Ordinal);
        Assert.Contains("Photoresist from one plant.", html, StringComparison.Ordinal);
        using var contributor = scenario.Client(scenario.Contributor);
        var call = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, call.GetProperty("mySubmission").GetProperty("reference").ValueKind);
        var draft = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/submissions/{call.GetProperty("mySubmission").GetProperty("id").GetGuid()}")));
        Assert.Equal(0, draft.GetProperty("attachments").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallAndSubmissionPages_OfficerWithoutCbiRight_ListsSubmissionAndNamesWithheldPart(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        var sent = await scenario.SubmitWithCbi(scenario.Contributor);
        using var officer = new UiSession(scenario.Factory);
        await officer.SignIn(scenario.OfficerDoc.Email, scenario.OfficerDoc.Password);

        var call = await officer.Get($"/consultation/{scenario.CallId}");
        var submission = await officer.Get($"/consultation/submissions/{sent.GetProperty("id").GetGuid()}");

        Assert.Contains($"/consultation/submissions/{sent.GetProperty("id").GetGuid()}", call.Html, StringComparison.Ordinal);
        Assert.Contains(sent.GetProperty("reference").GetString()!, call.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Close the call", call.Text, StringComparison.Ordinal);
        Assert.Contains("Withheld from you as confidential business information (CBI): Q2.", submission.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("62.5", submission.Html, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

/// <summary>Issue 7's path: a company answers with one CBI answer, and each kind of reader sees exactly what they may.</summary>
public sealed class SubmissionPathTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_OneCbiAnswer_ReceiptAndEachReaderSeesOnlyWhatTheyMay(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);

        // The contributor sends and gets a receipt with a reference number.
        var sent = await scenario.SubmitWithCbi(scenario.Contributor);
        var id = sent.GetProperty("id").GetGuid();
        var reference = sent.GetProperty("reference").GetString()!;
        Assert.Matches(new Regex(@"^EPCC-P4-\d{4}-0001$"), reference);
        using var contributor = scenario.Client(scenario.Contributor);
        var receipt = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt")));
        Assert.Equal(reference, receipt.GetProperty("reference").GetString());
        Assert.Equal(64, receipt.GetProperty("digest").GetString()!.Length);
        Assert.Contains(receipt.GetProperty("parts").EnumerateArray(), p => p.GetProperty("part").GetString() == "Q2" && p.GetProperty("cbi").GetBoolean());

        // A secretariat officer of the chosen party (USA) reads the CBI answer, tags it and links it to a commitment.
        using var secretariat = scenario.Client(scenario.SecretariatUs);
        var full = await Json(await secretariat.GetAsync(Url($"/api/v1/consultation/submissions/{id}")));
        var cbi = full.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("questionNumber").GetInt32() == 2);
        Assert.Equal(62.5m, cbi.GetProperty("number").GetDecimal());
        Assert.True(cbi.GetProperty("cbi").GetBoolean());
        Assert.Contains("CBI", cbi.GetProperty("marking").GetString(), StringComparison.Ordinal);
        var commitment = await scenario.Commitment();
        var triaged = await secretariat.PutAsJsonAsync($"/api/v1/consultation/submissions/{id}/triage", new
        {
            tags = new object[] { new { kind = "Topic", value = "photoresist" }, new { kind = "HsProduct", value = "370790" }, new { kind = "Country", value = "chn" } },
            links = new object[] { new { targetType = "Commitment", targetId = commitment } },
            reviewed = true,
            version = full.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, triaged.StatusCode);
        var afterTriage = await Json(triaged);
        Assert.Equal(3, afterTriage.GetProperty("tags").GetArrayLength());
        Assert.Contains(afterTriage.GetProperty("tags").EnumerateArray(), t => t.GetProperty("value").GetString() == "CHN");
        Assert.Equal(commitment, afterTriage.GetProperty("links")[0].GetProperty("targetId").GetGuid());
        Assert.True(afterTriage.GetProperty("reviewed").GetBoolean());

        // An officer of another agency sees the submission without the CBI part, and so does the secretariat of a party not chosen.
        foreach (var reader in new[] { scenario.OfficerDoc, scenario.SecretariatJp })
        {
            using var client = scenario.Client(reader);
            var response = await client.GetAsync(Url($"/api/v1/consultation/submissions/{id}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            var partial = await Json(response);
            Assert.Equal([1, 3], partial.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("questionNumber").GetInt32()));
            Assert.DoesNotContain("62.5", body, StringComparison.Ordinal);
        }

        // A second company's contributor sees nothing of it: the same 404 as a missing record, and an empty list.
        using var other = scenario.Client(scenario.OtherContributor);
        var hidden = await other.GetAsync(Url($"/api/v1/consultation/submissions/{id}"));
        var missing = await other.GetAsync(Url($"/api/v1/consultation/submissions/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await Json(missing)).GetProperty("detail").GetString(), (await Json(hidden)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt"))).StatusCode);
        var list = await Json(await other.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/submissions")));
        Assert.Equal(0, list.GetProperty("total").GetInt32());

        // The contributor's own list has it; the contributor cannot tag it.
        var own = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/submissions")));
        Assert.Equal(reference, own.GetProperty("items")[0].GetProperty("reference").GetString());
        var tagging = await contributor.PutAsJsonAsync($"/api/v1/consultation/submissions/{id}/triage", new
        {
            tags = new object[] { new { kind = "Topic", value = "self-tagged" } },
            links = Array.Empty<object>(),
            version = afterTriage.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.Forbidden, tagging.StatusCode);
        var unchanged = await Json(await secretariat.GetAsync(Url($"/api/v1/consultation/submissions/{id}")));
        Assert.Equal(3, unchanged.GetProperty("tags").GetArrayLength());
        Assert.Single(unchanged.GetProperty("links").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Amend_WhileOpen_NewRevisionSameReferenceEarlierReceiptKept(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        var first = await scenario.SubmitWithCbi(scenario.Contributor);
        var id = first.GetProperty("id").GetGuid();
        using var contributor = scenario.Client(scenario.Contributor);

        var amended = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[]
            {
                new { questionId = scenario.Questions[1], value = "Somewhat exposed" },
                new { questionId = scenario.Questions[3], value = "After qualifying a second supplier." },
            },
            submit = true,
            version = first.GetProperty("version").GetInt32(),
        });

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        var second = await Json(amended);
        Assert.Equal(first.GetProperty("reference").GetString(), second.GetProperty("reference").GetString());
        Assert.Equal(2, second.GetProperty("submittedRevision").GetInt32());
        var receipt1 = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt?revision=1")));
        var receipt2 = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt")));
        Assert.Equal(1, receipt1.GetProperty("revision").GetInt32());
        Assert.Equal(2, receipt2.GetProperty("revision").GetInt32());
        Assert.NotEqual(receipt1.GetProperty("digest").GetString(), receipt2.GetProperty("digest").GetString());
        using var secretariat = scenario.Client(scenario.SecretariatUs);
        var read = await Json(await secretariat.GetAsync(Url($"/api/v1/consultation/submissions/{id}")));
        Assert.Equal("Somewhat exposed", read.GetProperty("answers")[0].GetProperty("text").GetString());
        Assert.Equal(2, read.GetProperty("revisions").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Draft_NotSent_OnlyTheOrganisationSeesIt(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var contributor = scenario.Client(scenario.Contributor);
        var saved = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[] { new { questionId = scenario.Questions[2], value = "12" } },
            submit = false,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var draft = await Json(saved);
        Assert.Equal("Draft", draft.GetProperty("state").GetString());
        Assert.Equal(JsonNull, draft.GetProperty("reference").ValueKind);

        using var secretariat = scenario.Client(scenario.SecretariatUs);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync(Url($"/api/v1/consultation/submissions/{draft.GetProperty("id").GetGuid()}"))).StatusCode);
        var list = await Json(await secretariat.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/submissions")));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}

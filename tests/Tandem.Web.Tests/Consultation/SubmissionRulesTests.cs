using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Consultation;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

/// <summary>Closed calls and bad answers are refused naming the field, and nothing changes.</summary>
public sealed class SubmissionRulesTests
{
    private static readonly string[] NotAForumParty = ["FRA"];

    /// <summary>A refusal that names the field: 400 with the field, or 409 if conflicts with fields are answered as such.</summary>
    internal static readonly HttpStatusCode[] Refused = [HttpStatusCode.BadRequest, HttpStatusCode.Conflict];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_AfterSecretariatClosesCall_ConflictNamingCallAndNothingSaved(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var secretariat = scenario.Client(scenario.SecretariatUs);
        var call = await Json(await secretariat.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}")));
        var closed = await secretariat.PostAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/close", new { version = call.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        using var contributor = scenario.Client(scenario.Contributor);
        var response = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[] { new { questionId = scenario.Questions[3], value = "Too late" } },
            submit = true,
        });

        Assert.Contains(response.StatusCode, Refused);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("call", out _));
        Assert.Equal(0, await scenario.Factory.WithDb(db => db.Set<Submission>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Amend_AfterClosingTimePassed_ConflictAndSentRevisionUnchanged(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        var sent = await scenario.SubmitWithCbi(scenario.Contributor);
        await scenario.Factory.WithDb(async db =>
        {
            var call = await db.Set<CallForInput>().SingleAsync(c => c.Id == scenario.CallId);
            call.ClosesAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });

        using var contributor = scenario.Client(scenario.Contributor);
        var response = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[] { new { questionId = scenario.Questions[3], value = "Changed my mind" } },
            submit = true,
            version = sent.GetProperty("version").GetInt32(),
        });

        Assert.Contains(response.StatusCode, Refused);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("call", out _));
        var after = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/submissions/{sent.GetProperty("id").GetGuid()}")));
        Assert.Equal(1, after.GetProperty("submittedRevision").GetInt32());
        Assert.Contains(after.GetProperty("answers").EnumerateArray(), a => a.GetProperty("text").GetString() == "Photoresist and high-purity fluorine gases from one country.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_BadAnswers_BadRequestNamingEachFieldAndNothingSaved(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var contributor = scenario.Client(scenario.Contributor);

        var response = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[]
            {
                new { questionId = scenario.Questions[1], value = "Maybe" },
                new { questionId = scenario.Questions[2], value = "about half" },
                new { questionId = Guid.NewGuid(), value = "stray" },
            },
            cbiParties = NotAForumParty,
            submit = true,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Contains("Not exposed", errors.GetProperty("answers.Q1")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("number", errors.GetProperty("answers.Q2")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("answers.Q3", out _), "the required free-text answer is missing");
        Assert.True(errors.TryGetProperty("answers[2].questionId", out _));
        Assert.True(errors.TryGetProperty("cbiParties", out _));
        Assert.Equal(0, await scenario.Factory.WithDb(db => db.Set<Submission>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_OutOfRangeOrWrongJsonType_BadRequest(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var contributor = scenario.Client(scenario.Contributor);

        var outOfRange = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[] { new { questionId = scenario.Questions[2], value = 140 } },
        });
        var wrongType = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[] { new { questionId = scenario.Questions[2], value = new { amount = 1 } } },
        });
        var fileAsText = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[] { new { questionId = scenario.Questions[4], value = "see attached" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("at most 100", (await Json(outOfRange)).GetProperty("errors").GetProperty("answers.Q2")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True((await Json(wrongType)).GetProperty("errors").TryGetProperty("answers[0].value", out _));
        Assert.Equal(HttpStatusCode.BadRequest, fileAsText.StatusCode);
        Assert.True((await Json(fileAsText)).GetProperty("errors").TryGetProperty("answers.Q4", out _));
        Assert.Equal(0, await scenario.Factory.WithDb(db => db.Set<Submission>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Save_StaleVersion_ConflictAndFirstSaveKept(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        var sent = await scenario.SubmitWithCbi(scenario.Contributor);
        using var contributor = scenario.Client(scenario.Contributor);
        var body = new
        {
            answers = new object[] { new { questionId = scenario.Questions[3], value = "First edit" } },
            version = sent.GetProperty("version").GetInt32(),
        };

        var first = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", body);
        var second = await contributor.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", body with { });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GovernmentOfficer_SavesSubmission_Forbidden(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var officer = scenario.Client(scenario.OfficerDoc);

        var response = await officer.PutAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/submission", new
        {
            answers = new object[] { new { questionId = scenario.Questions[3], value = "Not a company" } },
            submit = true,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

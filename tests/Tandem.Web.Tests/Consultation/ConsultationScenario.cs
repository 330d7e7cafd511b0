using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Consultation;

/// <summary>
/// The EPCC demo with the people the consultation tests need: the demo company's contributor, a
/// second company's contributor, U.S. (State) and Japanese (MOFA) secretariat officers, and a
/// Commerce officer without the secretariat role. Each test builds its own.
/// </summary>
internal sealed class ConsultationScenario : IAsyncDisposable
{
    private static readonly string[] UsOnly = ["USA"];

    private ConsultationScenario(TandemFactory factory) => Factory = factory;

    public TandemFactory Factory { get; }

    public TestUser Contributor { get; private set; } = null!;

    public TestUser OtherContributor { get; private set; } = null!;

    public TestUser SecretariatUs { get; private set; } = null!;

    public TestUser SecretariatJp { get; private set; } = null!;

    public TestUser OfficerDoc { get; private set; } = null!;

    public Guid CallId { get; private set; }

    /// <summary>Question ids of the demo call, by number (Q1 choice, Q2 numeric 0–100, Q3 free text required, Q4 file).</summary>
    public Dictionary<int, Guid> Questions { get; } = [];

    public static async Task<ConsultationScenario> Create(string provider, IDictionary<string, string?>? settings = null)
    {
        var scenario = new ConsultationScenario(new TandemFactory(provider, demo: true, settings));
        var factory = scenario.Factory;
        scenario.SecretariatUs = await factory.CreateUser("sec.us@test.tandem", "DOS", Roles.Secretariat);
        scenario.SecretariatJp = await factory.CreateUser("sec.jp@test.tandem", "MOFA", Roles.Secretariat);
        scenario.OfficerDoc = await factory.CreateUser("officer.doc@test.tandem", "DOC", Roles.Member);
        scenario.Contributor = await factory.CreateUser("contributor@test.tandem", "DEMO-SEMI", Roles.Contributor);

        using var secretariat = factory.ClientFor(scenario.SecretariatUs);
        var registered = await secretariat.PostAsJsonAsync("/api/v1/consultation/organisations", new
        {
            code = "OTHER-CO", nameEn = "Other Chips Inc. (fictitious)", party = "USA", type = "Company", contactEmail = "x@other.example",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        scenario.OtherContributor = await factory.CreateUser("contributor@other.test", "OTHER-CO", Roles.Contributor);

        using var client = factory.ClientFor(scenario.Contributor);
        var calls = await Json(await client.GetAsync(new Uri("/api/v1/consultation/calls", UriKind.Relative)));
        scenario.CallId = calls.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("titleEn").GetString() == "Semiconductor supply-chain risks").GetProperty("id").GetGuid();
        var call = await Json(await client.GetAsync(new Uri($"/api/v1/consultation/calls/{scenario.CallId}", UriKind.Relative)));
        foreach (var question in call.GetProperty("questions").EnumerateArray())
        {
            scenario.Questions[question.GetProperty("number").GetInt32()] = question.GetProperty("id").GetGuid();
        }

        return scenario;
    }

    public HttpClient Client(TestUser user) => Factory.ClientFor(user);

    /// <summary>The id of an EPCC commitment of the demo ("C25": early warning for semiconductor supply-chain disruptions).</summary>
    public Task<Guid> Commitment(string code = "C25") =>
        Factory.WithDb(db => db.Set<Tandem.Core.Commitments.Commitment>().Where(c => c.Code == code && c.Forum!.Code == "EPCC").Select(c => c.Id).SingleAsync());

    /// <summary>The demo company sends Q1 "Highly exposed", Q2 62.5 marked CBI for the U.S. secretariat, and Q3 <paramref name="q3"/>.</summary>
    public async Task<JsonElement> SubmitWithCbi(TestUser contributor, string q3 = "Photoresist and high-purity fluorine gases from one country.", string[]? cbiParties = null)
    {
        using var client = Client(contributor);
        var response = await client.PutAsJsonAsync($"/api/v1/consultation/calls/{CallId}/submission", new
        {
            answers = new object[]
            {
                new { questionId = Questions[1], value = "Highly exposed" },
                new { questionId = Questions[2], value = 62.5m, cbi = true },
                new { questionId = Questions[3], value = q3 },
            },
            cbiParties = cbiParties ?? ["USA"],
            submit = true,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    /// <summary>Sends the draft that already holds an attachment, with the same answers as <see cref="SubmitWithCbi"/>.</summary>
    public async Task<JsonElement> SubmitWithCbiAfter(HttpClient client, int version)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PutAsJsonAsync($"/api/v1/consultation/calls/{CallId}/submission", new
        {
            answers = new object[]
            {
                new { questionId = Questions[1], value = "Highly exposed" },
                new { questionId = Questions[2], value = 62.5m, cbi = true },
                new { questionId = Questions[3], value = "See the supplier map." },
            },
            cbiParties = UsOnly,
            submit = true,
            version,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    public async Task<JsonElement> SubmitPlain(TestUser contributor, decimal q2)
    {
        using var client = Client(contributor);
        var response = await client.PutAsJsonAsync($"/api/v1/consultation/calls/{CallId}/submission", new
        {
            answers = new object[]
            {
                new { questionId = Questions[1], value = "Somewhat exposed" },
                new { questionId = Questions[2], value = q2 },
                new { questionId = Questions[3], value = "Lithography equipment lead times." },
            },
            submit = true,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || text.Length > 0, $"{(int)response.StatusCode} without a body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Uri Url(string path) => new(path, UriKind.Relative);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

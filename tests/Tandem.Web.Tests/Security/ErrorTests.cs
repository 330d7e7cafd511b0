using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 19: generic errors outside Development; no secrets in logs.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task UnexpectedFailure_OutsideDevelopment_AnswersProblemDetailsWithoutStackTrace()
    {
        await using var factory = new SecurityFactory(TestDatabase.Sqlite, environment: "Production");
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("admin@example.org", SecurityKit.UsaAgency, Roles.Admin);
        using var script = factory.ClientFor(admin);

        factory.FailAfterWrite.Arm();
        var response = await script.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), new { iso3 = "KOR", nameEn = "Korea", capitalTimeZone = "Asia/Seoul" });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
        Assert.DoesNotContain(FailAfterWriteInterceptor.Message, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tandem.", body, StringComparison.Ordinal);

        // The operator still finds the cause in the log, under the trace id the caller was given.
        var traceId = problem.RootElement.GetProperty("traceId").GetString()!;
        Assert.Contains(factory.Logs.Lines, l => l.Contains(FailAfterWriteInterceptor.Message, StringComparison.Ordinal) && l.Contains(traceId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordsAndTokens_NeverAppearInLogs()
    {
        await using var factory = new SecurityFactory(TestDatabase.Sqlite);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("judy@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);
        using var script = factory.ClientFor(user);
        using var badScript = factory.CreateClient();
        const string wrongPassword = "wrong horse battery staple 99";
        const string forgedToken = "tdm_forgedforgedforgedforgedforgedforged";
        badScript.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forgedToken);

        await SecurityKit.SignIn(browser, user.Email, wrongPassword);
        await SecurityKit.SignInOk(browser, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await badScript.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/tokens", UriKind.Relative)) { Content = JsonContent.Create(new { name = "for a script" }) };
        create.Headers.Add("X-CSRF-TOKEN", await SecurityKit.ApiAntiforgeryToken(browser));
        var created = await browser.SendAsync(create);
        var secret = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;

        var logs = factory.Logs.Lines.ToList();
        Assert.NotEmpty(logs);
        foreach (var secretText in new[] { user.Password, wrongPassword, user.Token, forgedToken, secret })
        {
            Assert.DoesNotContain(logs, l => l.Contains(secretText, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task CbiText_NeverAppearsInLogs_NotEvenWhenItsSubmissionIsRefused()
    {
        await using var factory = new SecurityFactory(TestDatabase.Sqlite, demo: true);
        var contributor = await factory.CreateUser("cbi.logs@test.tandem", "DEMO-SEMI", Roles.Contributor);
        var secretariat = await factory.CreateUser("sec.logs@test.tandem", "DOS", Roles.Secretariat);
        using var company = factory.ClientFor(contributor);
        using var officer = factory.ClientFor(secretariat);
        var calls = JsonDocument.Parse(await company.GetStringAsync(new Uri("/api/v1/consultation/calls", UriKind.Relative))).RootElement;
        var callId = calls.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("titleEn").GetString() == "Semiconductor supply-chain risks").GetProperty("id").GetGuid();
        var call = JsonDocument.Parse(await company.GetStringAsync(new Uri($"/api/v1/consultation/calls/{callId}", UriKind.Relative))).RootElement;
        var questions = call.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("number").GetInt32(), q => q.GetProperty("id").GetGuid());
        const string cbi = "Our sole wafer supplier is Fab 7 in Hsinchu, 41 % of cost";
        object Answers(string q2) => new
        {
            answers = new object[]
            {
                new { questionId = questions[1], value = "Highly exposed" },
                new { questionId = questions[2], value = q2 },
                new { questionId = questions[3], value = cbi, cbi = true },
            },
            cbiParties = new[] { "USA" },
            submit = true,
        };

        // Refused first (a number that is not one), then sent; then read, listed and exported by the secretariat.
        var refused = await company.PutAsJsonAsync(new Uri($"/api/v1/consultation/calls/{callId}/submission", UriKind.Relative), Answers("many"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var sent = await company.PutAsJsonAsync(new Uri($"/api/v1/consultation/calls/{callId}/submission", UriKind.Relative), Answers("40"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var id = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Contains(cbi, await officer.GetStringAsync(new Uri($"/api/v1/consultation/submissions/{id}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(cbi, await officer.GetStringAsync(new Uri($"/api/v1/consultation/calls/{callId}/export?format=csv", UriKind.Relative)), StringComparison.Ordinal);

        var logs = factory.Logs.Lines.ToList();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, l => l.Contains("Fab 7 in Hsinchu", StringComparison.Ordinal));
    }
}

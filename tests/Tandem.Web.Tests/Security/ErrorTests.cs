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
        var created = await script.PostAsJsonAsync(new Uri("/api/v1/tokens", UriKind.Relative), new { name = "for a script" });
        var secret = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;

        var logs = factory.Logs.Lines.ToList();
        Assert.NotEmpty(logs);
        foreach (var secretText in new[] { user.Password, wrongPassword, user.Token, forgedToken, secret })
        {
            Assert.DoesNotContain(logs, l => l.Contains(secretText, StringComparison.Ordinal));
        }
    }
}

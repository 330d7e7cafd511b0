using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 6: strong authentication.</summary>
public sealed class AuthenticationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateUser_PasswordRules_ShortAndCommonRejected_LongPassphrasesAccepted(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);

        async Task<IReadOnlyList<string>> Create(string email, string password)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Tandem.Core.Data.TandemDbContext>();
            scope.ServiceProvider.GetRequiredService<Tandem.Core.Audit.AuditContext>().Actor = Tandem.Core.Common.Actor.System("test");
            await AccountSetup.EnsureRoles(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
            var result = await CreateUser.Handle(db, scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>(),
                new UserInput(email, null, SecurityKit.UsaAgency, [Roles.Member], password), CancellationToken.None);
            return result.Succeeded ? [] : result.Error!.Fields.GetValueOrDefault("password") ?? [result.Error.Message];
        }

        Assert.Contains(await Create("short@example.org", "elevenchars"), m => m.Contains("12", StringComparison.Ordinal));
        Assert.NotEmpty(await Create("common@example.org", "password1234"));
        Assert.NotEmpty(await Create("common2@example.org", "qwerty123456"));
        Assert.Empty(await Create("dozen@example.org", "twelve chars"));
        Assert.Empty(await Create("long@example.org", new string('x', 40) + " a passphrase of eighty characters or so " + "yz"));
        Assert.Empty(await Create("sixtyfour@example.org", string.Concat(Enumerable.Repeat("river stone ", 8))));

        // Identity's hasher (PBKDF2, format marker 0x01): the password itself is never stored.
        var stored = await factory.WithDb(db => db.Users.Where(u => u.Email == "dozen@example.org").Select(u => u.PasswordHash).SingleAsync());
        Assert.NotNull(stored);
        Assert.DoesNotContain("twelve chars", stored, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(stored)[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("victim@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);

        for (var i = 0; i < 4; i++)
        {
            var wrong = await SecurityKit.SignIn(browser, user.Email, "not the password " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("E-mail or password is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var fifth = await SecurityKit.SignIn(browser, user.Email, "not the password 5");
        Assert.Contains("locked", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await SecurityKit.SignIn(browser, user.Email, user.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SecurityKit.SetCookie(right, "__Host-Tandem"));
        var lockoutEnd = await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync());
        // The first lockout is short (a person mistyping); SignInLockoutTests follow how it grows.
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddSeconds(30));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Member_WithoutSecondFactor_IsSentToEnrolmentAndRefusedByTheApi(string provider)
    {
        await using var factory = new TandemFactory(provider, settings: new Dictionary<string, string?> { ["Tandem:Security:RequireSecondFactor"] = "true" });
        await SecurityKit.SeedAgencies(factory);
        var member = await factory.CreateUser("member@example.org", SecurityKit.UsaAgency, Roles.Member);
        var auditor = await factory.CreateUser("auditor@example.org", SecurityKit.UsaAgency, Roles.Auditor);
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, member.Email, member.Password);

        var page = await browser.GetAsync(new Uri("/", UriKind.Relative));
        var api = await browser.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        using var script = factory.ClientFor(member);
        var tokenApi = await script.GetAsync(new Uri("/api/v1/parties", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/two-factor", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tokenApi.StatusCode);
        Assert.Contains("second factor", await tokenApi.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // Auditors read the audit trail, which names AMBER and RED records: they need a second factor too.
        using var auditorScript = factory.ClientFor(auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditorScript.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryRole_WithoutSecondFactor_IsSentToEnrolment(string provider)
    {
        await using var factory = new TandemFactory(provider, settings: new Dictionary<string, string?> { ["Tandem:Security:RequireSecondFactor"] = "true" });
        await SecurityKit.SeedAgencies(factory);

        foreach (var role in Roles.All)
        {
            var user = await factory.CreateUser(role.ToLowerInvariant() + "@example.org", SecurityKit.UsaAgency, role);
            using var browser = SecurityKit.Browser(factory);
            await SecurityKit.SignInOk(browser, user.Email, user.Password);

            var page = await browser.GetAsync(new Uri("/", UriKind.Relative));
            using var script = factory.ClientFor(user);
            var api = await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

            Assert.True(page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location?.OriginalString == "/account/two-factor",
                $"{role}: the home page answered {(int)page.StatusCode} {page.Headers.Location} instead of sending to enrolment");
            Assert.True(api.StatusCode == HttpStatusCode.Forbidden, $"{role}: the API answered {(int)api.StatusCode} without a second factor");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_DisabledUser_IsRefused(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("gone@example.org", SecurityKit.UsaAgency, Roles.Member);
        await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true)));
        using var browser = SecurityKit.Browser(factory);

        var response = await SecurityKit.SignIn(browser, user.Email, user.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SecurityKit.SetCookie(response, "__Host-Tandem"));
    }
}

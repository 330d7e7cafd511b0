using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// Sign-in failures tell a stranger nothing about which e-mails have accounts, and cannot be turned into a
/// long lockout of someone else: the lockout grows with each run of failures but is capped, and each client
/// address has a budget of failures (ReverseProxyTests show that budget behind a proxy).
/// </summary>
public sealed partial class SignInLockoutTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_UnknownEmailAndLockedAccount_AnswerExactlyLikeAWrongPassword(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("known@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);

        var wrongPassword = await Answer(await SecurityKit.SignIn(browser, user.Email, "not the password 1"));
        for (var i = 2; i <= 5; i++)
        {
            await SecurityKit.SignIn(browser, user.Email, "not the password " + i);
        }

        var lockedRightPassword = await Answer(await SecurityKit.SignIn(browser, user.Email, user.Password));
        var lockedWrongPassword = await Answer(await SecurityKit.SignIn(browser, user.Email, "not the password 6"));
        var unknown = await Answer(await SecurityKit.SignIn(browser, "stranger@example.org", "not the password 1"));

        Assert.Equal(HttpStatusCode.OK, wrongPassword.Status);
        Assert.NotEmpty(wrongPassword.Alert);
        Assert.Equal(wrongPassword, lockedRightPassword);
        Assert.Equal(wrongPassword, lockedWrongPassword);
        Assert.Equal(wrongPassword, unknown);
        Assert.NotNull(await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task SignIn_UnknownEmailOrLockedAccount_CostsThePasswordCheckAWrongPasswordCosts()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = new TandemFactory(TestDatabase.Sqlite);
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<TandemUser>>(hasher)));
        await SecurityKit.SeedAgencies(app);
        var user = await app.CreateUser("known@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        async Task<int> ChecksFor(string email, string password)
        {
            var before = hasher.Verifications;
            await SecurityKit.SignIn(browser, email, password);
            return hasher.Verifications - before;
        }

        var wrong = await ChecksFor(user.Email, "not the password 1");
        var unknown = await ChecksFor("stranger@example.org", "not the password 1");
        for (var i = 2; i <= 5; i++)
        {
            await ChecksFor(user.Email, "not the password " + i);
        }

        var locked = await ChecksFor(user.Email, user.Password);

        Assert.Equal(1, wrong);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, locked);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lockout_DoublesFromOneMinuteWithEachRun_NeverPastFifteen_AndResetsOnSuccess(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("victim@example.org", SecurityKit.UsaAgency, Roles.Member);

        Assert.InRange(await LockoutAfterFailures(factory, user, 5), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
        await EndLockout(factory, user);
        Assert.InRange(await LockoutAfterFailures(factory, user, 5), TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(121));

        // After many runs the lockout stops growing at fifteen minutes.
        await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 49).SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1))));
        Assert.InRange(await LockoutAfterFailures(factory, user, 1), TimeSpan.FromMinutes(14.8), TimeSpan.FromMinutes(15.01));

        // The owner signs in once the lockout is over; the next run of failures starts from one minute again.
        await EndLockout(factory, user);
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, user.Email, user.Password);
        Assert.InRange(await LockoutAfterFailures(factory, user, 5), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task SignIn_AddressOverItsFailureBudget_Gets429BeforeAnyPasswordIsChecked()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, settings: new Dictionary<string, string?> { ["Tandem:Security:SignInFailuresPerAddress"] = "3" });
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("owner@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SecurityKit.SignIn(browser, $"guess{i}@example.org", "a guessed password")).StatusCode);
        }

        var refused = await SecurityKit.SignIn(browser, user.Email, user.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Too many failed sign-ins from your network", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SecurityKit.SetCookie(refused, "__Host-Tandem"));
        // The refused attempt did not count against the account.
        Assert.Equal(0, await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    private static async Task<(HttpStatusCode Status, string Alert)> Answer(HttpResponseMessage response) =>
        (response.StatusCode, Alert().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);

    /// <summary>Fails the password check as the sign-in page does and returns how long the account is now locked.</summary>
    private static async Task<TimeSpan> LockoutAfterFailures(TandemFactory factory, TestUser user, int failures)
    {
        using var scope = factory.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<TandemUser>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
        for (var i = 0; i < failures; i++)
        {
            var account = await users.FindByIdAsync(user.Id.ToString());
            var result = await signIn.CheckPasswordSignInAsync(account!, "not the password", lockoutOnFailure: true);
            Assert.False(result.Succeeded);
        }

        var end = (await users.FindByIdAsync(user.Id.ToString()))!.LockoutEnd;
        Assert.NotNull(end);
        return end.Value - DateTimeOffset.UtcNow;
    }

    private static async Task EndLockout(TandemFactory factory, TestUser user) =>
        await factory.WithDb(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1))));

    [GeneratedRegex("role=\"alert\"[^>]*>([^<]*)")]
    private static partial Regex Alert();

    private sealed class CountingPasswordHasher : IPasswordHasher<TandemUser>
    {
        private readonly PasswordHasher<TandemUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(TandemUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(TandemUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

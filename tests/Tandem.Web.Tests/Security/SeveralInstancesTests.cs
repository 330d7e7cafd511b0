using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Notifications;
using Tandem.Web.Api;
using Tandem.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// Two web instances on one database, as behind a load balancer: a session and its antiforgery token made on one are
/// good on the other, a token revoked on one is refused on the other within a second, both append to one gap-free
/// audit chain at the same time, and only one of them runs the background jobs.
/// </summary>
public sealed class SeveralInstancesTests(ITestOutputHelper output)
{
    private sealed class TwoInstances : IAsyncDisposable
    {
        private readonly TestDatabase _database;

        public TwoInstances(string provider)
        {
            _database = TestDatabase.Create(provider);
            var shared = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Tandem"] = _database.ConnectionString,
                ["Tandem:Audit:KeyPath"] = Path.Combine(_database.Folder, "audit-key.pem"),

                // A token cache far longer than the test: only the signal between instances can make B forget in time.
                // SQLite has no such signal (one machine, one web process): there the cache is switched off, as the README says.
                ["Tandem:Security:TokenCacheSeconds"] = provider == TestDatabase.PostgreSQL ? "300" : "0",
            };
            A = new TandemFactory(provider, settings: shared);
            B = new TandemFactory(provider, settings: shared);
        }

        public TandemFactory A { get; }

        public TandemFactory B { get; }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            _database.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignInOnOne_FormsAndApiCallsWithItsCookieAndAntiforgery_WorkOnTheOther(string provider)
    {
        await using var instances = new TwoInstances(provider);
        await SecurityKit.SeedAgencies(instances.A);
        var user = await instances.A.CreateUser("ana@instances.test", SecurityKit.JpnAgency, Roles.Member);
        _ = instances.B.Services;

        using var onA = SecurityKit.Browser(instances.A);
        using var signIn = await SecurityKit.SignIn(onA, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = SecurityKit.CookieValue(SecurityKit.SetCookie(signIn, "__Host-Tandem")!);
        using var plainOnA = instances.A.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        using var askToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/antiforgery");
        askToken.Headers.Add("Cookie", "__Host-Tandem=" + session);
        using var tokenAnswer = await plainOnA.SendAsync(askToken);
        var antiforgeryCookie = SecurityKit.CookieValue(SecurityKit.SetCookie(tokenAnswer, "__Host-Tandem-XSRF")!);
        var requestToken = (await tokenAnswer.Content.ReadFromJsonAsync<AntiforgeryAnswer>())!.Token;
        var cookies = $"__Host-Tandem={session}; __Host-Tandem-XSRF={antiforgeryCookie}";

        // On B: a cookie-authenticated API write with the antiforgery header made on A.
        using var onB = instances.B.CreateClient();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new TokenRequest("made on B", null)) };
        create.Headers.Add("Cookie", cookies);
        create.Headers.Add("X-CSRF-TOKEN", requestToken);
        using var created = await onB.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // On B: a form post (sign out) carrying A's token in the form, as a browser sends it.
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/account/sign-out")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = requestToken }),
        };
        signOut.Headers.Add("Cookie", cookies);
        using var signedOut = await onB.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/sign-in", signedOut.Headers.Location!.OriginalString);

        // Signed out on B means signed out on A too (the session's stamp changed in the shared database).
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionTests.Me(instances.A, session));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TokenRevokedOnOne_IsRefusedOnTheOtherWithinASecond(string provider)
    {
        await using var instances = new TwoInstances(provider);
        await SecurityKit.SeedAgencies(instances.A);
        var user = await instances.A.CreateUser("script@instances.test", SecurityKit.JpnAgency, Roles.Member);
        using var scriptOnA = instances.A.ClientFor(user);
        using var scriptOnB = instances.B.ClientFor(user);

        // B has authenticated (and, on PostgreSQL, remembered) the token.
        Assert.Equal(HttpStatusCode.OK, (await scriptOnB.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scriptOnB.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);

        var tokens = (await scriptOnA.GetFromJsonAsync<Tandem.Core.Common.PagedList<TokenDto>>(new Uri("/api/v1/tokens", UriKind.Relative)))?.Items;
        using var revoked = await scriptOnA.DeleteAsync(new Uri($"/api/v1/tokens/{Assert.Single(tokens!).Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var clock = Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (clock.Elapsed < TimeSpan.FromSeconds(1) && status == HttpStatusCode.OK)
        {
            status = (await scriptOnB.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode;
            if (status == HttpStatusCode.OK)
            {
                await Task.Delay(25);
            }
        }

        Assert.True(status == HttpStatusCode.Unauthorized, $"B still accepted the revoked token {clock.ElapsedMilliseconds} ms after A revoked it");
        output.WriteLine($"{provider}: B refused the token {clock.ElapsedMilliseconds} ms after A's revocation answered");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BothAppendAtOnce_TheAuditChainHasNoGapAndVerifies(string provider)
    {
        await using var instances = new TwoInstances(provider);
        await SecurityKit.SeedAgencies(instances.A);
        var user = await instances.A.CreateUser("writer@instances.test", SecurityKit.JpnAgency, Roles.Admin, Roles.Member);
        using var onA = instances.A.ClientFor(user);
        using var onB = instances.B.ClientFor(user);
        var before = await instances.A.WithDb(db => db.AuditEntries.CountAsync());

        // Writes (each audited in its own transaction) and list reads (audited through each instance's batch writer), interleaved on both.
        const int perInstance = 30;
        var calls = Enumerable.Range(0, perInstance).SelectMany(i => new[] { (Client: onA, Name: "A", I: i), (Client: onB, Name: "B", I: i) })
            .Select(async c =>
            {
                using var response = c.I % 2 == 0
                    ? await c.Client.PostAsJsonAsync(new Uri("/api/v1/agencies", UriKind.Relative),
                        new { code = $"X{c.Name}{c.I}", party = "JPN", kind = "Ministry", nameEn = $"Agency {c.Name}{c.I}" })
                    : await c.Client.GetAsync(new Uri("/api/v1/documents", UriKind.Relative));
                return response.StatusCode;
            });
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(calls);
        output.WriteLine($"{provider}: {2 * perInstance} audited calls on two instances in {clock.ElapsedMilliseconds} ms");
        Assert.All(answers, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {s}"));

        var (sequences, verification) = await instances.B.WithDb(async db =>
            (await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(),
             await VerifyAuditChain.Handle(db, instances.B.Services.GetRequiredService<AuditSigner>(), CancellationToken.None)));
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.True(sequences.Count >= before + (2 * perInstance), $"{sequences.Count - before} entries for {2 * perInstance} audited calls");
        var agencies = await instances.A.WithDb(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Create && e.ObjectType == "Agency" && e.ActorName == user.Email));
        Assert.Equal(perInstance, agencies);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BackgroundJobLease_ClaimedByBothAtOnce_IsHeldByExactlyOne(string provider)
    {
        await using var instances = new TwoInstances(provider);
        var now = DateTime.UtcNow;
        for (var round = 0; round < 5; round++)
        {
            var claims = await Task.WhenAll(
                instances.A.WithDb(db => NotificationJobs.ClaimLease(db, $"A-{round}", now.AddMinutes(10 * round), CancellationToken.None)),
                instances.B.WithDb(db => NotificationJobs.ClaimLease(db, $"B-{round}", now.AddMinutes(10 * round), CancellationToken.None)));
            Assert.Single(claims, claimed => claimed);
        }
    }

    [Fact]
    public async Task StartedTogetherOnAnEmptyDatabase_BothStartAndShareOneDataProtectionKey()
    {
        if (string.IsNullOrEmpty(TestDatabase.PostgresAdmin))
        {
            return; // Several instances are a PostgreSQL deployment; the SQLite run has nothing to share.
        }

        await using var instances = new TwoInstances(TestDatabase.PostgreSQL);
        await Task.WhenAll(Task.Run(() => instances.A.Services), Task.Run(() => instances.B.Services));

        var keys = await instances.A.WithDb(db => db.DataProtectionKeys.CountAsync());
        Assert.Equal(1, keys);
    }

    private sealed record AntiforgeryAnswer(string HeaderName, string Token);
}

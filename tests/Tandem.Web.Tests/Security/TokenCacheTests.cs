using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tandem.Core.Accounts;
using Tandem.Core.Forums;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// A script's API calls are authenticated from a short-lived cache of its token, yet a revoked token or a disabled
/// account stops working at once on the instance that revoked it and within seconds on every other.
/// </summary>
public sealed class TokenCacheTests
{
    private static async Task<(TandemFactory Factory, TestUser User)> World(string provider, string cacheSeconds = "5")
    {
        var factory = new TandemFactory(provider, settings: new Dictionary<string, string?> { ["Tandem:Security:TokenCacheSeconds"] = cacheSeconds });
        await factory.WithDb(async db =>
        {
            db.Parties.Add(new Party { Iso3 = "USA", NameEn = "United States" });
            db.Agencies.Add(new Agency { Code = "DOC", Party = "USA", Kind = AgencyKind.Ministry, NameEn = "Commerce" });
            await db.SaveChangesAsync();
        });
        return (factory, await factory.CreateUser("script@token.test", "DOC", Roles.Member));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bearer_RepeatedCalls_AreAuthenticatedWithoutQueryingTheDatabase(string provider)
    {
        var (factory, user) = await World(provider);
        await using var _ = factory;
        using var client = factory.ClientFor(user);
        using (var first = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var counter = new CommandCounter(factory.Database.ConnectionString);
        using var again = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(user.Email, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, counter.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bearer_BurstOfFirstCalls_LooksTheTokenUpOnce(string provider)
    {
        var (factory, user) = await World(provider);
        await using var _ = factory;
        using var client = factory.ClientFor(user);
        using var counter = new CommandCounter(factory.Database.ConnectionString, "PersonalAccessTokens");

        // A script's burst arrives before its token is remembered: every call waits for the one lookup under way.
        var calls = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync(new Uri("/api/v1/me", UriKind.Relative))));

        Assert.All(calls, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        foreach (var call in calls)
        {
            call.Dispose();
        }

        // One lookup: the token with its user, the last-used stamp, the expiry.
        Assert.InRange(counter.Count, 1, 3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revoke_TokenJustUsed_ItsNextCallIsRefused(string provider)
    {
        var (factory, user) = await World(provider, cacheSeconds: "300");
        await using var _ = factory;
        using var client = factory.ClientFor(user);
        var tokens = (await client.GetFromJsonAsync<Tandem.Core.Common.PagedList<TokenDto>>(new Uri("/api/v1/tokens", UriKind.Relative)))?.Items;

        using var revoke = await client.DeleteAsync(new Uri($"/api/v1/tokens/{Assert.Single(tokens!).Id}", UriKind.Relative));
        using var after = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revoke_OnAnotherInstance_RefusedHereOnceTheCacheLifetimeHasPassed(string provider)
    {
        var (factory, user) = await World(provider, cacheSeconds: "1");
        await using var _ = factory;
        using var client = factory.ClientFor(user);
        using (var warm = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        // Another instance revokes: only the shared database changes, this instance's cache is not told.
        await factory.WithDb(db => db.PersonalAccessTokens.Where(t => t.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTime.UtcNow)));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var after = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    /// <summary>Counts the SQL commands EF Core runs against one database while it is alive.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _connectionString;
        private readonly string? _naming;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        /// <param name="naming">Counts only the commands whose SQL names this table; null counts all.</param>
        public CommandCounter(string connectionString, string? naming = null)
        {
            _connectionString = connectionString;
            _naming = naming;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
                && data.Context?.Database.GetConnectionString() == _connectionString
                && (_naming is null || data.Command.CommandText.Contains(_naming, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                foreach (var subscription in _subscriptions)
                {
                    subscription.Dispose();
                }
            }
        }
    }
}

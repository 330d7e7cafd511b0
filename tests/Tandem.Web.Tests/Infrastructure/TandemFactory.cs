using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// The real Tandem web app on a real, freshly migrated database (a copy of the run's migrated
/// template, see <see cref="TestDatabase"/>). Each test class (or test) makes its own factory and
/// its own data; nothing is shared between tests. With the demo on, the copy already holds the loaded
/// demo scenario (<see cref="TestDatabase.CreateWithDemo"/>), unless the test chooses its own database or audit
/// settings, or asks for the demo to be loaded by its own start.
/// </summary>
public class TandemFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// Settings that decide what the demo's first load writes (its database, its signed audit chain): a test that sets
    /// one gets an empty database and loads the demo at its own start, as the app would.
    /// </summary>
    private static readonly string[] DemoStateKeys = ["ConnectionStrings:Tandem", "Tandem:Database:", "Tandem:Audit:"];

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    /// <param name="provider">SQLite or PostgreSQL (<see cref="TestDatabase"/>).</param>
    /// <param name="demo">Start with the demo scenario.</param>
    /// <param name="settings">Settings over the test defaults.</param>
    /// <param name="demoLoadedAtStart">
    /// Load the demo in this host's own start instead of copying a database that already holds it; for tests of the
    /// start itself (what it prints or logs while loading).
    /// </param>
    public TandemFactory(string provider, bool demo = false, IDictionary<string, string?>? settings = null, bool demoLoadedAtStart = false)
        : this(demo && !demoLoadedAtStart && !SetsDemoState(settings) ? TestDatabase.CreateWithDemo(provider) : TestDatabase.Create(provider), demo, settings, ownsDatabase: true)
    {
    }

    internal TandemFactory(TestDatabase database, bool demo, IDictionary<string, string?>? settings, bool ownsDatabase)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        _ownsDatabase = ownsDatabase;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tandem"] = Database.ConnectionString,
            ["Tandem:Database:Provider"] = database.Provider,
            ["Tandem:Demo"] = demo ? "true" : "false",
            ["Tandem:Audit:KeyPath"] = Path.Combine(Database.Folder, "audit-key.pem"),
            ["Tandem:Audit:CheckpointInterval"] = "10",
            ["Tandem:Security:RequireSecondFactor"] = "false",
            ["Tandem:Documents:Folder"] = Path.Combine(Database.Folder, "documents"),
            ["Tandem:Trade:Store"] = Path.Combine(Database.Folder, "trade.duckdb"),

            // Tests that need the notification job run it themselves (or switch it on), so its timing never varies.
            ["Tandem:Notifications:Background"] = "false",
        };
        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                _settings[key] = value;
            }
        }

        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    /// <summary>
    /// PBKDF2 rounds for passwords hashed by test hosts. The app keeps Identity's default (100,000);
    /// tests hash dozens of passwords per host (demo accounts, sign-ins), and the strength of the hash
    /// is not what they check, while its format (and so every code path) stays the same.
    /// </summary>
    public const int TestPasswordIterations = 1_000;

    public TestDatabase Database { get; }

    public string Provider => Database.Provider;

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations));
    }

    /// <summary>The address of the Kestrel server after <c>UseKestrel(0)</c> and <c>StartServer()</c>.</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

    public async Task<T> WithDb<T>(Func<TandemDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Actor = Actor.System("test");
        return await work(scope.ServiceProvider.GetRequiredService<TandemDbContext>());
    }

    public Task WithDb(Func<TandemDbContext, Task> work) => WithDb(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>
    /// Creates a user in an agency with roles, returning it with a personal access token for the API. The token has
    /// every scope, so a test's calls act with all of the user's roles (administration included).
    /// </summary>
    public async Task<TestUser> CreateUser(string email, string agencyCode, params string[] roles)
    {
        const string password = "correct horse battery staple 42";
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Actor = Actor.System("test");
        var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
        await AccountSetup.EnsureRoles(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var created = await CreateUser_(db, users, email, agencyCode, roles, password);
        var token = await PersonalAccessTokens.Create(db, created.Id, "tests", null, TokenScopes.Admin, DateTime.UtcNow, CancellationToken.None);
        return new TestUser(created.Id, email, password, agencyCode, token.Value.Secret);
    }

    private static async Task<UserDto> CreateUser_(TandemDbContext db, UserManager<TandemUser> users, string email, string agencyCode, string[] roles, string password)
    {
        var result = await Core.Accounts.CreateUser.Handle(db, users, new UserInput(email, email, agencyCode, roles, password), CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Test user {email}: {result.Error!.Message} {string.Join(" ", result.Error.Fields.SelectMany(f => f.Value))}");
        }

        return result.Value;
    }

    private static bool SetsDemoState(IDictionary<string, string?>? settings) =>
        settings is not null && settings.Keys.Any(key => DemoStateKeys.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    public HttpClient ClientFor(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            Database.Dispose();
        }
    }
}

public sealed record TestUser(Guid Id, string Email, string Password, string AgencyCode, string Token);

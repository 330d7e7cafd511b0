using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Demo;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// Runs before the server listens: migrate, ensure roles, refuse an unsafe Production start, load the demo on
/// first start and print its accounts.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ILogger<StartupTasks> logger) : IHostedService
{
    /// <summary>"Tandem" and 1: a number no other advisory lock of this database uses.</summary>
    private const long StartupLock = 0x54616E64656D01;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Instances started together on one PostgreSQL database run these steps one at a time: otherwise both would
        // migrate, both insert the same roles, both make a first data-protection key (and refuse each other's cookies).
        await using var startupLock = await TakeStartupLock(cancellationToken);
        await RunAsync(cancellationToken);
    }

    private async Task<Npgsql.NpgsqlConnection?> TakeStartupLock(CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<DatabaseSettings>();
        if (database.Provider != DatabaseProvider.PostgreSQL)
        {
            return null;
        }

        // The lock lives as long as this session: closing the connection (disposal, or a crash) releases it.
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (Npgsql.NpgsqlException e)
        {
            await connection.DisposeAsync();
            throw new ConfigurationException($"{DatabaseSettings.ConnectionStringKey}: the database cannot be reached or migrated ({e.Message.Split('\n')[0]}).");
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Actor = Actor.System("startup");
        try
        {
            if (await NeedsMigration(db, cancellationToken))
            {
                await SchemaMigrator.MigrateAsync(db.Database, cancellationToken);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            throw new ConfigurationException($"{DatabaseSettings.ConnectionStringKey}: the database cannot be reached or migrated ({e.Message.Split('\n')[0]}).");
        }

        await AccountSetup.EnsureRoles(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        EnsureSharedDataProtectionKey();

        // After the migration, so that a database that cannot be reached is reported first.
        if (environment.IsProduction())
        {
            ProductionChecks.CheckSettings(configuration, services.GetRequiredService<ProxySettings>(),
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value);
            await ProductionChecks.CheckNoDemoAccounts(db, cancellationToken);
        }

        if (!configuration.GetValue(ProductionChecks.DemoKey, false))
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await DemoScenario.IsLoaded(db, cancellationToken))
        {
            var report = await DemoScenario.Load(db, users, roles, cancellationToken);
            if (!report.Forum.Succeeded)
            {
                logger.LogError("The demo scenario did not load: {Problems}", string.Join("; ", report.Forum.Problems));
                return;
            }

            logger.LogInformation("Loaded the demo scenario ({Forums}): {Agencies} agencies, {Tracks} tracks, {Accounts} accounts",
                report.Forum.ForumCode, report.Forum.AgenciesAdded, report.Forum.TracksAdded, report.AccountsAdded);
        }

        PrintDemoAccounts();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Instances started together on an empty key ring would each make a first data-protection key of their own and,
    /// for a day (until they reread the ring), refuse each other's cookies. On PostgreSQL the first key is made here,
    /// under the startup lock, so the second instance to start finds the first one's key. SQLite serves one web
    /// process: the data-protection service makes its key as usual.
    /// </summary>
    private void EnsureSharedDataProtectionKey()
    {
        if (services.GetRequiredService<DatabaseSettings>().Provider != DatabaseProvider.PostgreSQL)
        {
            return;
        }

        var keys = services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
        {
            keys.CreateNewKey(now, now.AddDays(90));
        }
    }

    /// <summary>
    /// Most starts find the schema current. Asking for pending migrations reads the history table only,
    /// whereas Migrate also rebuilds the migrations' model snapshot and compares it with the app's model on
    /// every start; that comparison belongs to the tests (a model change without a migration fails them).
    /// </summary>
    private static async Task<bool> NeedsMigration(TandemDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // A database that does not exist yet is created by Migrate; one that cannot be reached
            // fails there with the same message as always.
            return true;
        }
    }

    /// <summary>
    /// The accounts go to the console for the person who just ran the demo, never through the logging pipeline,
    /// and without the password: it is in the README, and a password has no place in captured output.
    /// </summary>
    private static void PrintDemoAccounts()
    {
        Console.WriteLine();
        Console.WriteLine("Tandem demo accounts (all share the demo password given in README.md)");
        foreach (var account in DemoScenario.Accounts)
        {
            Console.WriteLine($"  {account.Email,-32} {account.Role,-12} {account.Description}");
        }

        Console.WriteLine();
    }
}

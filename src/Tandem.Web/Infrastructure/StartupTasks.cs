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
    public async Task StartAsync(CancellationToken cancellationToken)
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

            logger.LogInformation("Loaded the EPCC demo scenario: {Agencies} agencies, {Tracks} tracks, {Accounts} accounts",
                report.Forum.AgenciesAdded, report.Forum.TracksAdded, report.AccountsAdded);
        }

        PrintDemoAccounts();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

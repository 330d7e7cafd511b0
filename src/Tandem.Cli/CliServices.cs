using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Cli;

/// <summary>
/// The services a command needs, configured like the web app: environment variables with the
/// standard ASP.NET names (<c>ConnectionStrings__Tandem</c>, <c>Tandem__Database__Provider</c>, …),
/// and the same defaults (<c>./data/tandem.db</c> in the working directory), so both share one database.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Create(IConfiguration? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddConfiguration(overrides ?? new ConfigurationBuilder().Build())
            .Build();
        var database = DatabaseSettings.Parse(configuration[DatabaseSettings.ProviderKey], configuration.GetConnectionString("Tandem"));

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.Warning));
        services.Configure<AuditOptions>(configuration.GetSection("Tandem:Audit"));
        services.AddSingleton(sp => AuditSigner.LoadOrCreate(sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddSingleton<AuditWitness>();
        services.AddScoped(_ => new AuditContext { Actor = Actor.System("cli:" + Environment.UserName), ActorAgencyCode = "", RequestId = "cli-" + Guid.NewGuid().ToString("N")[..12] });
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<TandemDbContext>(options => database.Apply(options));
        services.AddIdentityCore<TandemUser>(AccountSetup.Configure)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<TandemDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}

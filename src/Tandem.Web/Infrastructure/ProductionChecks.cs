using Microsoft.EntityFrameworkCore;
using Tandem.Core.Data;
using Tandem.Core.Demo;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// What a Production start refuses, each with one line naming the setting to change. Each would otherwise
/// start a server that looks fine but is open or broken: any Host header accepted, sign-in forms failing
/// over plain HTTP, or demo accounts whose password is printed in the README.
/// </summary>
public static class ProductionChecks
{
    public const string DemoKey = "Tandem:Demo";
    public const string UrlsKey = "Urls";

    /// <summary>Settings alone; run before anything is served.</summary>
    public static void CheckSettings(IConfiguration configuration, ProxySettings proxy, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(security);
        if (proxy.AllowsAnyHost)
        {
            throw new ConfigurationException($"{ProxySettings.AllowedHostsKey}: list the host names people reach Tandem by, separated by ';' (e.g. tandem.example.org); any host ('*' or none) is refused in Production.");
        }

        if (security.AllowInsecureHttp)
        {
            throw new ConfigurationException("Tandem:Security:AllowInsecureHttp: plain-HTTP sessions are for the local demo only; in Production serve HTTPS, directly or behind a reverse proxy listed in Tandem:Proxy:KnownProxies.");
        }

        if (!proxy.HasProxy && !ListensOnHttps(configuration))
        {
            throw new ConfigurationException($"{UrlsKey}: Production serves sessions over HTTPS only; listen on an https:// address, or behind a reverse proxy that terminates TLS and is listed in {ProxySettings.KnownProxiesKey} (or {ProxySettings.KnownNetworksKey}).");
        }

        if (configuration.GetValue(DemoKey, false))
        {
            throw new ConfigurationException($"{DemoKey}: the demo scenario is for Development only (its accounts share a published password); set it to false in Production.");
        }
    }

    /// <summary>The database: a database once loaded with the demo still has its accounts, and their password is public.</summary>
    public static async Task CheckNoDemoAccounts(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var demoEmails = DemoScenario.Accounts.Select(a => a.Email.ToUpperInvariant()).ToList();
        var present = await db.Users.Where(u => u.NormalizedEmail != null && demoEmails.Contains(u.NormalizedEmail) && !u.Disabled)
            .OrderBy(u => u.Email).Select(u => u.Email).ToListAsync(ct);
        if (present.Count > 0)
        {
            throw new ConfigurationException($"{DemoKey}: the database holds the demo accounts ({string.Join(", ", present)}), whose password is published; Production refuses to start on it. Use a database without the demo scenario.");
        }
    }

    /// <summary>Whether Kestrel is told to listen on HTTPS: <c>Urls</c>, <c>HTTPS_PORTS</c> or a <c>Kestrel:Endpoints</c> entry.</summary>
    private static bool ListensOnHttps(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? ""));
        return urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) || !string.IsNullOrWhiteSpace(configuration["https_ports"]);
    }
}

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// The reverse proxies Tandem trusts (<c>Tandem:Proxy:KnownProxies</c>, <c>Tandem:Proxy:KnownNetworks</c>) and the
/// host names it answers to (<c>AllowedHosts</c>). Only a listed proxy may tell the app the client's address, the
/// scheme (HTTPS) and the host: anyone else could otherwise claim another address to escape the sign-in limits,
/// or claim HTTPS over plain HTTP.
/// </summary>
public sealed class ProxySettings
{
    public const string KnownProxiesKey = "Tandem:Proxy:KnownProxies";
    public const string KnownNetworksKey = "Tandem:Proxy:KnownNetworks";
    public const string AllowedHostsKey = "AllowedHosts";

    private ProxySettings(IReadOnlyList<IPAddress> proxies, IReadOnlyList<System.Net.IPNetwork> networks, IReadOnlyList<string> allowedHosts)
    {
        KnownProxies = proxies;
        KnownNetworks = networks;
        AllowedHosts = allowedHosts;
    }

    public IReadOnlyList<IPAddress> KnownProxies { get; }

    public IReadOnlyList<System.Net.IPNetwork> KnownNetworks { get; }

    /// <summary>The configured host names; empty or <c>*</c> means any host.</summary>
    public IReadOnlyList<string> AllowedHosts { get; }

    public bool HasProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public bool AllowsAnyHost => AllowedHosts.Count == 0 || AllowedHosts.Contains("*", StringComparer.Ordinal);

    /// <summary>Reads the settings; a malformed address stops the app with one line naming the setting.</summary>
    public static ProxySettings Parse(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var proxies = new List<IPAddress>();
        foreach (var value in List(configuration, KnownProxiesKey))
        {
            proxies.Add(IPAddress.TryParse(value, out var address)
                ? address
                : throw new ConfigurationException($"{KnownProxiesKey}: '{value}' is not an IP address (list the reverse proxies' addresses, separated by ';')."));
        }

        var networks = new List<System.Net.IPNetwork>();
        foreach (var value in List(configuration, KnownNetworksKey))
        {
            networks.Add(System.Net.IPNetwork.TryParse(value, out var network)
                ? network
                : throw new ConfigurationException($"{KnownNetworksKey}: '{value}' is not a network in CIDR notation (e.g. 10.0.0.0/24)."));
        }

        // Read exactly as the host filtering of ASP.NET Core reads it: one value, hosts separated by ';'.
        var hosts = (configuration[AllowedHostsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ProxySettings(proxies, networks, hosts);
    }

    /// <summary>Forwarded headers honoured only from the listed proxies; a forwarded host must be one of the allowed hosts.</summary>
    public ForwardedHeadersOptions ForwardedHeadersOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // A chain of listed proxies is walked back to the first address that is not one of them: that is the client.
            ForwardLimit = null,
        };

        // The defaults trust loopback; Tandem trusts exactly what is configured.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(network);
        }

        if (!AllowsAnyHost)
        {
            foreach (var host in AllowedHosts)
            {
                options.AllowedHosts.Add(host);
            }
        }

        return options;
    }

    /// <summary>A list setting written either as one value separated by ';' or ',' or as an array (<c>Key:0</c>, <c>Key:1</c>).</summary>
    private static List<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (values.Count == 0 && section.Value is { } single)
        {
            values.Add(single);
        }

        return values.SelectMany(v => v.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
    }
}

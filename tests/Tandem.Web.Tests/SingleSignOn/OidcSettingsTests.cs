using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Data;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Tests.SingleSignOn;

/// <summary>A directory set up wrongly stops the start with one line naming the setting, before anyone can sign in through it.</summary>
public sealed class OidcSettingsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Tandem:Oidc:Providers:0:Name"] = "meti",
        ["Tandem:Oidc:Providers:0:Authority"] = "https://login.meti.example/",
        ["Tandem:Oidc:Providers:0:ClientId"] = "tandem",
        ["Tandem:Oidc:Providers:0:Party"] = "JPN",
        ["Tandem:Oidc:Providers:0:AgencyMap:0:Value"] = "meti-staff",
        ["Tandem:Oidc:Providers:0:AgencyMap:0:Agency"] = "METI",
        ["Tandem:Oidc:Providers:0:RoleMap:0:Value"] = "staff",
        ["Tandem:Oidc:Providers:0:RoleMap:0:Role"] = "Member",
    };

    private static OidcProviders Parse(Dictionary<string, string?> settings) =>
        OidcProviders.Parse(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void ValidProvider_IsRead_WithItsMappings()
    {
        var provider = Assert.Single(Parse(Valid()).All);

        Assert.Equal("oidc-meti", provider.Scheme);
        Assert.Equal("/signin-oidc/meti", provider.CallbackPath);
        Assert.False(provider.AllowAccountCreation);
        Assert.Equal(["METI"], provider.AgenciesFor(["meti-staff", "unmapped"]));
        Assert.Empty(provider.AgenciesFor(["METI"]));
        Assert.Equal(["Member"], provider.RolesFor(["staff"]));
    }

    [Theory]
    [InlineData("Tandem:Oidc:Providers:0:Name", "meti/../x", "Name")]
    [InlineData("Tandem:Oidc:Providers:0:Authority", "not an address", "Authority")]
    [InlineData("Tandem:Oidc:Providers:0:Party", "", "Party")]
    [InlineData("Tandem:Oidc:Providers:0:RoleMap:0:Role", "Superuser", "RoleMap")]
    [InlineData("Tandem:Oidc:Providers:0:AgencyMap:0:Agency", "", "AgencyMap")]
    public void WrongSetting_IsRefusedNamingIt(string key, string value, string named)
    {
        var settings = Valid();
        settings[key] = value;

        var refusal = Assert.Throws<ConfigurationException>(() => Parse(settings));
        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainHttpAuthority_OutsideALocalDemo_IsRefused()
    {
        var settings = Valid();
        settings["Tandem:Oidc:Providers:0:Authority"] = "http://login.meti.example/";
        var providers = Parse(settings);

        var refusal = Assert.Throws<ConfigurationException>(() =>
            providers.AddSchemes(new ServiceCollection().AddAuthentication(), new SecurityOptions { AllowInsecureHttp = false }));
        Assert.Contains("https", refusal.Message, StringComparison.Ordinal);
    }
}

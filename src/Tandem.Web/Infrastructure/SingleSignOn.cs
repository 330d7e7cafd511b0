using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Tandem.Core.Accounts;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>One claim value a party's directory sends, and the agency code it stands for in Tandem.</summary>
public sealed class OidcAgencyMapping
{
    public string Value { get; set; } = "";

    public string Agency { get; set; } = "";
}

/// <summary>One claim value a party's directory sends, and the Tandem role it stands for.</summary>
public sealed class OidcRoleMapping
{
    public string Value { get; set; } = "";

    public string Role { get; set; } = "";
}

/// <summary>
/// One party's OpenID Connect identity provider (<c>Tandem:Oidc:Providers:N</c>). Agencies and roles come only from
/// the claims named here, through the explicit mappings: a directory value not listed signs nobody in.
/// </summary>
public sealed partial class OidcProvider
{
    /// <summary>Stable identifier: part of the callback path and of every linked login, so never rename it once used.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the sign-in button says ("Sign in with …"); defaults to <see cref="Name"/>.</summary>
    public string DisplayName { get; set; } = "";

    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The party whose agencies this directory may sign in; a mapping to another party's agency is refused.</summary>
    public string Party { get; set; } = "";

    public string AgencyClaim { get; set; } = "agency";

    public string RoleClaim { get; set; } = "role";

    /// <summary>Scopes asked for besides openid, profile and email (space-separated), when the directory sends the agency or role claims only for them.</summary>
    public string Scopes { get; set; } = "";

    /// <summary>Whether a first sign-in with no account for its verified e-mail creates one (agency and role from the mappings).</summary>
    public bool AllowAccountCreation { get; set; }

    public List<OidcAgencyMapping> AgencyMap { get; set; } = [];

    public List<OidcRoleMapping> RoleMap { get; set; } = [];

    public string Scheme => "oidc-" + Name;

    public string CallbackPath => "/signin-oidc/" + Name;

    public string ButtonText => string.IsNullOrWhiteSpace(DisplayName) ? Name : DisplayName;

    /// <summary>The agency codes the values of the agency claim map to (distinct; empty when none is mapped).</summary>
    public IReadOnlyList<string> AgenciesFor(IEnumerable<string> claimValues) =>
        [.. claimValues.SelectMany(v => AgencyMap.Where(m => string.Equals(m.Value, v, StringComparison.Ordinal)).Select(m => m.Agency)).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> RolesFor(IEnumerable<string> claimValues) =>
        [.. claimValues.SelectMany(v => RoleMap.Where(m => string.Equals(m.Value, v, StringComparison.Ordinal)).Select(m => m.Role)).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    internal static partial Regex NamePattern();
}

/// <summary>The configured identity providers, checked once at start-up.</summary>
public sealed class OidcProviders
{
    public const string Section = "Tandem:Oidc:Providers";

    private static readonly string[] StandardScopes = ["openid", "profile", "email"];

    public OidcProviders(IReadOnlyList<OidcProvider> all) => All = all;

    public IReadOnlyList<OidcProvider> All { get; }

    public OidcProvider? Find(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public OidcProvider? ForScheme(string? scheme) => All.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.Ordinal));

    public static OidcProviders Parse(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providers = configuration.GetSection(Section).Get<List<OidcProvider>>() ?? [];
        for (var i = 0; i < providers.Count; i++)
        {
            var p = providers[i];
            var key = $"{Section}:{i}";
            if (!OidcProvider.NamePattern().IsMatch(p.Name))
            {
                throw new ConfigurationException($"{key}:Name must be 1-40 letters, digits, '-' or '_' (it is part of the callback path).");
            }

            if (providers.Take(i).Any(o => string.Equals(o.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ConfigurationException($"{key}:Name '{p.Name}' is used by another provider.");
            }

            if (!Uri.TryCreate(p.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                throw new ConfigurationException($"{key}:Authority must be the provider's absolute https address.");
            }

            foreach (var (value, setting) in new[] { (p.ClientId, "ClientId"), (p.Party, "Party"), (p.AgencyClaim, "AgencyClaim"), (p.RoleClaim, "RoleClaim") })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new ConfigurationException($"{key}:{setting} is required.");
                }
            }

            if (p.AgencyMap.Count == 0 || p.AgencyMap.Any(m => string.IsNullOrEmpty(m.Value) || string.IsNullOrWhiteSpace(m.Agency)))
            {
                throw new ConfigurationException($"{key}:AgencyMap must list at least one claim value and its agency code (AgencyMap:0:Value, AgencyMap:0:Agency).");
            }

            foreach (var mapping in p.RoleMap)
            {
                if (string.IsNullOrEmpty(mapping.Value) || !Roles.IsKnown(mapping.Role))
                {
                    throw new ConfigurationException($"{key}:RoleMap maps '{mapping.Value}' to '{mapping.Role}': use one of {string.Join(", ", Roles.All)}.");
                }
            }
        }

        return new OidcProviders(providers);
    }

    /// <summary>Registers one OpenID Connect handler per provider: authorization code flow with PKCE, results in Identity's external cookie.</summary>
    public void AddSchemes(AuthenticationBuilder authentication, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(security);
        foreach (var provider in All)
        {
            // Tokens and the client secret travel to the authority: plain HTTP only where the whole site is a local demo.
            if (!security.AllowInsecureHttp && !provider.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfigurationException($"{Section}: the Authority of '{provider.Name}' must be an https address.");
            }

            authentication.AddOpenIdConnect(provider.Scheme, provider.ButtonText, o =>
            {
                o.Authority = provider.Authority;
                o.ClientId = provider.ClientId;
                o.ClientSecret = string.IsNullOrEmpty(provider.ClientSecret) ? null : provider.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;

                // The code comes back on a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CallbackPath = provider.CallbackPath;
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Scope.Clear();
                foreach (var scope in StandardScopes.Concat(provider.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal))
                {
                    o.Scope.Add(scope);
                }

                // Keep the directory's own claim names (agency, role, email_verified): the mappings are written in them.
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.SaveTokens = false;
                o.DisableTelemetry = true;
                o.RequireHttpsMetadata = !security.AllowInsecureHttp;
                foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = security.AllowInsecureHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                }

                o.Events.OnRemoteFailure = async context =>
                {
                    // A failed or cancelled sign-in at the directory (or a forged callback) is audited like a refused one.
                    var db = context.HttpContext.RequestServices.GetRequiredService<TandemDbContext>();
                    var reason = (context.Failure?.Message ?? "unknown failure").Split('\n')[0];
                    var entry = db.Audit(Tandem.Core.Audit.AuditAction.SignIn, "User", "", Tandem.Core.Audit.AuditDecision.Denied,
                        details: $"single sign-on with {provider.Name} failed: {(reason.Length > 300 ? reason[..300] : reason)}");
                    entry.ActorName = provider.Name;
                    await db.SaveChangesAsync(context.HttpContext.RequestAborted);
                    context.Response.Redirect(ExternalSignIn.RefusedPath(ExternalSignIn.Refusal.ProviderFailed));
                    context.HandleResponse();
                };
            });
        }
    }
}

using System.Security.Claims;
using Tandem.Core.Accounts;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// How a personal access token's scopes show in its caller's principal. Each scope becomes a <c>scope</c> claim; a
/// token without the <c>admin</c> scope loses the Administrator role, so every role check of the app (policies,
/// pages, use cases) treats it as a non-administrator without knowing about tokens.
/// </summary>
public static class TokenScopeClaims
{
    public const string Scope = "scope";

    /// <summary>A role the owner holds but the token does not carry; the second-factor gate still counts it.</summary>
    public const string WithheldRole = "tandem:withheld_role";

    public static void Apply(ClaimsIdentity identity, IReadOnlyList<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(scopes);
        foreach (var scope in scopes)
        {
            identity.AddClaim(new Claim(Scope, scope));
        }

        if (!TokenScopes.CanAdminister(scopes))
        {
            foreach (var admin in identity.FindAll(c => c.Type == identity.RoleClaimType && c.Value == Roles.Admin).ToList())
            {
                identity.RemoveClaim(admin);
                identity.AddClaim(new Claim(WithheldRole, admin.Value));
            }
        }
    }

    /// <summary>Whether the caller came with a token (a cookie session has no scopes: it may do what its roles allow).</summary>
    public static bool IsToken(ClaimsPrincipal user) => user?.FindFirst("amr")?.Value == "pat";

    public static IReadOnlyList<string> Of(ClaimsPrincipal user) =>
        user?.FindAll(Scope).Select(c => c.Value).ToList() ?? [];
}

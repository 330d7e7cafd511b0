using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>Authenticates <c>Authorization: Bearer tdm_…</c> personal access tokens against their stored hash.</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TandemDbContext db,
    SignInManager<TandemUser> signIn,
    AccessTokenCache cache,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        var hash = PersonalAccessTokens.Hash(secret);
        var principal = await cache.FindOrLookUpAsync(hash, () => LookUp(secret, hash));
        if (principal is null)
        {
            db.Audit(AuditAction.SignIn, "Token", "", AuditDecision.Denied, details: "invalid, expired or revoked token");
            await db.SaveChangesAsync(Context.RequestAborted);
            return AuthenticateResult.Fail("The token is invalid, expired or revoked.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Builds the principal of a valid token from the database and remembers it; null for an invalid, expired or revoked token.</summary>
    private async Task<ClaimsPrincipal?> LookUp(string secret, string hash)
    {
        var generation = cache.Generation;
        var holder = await PersonalAccessTokens.Authenticate(db, secret, clock.GetUtcNow().UtcDateTime, Context.RequestAborted);
        if (holder is null)
        {
            return null;
        }

        var principal = await signIn.CreateUserPrincipalAsync(holder.User);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim("amr", "pat"));
        TokenScopeClaims.Apply(identity, holder.Scopes);
        var expiresAt = await db.PersonalAccessTokens.Where(t => t.SecretHash == hash).Select(t => t.ExpiresAt).FirstOrDefaultAsync(Context.RequestAborted);
        cache.Add(hash, holder.User.Id, principal, expiresAt, generation);
        return principal;
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Web.Infrastructure;

/// <summary>Claims every request needs to decide access: agency, party, private sector, second factor.</summary>
public static class TandemClaims
{
    public const string AgencyId = "tandem:agency";
    public const string AgencyCode = "tandem:agency_code";
    public const string Party = "tandem:party";
    public const string PrivateSector = "tandem:private";
    public const string SecondFactor = "tandem:2fa";

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return Actor.Anonymous;
        }

        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
        var agency = Guid.TryParse(user.FindFirstValue(AgencyId), out var a) ? a : (Guid?)null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name, agency, user.FindFirstValue(Party), roles,
            user.FindFirstValue(PrivateSector) == "true");
    }
}

/// <summary>Adds <see cref="TandemClaims"/> when Identity builds a principal (at sign-in and at every stamp check).</summary>
public sealed class TandemClaimsPrincipalFactory(UserManager<TandemUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, TandemDbContext db)
    : UserClaimsPrincipalFactory<TandemUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TandemUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        var agency = await db.Agencies.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Id == user.AgencyId);
        identity.AddClaim(new Claim(TandemClaims.AgencyId, user.AgencyId.ToString("D")));
        identity.AddClaim(new Claim(TandemClaims.AgencyCode, agency?.Code ?? ""));
        identity.AddClaim(new Claim(TandemClaims.Party, agency?.Party ?? ""));
        identity.AddClaim(new Claim(TandemClaims.PrivateSector, agency?.Kind == AgencyKind.Private ? "true" : "false"));
        identity.AddClaim(new Claim(TandemClaims.SecondFactor, user.TwoFactorEnabled ? "true" : "false"));
        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("name", user.DisplayName));
        }

        return identity;
    }
}

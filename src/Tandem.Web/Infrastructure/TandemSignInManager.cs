using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tandem.Core.Accounts;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// SECURITY.md row 7: a disabled account can neither sign in nor keep using a session it already has.
/// Identity knows nothing of <see cref="TandemUser.Disabled"/>, and the security stamp validator (run on
/// every request) only compares stamps, so both checks are added here.
/// </summary>
public sealed class TandemSignInManager(
    UserManager<TandemUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<TandemUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<TandemUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<TandemUser> confirmation)
    : SignInManager<TandemUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(TandemUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.Disabled && await base.CanSignInAsync(user);
    }

    public override async Task<TandemUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { Disabled: false } ? user : null;
    }
}

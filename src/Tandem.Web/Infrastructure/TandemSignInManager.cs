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

    /// <summary>
    /// An unknown e-mail gets the same answer as a wrong password (Identity's), after the same password hashing:
    /// without it the quick answer would tell which e-mails have accounts.
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendPasswordCheck(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    /// <summary>
    /// Identity refuses a locked or disabled account before hashing the password; hash anyway, so that such a
    /// refusal takes as long as a wrong password and its timing does not show that the account exists.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(TandemUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await CanSignInAsync(user) || await UserManager.IsLockedOutAsync(user))
        {
            SpendPasswordCheck(password);
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task<TandemUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { Disabled: false } ? user : null;
    }

    private static string? s_unusableHash;

    /// <summary>Verifies the password against a hash no password matches: the work of a real check, with no result.</summary>
    private void SpendPasswordCheck(string password)
    {
        var hasher = UserManager.PasswordHasher;
        s_unusableHash ??= hasher.HashPassword(new TandemUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(new TandemUser(), s_unusableHash, password ?? "");
    }
}

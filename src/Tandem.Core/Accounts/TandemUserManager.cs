using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tandem.Core.Accounts;

/// <summary>
/// Identity's user manager with a lockout that grows: every <see cref="IdentityOptions.Lockout"/> run of failures
/// locks the account for twice as long as the run before, up to <see cref="AccountSetup.LongestLockout"/>. A
/// person who mistypes is back in a minute; a guesser gets fewer and fewer tries an hour; and since a lockout
/// never exceeds the cap, nobody can lock an account for longer than that with one run of bad passwords.
/// </summary>
public sealed class TandemUserManager(
    IUserStore<TandemUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<TandemUser> passwordHasher,
    IEnumerable<IUserValidator<TandemUser>> userValidators,
    IEnumerable<IPasswordValidator<TandemUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<TandemUser>> logger)
    : UserManager<TandemUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>
    /// Counts the failure without resetting the count at a lockout (Identity resets it): the count of failures since
    /// the last successful sign-in tells how many lockouts came before, and so how long this one lasts.
    /// </summary>
    public override async Task<IdentityResult> AccessFailedAsync(TandemUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        if (Store is not IUserLockoutStore<TandemUser> lockouts)
        {
            return await base.AccessFailedAsync(user);
        }

        var failures = await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken);
        var perLockout = Math.Max(1, Options.Lockout.MaxFailedAccessAttempts);
        if (failures % perLockout == 0)
        {
            await lockouts.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow + AccountSetup.LockoutDuration(failures / perLockout), CancellationToken);
        }

        return await UpdateUserAsync(user);
    }
}

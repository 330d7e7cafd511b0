using Microsoft.AspNetCore.Identity;

namespace Tandem.Core.Accounts;

public static class AccountSetup
{
    /// <summary>Creates the fixed set of roles if the database lacks any; safe to run on every start.</summary>
    public static async Task EnsureRoles(RoleManager<IdentityRole<Guid>> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
    }

    /// <summary>The first lockout: short, because most runs of failures are a person mistyping.</summary>
    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);

    /// <summary>No lockout lasts longer, so a lockout cannot be used to keep someone out for hours.</summary>
    public static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(15);

    /// <summary>The n-th lockout since the last successful sign-in lasts twice as long as the one before, up to the cap.</summary>
    public static TimeSpan LockoutDuration(int lockoutsInARow)
    {
        var doublings = Math.Clamp(lockoutsInARow - 1, 0, 30);
        var ticks = Math.Min(FirstLockout.Ticks * (1L << doublings), LongestLockout.Ticks);
        return TimeSpan.FromTicks(ticks);
    }

    /// <summary>Identity options: passwords of 12 to 64+ characters, lockout after 5 failures (growing, see <see cref="TandemUserManager"/>).</summary>
    public static void Configure(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = FirstLockout;
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }
}

using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Tandem.Core.Accounts;

/// <summary>
/// Rejects passwords that appear in breach lists or are built from the service's own name
/// (SECURITY.md row 6: "common passwords rejected"). Length, not character classes, is the main rule.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<TandemUser>
{
    public const int MaxLength = 128;

    private static readonly FrozenSet<string> Common = new[]
    {
        "123456789012", "1234567890123", "12345678901234", "password1234", "password12345", "passwordpassword",
        "qwertyuiopas", "qwerty123456", "qwertyuiop123", "111111111111", "000000000000", "aaaaaaaaaaaa",
        "iloveyou1234", "letmein12345", "welcome12345", "administrator", "admin1234567", "abcdefghijkl",
        "abc123456789", "changeme1234", "trustno11234", "football1234", "baseball1234", "superman1234",
        "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "password123!", "Password123!", "P@ssw0rd1234",
        "tandemtandem", "tandem123456", "correcthorsebatterystaple", "monkey123456", "dragon123456",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public Task<IdentityResult> ValidateAsync(UserManager<TandemUser> manager, TandemUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordRequired", Description = "A password is required." }));
        }

        if (password.Length > MaxLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords may be at most {MaxLength} characters." }));
        }

        var lower = password.ToLowerInvariant();
        var local = user.Email?.Split('@')[0].ToLowerInvariant();
        if (Common.Contains(password) || IsSingleRepeated(password) || (local is { Length: >= 4 } && lower.Contains(local, StringComparison.Ordinal)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is too common or contains your user name; choose a longer, less guessable passphrase.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static bool IsSingleRepeated(string password) => password.All(c => c == password[0]);
}

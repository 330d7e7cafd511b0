using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Accounts;

public sealed record TokenDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt, string Scopes);

/// <summary>The user a bearer secret stands for, and what the token lets them do.</summary>
public sealed record TokenHolder(TandemUser User, IReadOnlyList<string> Scopes);

public sealed record CreatedToken(TokenDto Token, string Secret);

/// <summary>
/// Personal access tokens: created (secret shown once, with scopes), checked on each API call, revoked by their owner
/// — and all at once when the owner's password changes or an administrator disables the account.
/// </summary>
public static class PersonalAccessTokens
{
    public const string SecretPrefix = "tdm_";
    public const int MaxLifetimeDays = 366;

    public static async Task<Result<CreatedToken>> Create(TandemDbContext db, Guid userId, string? name, DateTime? expiresAt, string? scopes, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var validation = new Validation().Required("name", name, 100).Optional("scopes", scopes, 100);
        var scope = scopes is { Length: > 100 } ? null : TokenScopes.Normalise(scopes);
        if (scope is null && validation.IsValid)
        {
            validation.Add("scopes", $"scopes must be among {string.Join(", ", TokenScopes.All)}.");
        }

        if (expiresAt is { } e && e <= now)
        {
            validation.Add("expires", "expires must be in the future.");
        }
        else if (expiresAt is { } e2 && e2 > now.AddDays(MaxLifetimeDays))
        {
            validation.Add("expires", $"expires may be at most {MaxLifetimeDays} days ahead.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId && !u.Disabled, ct))
        {
            return Error.NotFound("User");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var secret = BearerSecrets.New(SecretPrefix);
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = name!.Trim(),
            Prefix = secret[..10],
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt ?? now.AddDays(90),
            Scopes = scope!,
        };
        db.PersonalAccessTokens.Add(token);
        db.Audit(AuditAction.Create, nameof(PersonalAccessToken), token.Id.ToString("D"), details: $"user {userId:D} token '{token.Name}' scopes '{token.Scopes}'");
        await db.SaveChangesAsync(ct);
        return new CreatedToken(ToDto(token), secret);
    }

    /// <summary>
    /// Finds the active user behind a bearer secret; only the hash is compared, never the secret itself. A disabled
    /// account's tokens, and a locked-out one's for as long as the lockout lasts, are refused.
    /// </summary>
    public static async Task<TokenHolder?> Authenticate(TandemDbContext db, string secret, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await db.PersonalAccessTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        if (token is null || !token.IsActive(now) || token.User is null || token.User.Disabled || token.User.LockoutEnd > now)
        {
            return null;
        }

        // Recording every use would turn each API read into a write; a minute's resolution is enough.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return new TokenHolder(token.User, TokenScopes.Parse(token.Scopes));
    }

    public static Task<List<TokenDto>> List(TandemDbContext db, Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.Scopes)).ToListAsync(ct);

    public static async Task<Result<bool>> Revoke(TandemDbContext db, Guid userId, Guid tokenId, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null)
        {
            return Error.NotFound("Token");
        }

        token.RevokedAt ??= now;
        db.Audit(AuditAction.Update, nameof(PersonalAccessToken), token.Id.ToString("D"), details: "revoked");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Revokes every active token of a user, with one audit entry naming the reason. Called when the password changes
    /// or the account is disabled: a script holding a token must not outlive the credential or the account it came from.
    /// </summary>
    public static async Task<int> RevokeAllFor(TandemDbContext db, Guid userId, string reason, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var active = await db.PersonalAccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in active)
        {
            token.RevokedAt = now;
        }

        if (active.Count > 0)
        {
            db.Audit(AuditAction.Update, nameof(PersonalAccessToken), userId.ToString("D"), details: $"{active.Count} token(s) of user {userId:D} revoked: {reason}");
            await db.SaveChangesAsync(ct);
        }

        return active.Count;
    }

    public static string Hash(string secret) => BearerSecrets.Hash(secret);

    private static TokenDto ToDto(PersonalAccessToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.Scopes);
}

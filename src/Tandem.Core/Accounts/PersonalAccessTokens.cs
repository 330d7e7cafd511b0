using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Accounts;

public sealed record TokenDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

public sealed record CreatedToken(TokenDto Token, string Secret);

/// <summary>Personal access tokens: created (secret shown once), checked on each API call, revoked.</summary>
public static class PersonalAccessTokens
{
    public const string SecretPrefix = "tdm_";
    public const int MaxLifetimeDays = 366;

    public static async Task<Result<CreatedToken>> Create(TandemDbContext db, Guid userId, string? name, DateTime? expiresAt, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var validation = new Validation().Required("name", name, 100);
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

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = name!.Trim(),
            Prefix = secret[..10],
            SecretHash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt ?? now.AddDays(90),
        };
        db.PersonalAccessTokens.Add(token);
        db.Audit(AuditAction.Create, nameof(PersonalAccessToken), token.Id.ToString("D"), details: $"user {userId:D} token '{token.Name}'");
        await db.SaveChangesAsync(ct);
        return new CreatedToken(ToDto(token), secret);
    }

    /// <summary>Finds the active user behind a bearer secret; only the hash is compared, never the secret itself.</summary>
    public static async Task<TandemUser?> Authenticate(TandemDbContext db, string secret, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await db.PersonalAccessTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        if (token is null || !token.IsActive(now) || token.User is null || token.User.Disabled)
        {
            return null;
        }

        // Recording every use would turn each API read into a write; a minute's resolution is enough.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return token.User;
    }

    public static Task<List<TokenDto>> List(TandemDbContext db, Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt)).ToListAsync(ct);

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

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static TokenDto ToDto(PersonalAccessToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);
}

namespace Tandem.Core.Accounts;

/// <summary>
/// A token for scripts (<c>Authorization: Bearer …</c>). Only a SHA-256 hash of the secret is kept,
/// so a database leak does not leak working tokens; the secret is shown once, at creation.
/// </summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public TandemUser? User { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, shown in lists so a user can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>Space-separated <see cref="TokenScopes"/>: what the token may do within its owner's rights.</summary>
    public string Scopes { get; set; } = TokenScopes.Default;

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// Remembers, for a few seconds, whom a valid personal access token stands for, so a script's burst of API
/// calls does not rebuild the same principal (token, user, roles, claims, agency: six queries) on every request.
/// Keyed by the token's SHA-256 hash, never by the secret. An entry lives at most <see cref="SecurityOptions.TokenCacheSeconds"/>:
/// a revocation, a disabled user or a role change made on another instance takes effect there within that time,
/// and on this instance at once through <see cref="Invalidate"/> and <see cref="InvalidateUser"/>.
/// Refused tokens are never cached, so each refusal is still audited.
/// </summary>
public sealed class AccessTokenCache(IOptions<SecurityOptions> options, TimeProvider clock)
{
    /// <summary>A bound on memory: a flood of distinct valid tokens empties the cache rather than growing it.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, CachedToken> _entries = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.Value.TokenCacheSeconds));

    /// <summary>A fresh principal for the token, or null when it is not cached or its time is up.</summary>
    public ClaimsPrincipal? Find(string tokenHash)
    {
        if (!_entries.TryGetValue(tokenHash, out var cached))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= cached.ValidUntil)
        {
            _entries.TryRemove(new KeyValuePair<string, CachedToken>(tokenHash, cached));
            return null;
        }

        // A new identity per request: handlers and middleware may add claims to the one they get.
        return new ClaimsPrincipal(new ClaimsIdentity(cached.Claims, cached.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Remembers an authenticated token until the cache lifetime or the token's own expiry, whichever is sooner.</summary>
    public void Add(string tokenHash, Guid userId, ClaimsPrincipal principal, DateTime? tokenExpiresAt)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var lifetime = Lifetime;
        if (lifetime <= TimeSpan.Zero || principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var validUntil = clock.GetUtcNow().UtcDateTime + lifetime;
        if (tokenExpiresAt is { } expires && expires < validUntil)
        {
            validUntil = expires;
        }

        _entries[tokenHash] = new CachedToken(userId, [.. identity.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer))], identity.AuthenticationType, validUntil);
    }

    /// <summary>Forgets one token on this instance (it was revoked here).</summary>
    public void Invalidate(string tokenHash) => _entries.TryRemove(tokenHash, out _);

    /// <summary>Forgets every token of a user on this instance (disabled, roles or agency changed, password changed).</summary>
    public void InvalidateUser(Guid userId)
    {
        foreach (var entry in _entries)
        {
            if (entry.Value.UserId == userId)
            {
                _entries.TryRemove(entry);
            }
        }
    }

    private sealed record CachedToken(Guid UserId, Claim[] Claims, string? AuthenticationType, DateTime ValidUntil);
}

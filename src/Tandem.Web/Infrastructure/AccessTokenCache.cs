using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// Remembers, for a few seconds, whom a valid personal access token stands for, so a script's burst of API
/// calls does not rebuild the same principal (token, user, roles, claims, agency: six queries) on every request.
/// Keyed by the token's SHA-256 hash, never by the secret. An entry lives at most <see cref="SecurityOptions.TokenCacheSeconds"/>:
/// on this instance a revocation, a disabled user or a role change takes effect at once through <see cref="Invalidate"/>
/// and <see cref="InvalidateUser"/>, and on the other instances of a PostgreSQL deployment within milliseconds through
/// <see cref="CacheSignals"/> (a lost signal still expires with the entry).
/// Refused tokens are never cached, so each refusal is still audited.
/// </summary>
public sealed class AccessTokenCache
{
    private const string UserSignal = "token-user:";
    /// <summary>A bound on memory: a flood of distinct valid tokens empties the cache rather than growing it.</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, CachedToken> _entries = new(StringComparer.Ordinal);
    /// <summary>The database lookup under way per token hash; completes (never faults) when that lookup ends.</summary>
    private readonly ConcurrentDictionary<string, Task> _lookups = new(StringComparer.Ordinal);
    private readonly IOptions<SecurityOptions> options;
    private readonly TimeProvider clock;
    private readonly CacheSignals? signals;
    private long _generation;

    public AccessTokenCache(IOptions<SecurityOptions> options, TimeProvider clock, CacheSignals? signals = null)
    {
        this.options = options;
        this.clock = clock;
        this.signals = signals;
        signals?.OnReceived(Receive);
    }

    /// <summary>
    /// Changes whenever something is forgotten. A request reads it before looking a token up in the database and hands
    /// it to <see cref="Add"/>: a principal built from rows read before a revocation arrived is then not remembered.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

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

    /// <summary>
    /// The cached principal, or the result of <paramref name="lookUp"/> with one lookup per token at a time: when the entry of a
    /// busy token expires, its next sixty-four concurrent requests would otherwise all rebuild the same principal at once (six
    /// queries and a write each). The others wait for the one lookup under way and then read what it remembered; when it
    /// remembered nothing (the token was refused, a revocation arrived meanwhile, the lookup failed) each does its own lookup,
    /// so a refusal is still decided and audited per request and never taken from another request.
    /// </summary>
    /// <param name="lookUp">Reads the token in the database, remembers it with <see cref="Add"/> when valid, and returns the principal or null.</param>
    public async Task<ClaimsPrincipal?> FindOrLookUpAsync(string tokenHash, Func<Task<ClaimsPrincipal?>> lookUp)
    {
        ArgumentNullException.ThrowIfNull(lookUp);
        if (Find(tokenHash) is { } cached)
        {
            return cached;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_lookups.TryAdd(tokenHash, done.Task))
        {
            if (_lookups.TryGetValue(tokenHash, out var running))
            {
                await running.ConfigureAwait(false);
                if (Find(tokenHash) is { } remembered)
                {
                    return remembered;
                }
            }

            return await lookUp().ConfigureAwait(false);
        }

        try
        {
            return await lookUp().ConfigureAwait(false);
        }
        finally
        {
            _lookups.TryRemove(new KeyValuePair<string, Task>(tokenHash, done.Task));
            done.TrySetResult();
        }
    }

    /// <summary>Remembers an authenticated token until the cache lifetime or the token's own expiry, whichever is sooner.</summary>
    public void Add(string tokenHash, Guid userId, ClaimsPrincipal principal, DateTime? tokenExpiresAt, long? readAtGeneration = null)
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

        if (readAtGeneration is { } generation && generation != Generation)
        {
            return;
        }

        _entries[tokenHash] = new CachedToken(userId, [.. identity.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer))], identity.AuthenticationType, validUntil);
    }

    /// <summary>Forgets one token on this instance (it was revoked here).</summary>
    public void Invalidate(string tokenHash)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(tokenHash, out _);
    }

    /// <summary>
    /// Forgets every token of a user (disabled, roles or agency changed, password changed, a token revoked) on this
    /// instance and tells the other instances to do the same. Call it after the change has been saved.
    /// </summary>
    public void InvalidateUser(Guid userId)
    {
        ForgetUser(userId);
        signals?.Publish(UserSignal + userId.ToString("D"));
    }

    private void Receive(string message)
    {
        if (message == CacheSignals.Everything)
        {
            Interlocked.Increment(ref _generation);
            _entries.Clear();
        }
        else if (message.StartsWith(UserSignal, StringComparison.Ordinal) && Guid.TryParse(message.AsSpan(UserSignal.Length), out var userId))
        {
            ForgetUser(userId);
        }
    }

    private void ForgetUser(Guid userId)
    {
        Interlocked.Increment(ref _generation);
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

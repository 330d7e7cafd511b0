using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tandem.Web.Infrastructure;

/// <summary>SECURITY.md row 9: bursts on sign-in and token endpoints get 429 with Retry-After.</summary>
public static class RateLimits
{
    public const int PermitsPerWindow = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!IsSensitive(context.Request))
            {
                return RateLimitPartition.GetNoLimiter("open");
            }

            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter("sensitive:" + client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = PermitsPerWindow,
                Window = Window,
                QueueLimit = 0,
            });
        });
        options.OnRejected = async (context, ct) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
            context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            if (ErrorPages.WantsHtml(context.HttpContext.Request))
            {
                await ErrorPages.Write(context.HttpContext, StatusCodes.Status429TooManyRequests);
                return;
            }

            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts",
                detail: "Too many sign-in or token requests; wait before trying again.").ExecuteAsync(context.HttpContext);
        };
    }

    private static bool IsSensitive(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/account/sign-in") || request.Path.StartsWithSegments("/account/two-factor-sign-in")
            || request.Path.StartsWithSegments("/api/v1/tokens") || request.Path.StartsWithSegments("/account/tokens"));
}

/// <summary>
/// Failed sign-ins per client address (behind a reverse proxy, the address the listed proxy forwards). Once an
/// address has used up its failures, its next sign-ins are refused before any password is checked: it can neither
/// go on guessing across many accounts nor keep renewing the lockout of someone else's account.
/// </summary>
public sealed class SignInThrottle(IOptions<SecurityOptions> options) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.SignInFailuresPerAddress),
            Window = Window,
            QueueLimit = 0,
        }));

    public static string AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>Whether the address has no failures left, and if so how long until it has.</summary>
    public bool IsBlocked(string address, out TimeSpan retryAfter)
    {
        // Asking for zero permits reports the state without using one.
        using var probe = _failures.AttemptAcquire(address, 0);
        retryAfter = probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        return !probe.IsAcquired;
    }

    public void RecordFailure(string address)
    {
        using var _ = _failures.AttemptAcquire(address);
    }

    public void Dispose() => _failures.Dispose();
}

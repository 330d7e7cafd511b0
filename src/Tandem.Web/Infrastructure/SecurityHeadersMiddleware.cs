namespace Tandem.Web.Infrastructure;

/// <summary>SECURITY.md row 10: CSP with frame-ancestors 'none', nosniff, and no caching of record pages or downloads.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, OidcProviders providers)
{
    // The single sign-on buttons post to this site, which redirects to the party's directory; browsers apply
    // form-action to that redirect too, so the directories' own addresses are allowed as form targets as well.
    private readonly string _contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'{DirectoryOrigins(providers)}; frame-ancestors 'none'";

    private static string DirectoryOrigins(OidcProviders providers) =>
        string.Concat(providers.All.Select(p => new Uri(p.Authority).GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal).Select(o => " " + o));

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A self-contained document (a briefing book) sets its own, stricter policy naming its inline style.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = _contentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!IsStaticAsset(context.Request.Path))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/css") || path.StartsWithSegments("/img") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/favicon.svg");
}

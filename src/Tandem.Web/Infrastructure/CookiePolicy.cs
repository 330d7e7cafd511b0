using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tandem.Web.Infrastructure;

/// <summary>Session cookie per SECURITY.md row 7: __Host- prefix, Secure, HttpOnly, SameSite.</summary>
public static class CookiePolicy
{
    public const string SessionCookieName = "__Host-Tandem";
    public const string AntiforgeryCookieName = "__Host-Tandem-XSRF";
    public const string CultureCookieName = ".AspNetCore.Culture";

    public static void Configure(CookieAuthenticationOptions options, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(security);
        options.Cookie.Name = security.AllowInsecureHttp ? "Tandem" : SessionCookieName;
        options.Cookie.SecurePolicy = security.AllowInsecureHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.Path = "/";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.LoginPath = "/account/sign-in";
        options.LogoutPath = "/account/sign-out";
        options.AccessDeniedPath = "/account/denied";

        // API callers get status codes, people get the sign-in page.
        options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

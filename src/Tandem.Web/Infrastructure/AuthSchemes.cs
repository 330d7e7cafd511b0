using Microsoft.AspNetCore.Identity;

namespace Tandem.Web.Infrastructure;

public static class AuthSchemes
{
    public const string CookieOrBearer = "CookieOrBearer";
    public const string ManageForum = "ManageForum";
    public const string Audit = "Audit";

    /// <summary>Scripts send a bearer token; browsers carry the session cookie.</summary>
    public static string Select(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerTokenHandler.SchemeName : IdentityConstants.ApplicationScheme;
    }
}

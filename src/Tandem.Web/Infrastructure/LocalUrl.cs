namespace Tandem.Web.Infrastructure;

/// <summary>
/// Whether a return address stays on this site. Browsers read "//host" and "/\host" as another host, so only a single
/// slash followed by something else is local (the rule of ASP.NET's LocalRedirect, which throws on anything else).
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}

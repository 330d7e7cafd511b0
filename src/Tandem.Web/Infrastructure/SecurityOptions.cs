namespace Tandem.Web.Infrastructure;

public sealed class SecurityOptions
{
    /// <summary>
    /// Require TOTP for roles that see AMBER and above (SECURITY.md row 6). On by default; the
    /// Development settings of the demo turn it off so a newcomer can sign in without an authenticator.
    /// </summary>
    public bool RequireSecondFactor { get; set; } = true;

    /// <summary>
    /// Serve sessions over plain HTTP (cookies without the __Host- prefix and Secure flag). Only for
    /// the local demo on http://127.0.0.1:5080 (Development settings); never behind a real address.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Failed sign-ins one client address may make in <see cref="SignInThrottle.Window"/> before its sign-ins are
    /// refused (429) until the window ends. Generous enough for an office behind one address; far too few for guessing.
    /// </summary>
    public int SignInFailuresPerAddress { get; set; } = 20;

    /// <summary>
    /// How long a validated personal access token is remembered, in seconds (0 turns the cache off). A revocation or
    /// a disabled account takes effect at once on the instance that made it and within this time on the others.
    /// </summary>
    public int TokenCacheSeconds { get; set; } = 5;
}

namespace Tandem.Core.Notifications;

/// <summary>
/// The SMTP server Tandem sends notification e-mail through (<c>Tandem:Mail</c>). An empty <see cref="Host"/> means no
/// e-mail: notifications still reach the inbox, and nothing is queued or sent.
/// </summary>
public sealed class MailOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>The sender address, e.g. <c>Tandem &lt;tandem@forum.example&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>None, StartTls (default: required), StartTlsWhenAvailable or SslOnConnect.</summary>
    public string Tls { get; set; } = "StartTls";

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Hour of the day (UTC) at which daily digests go out.</summary>
    public int DigestHourUtc { get; set; } = 7;

    /// <summary>How long to wait for the SMTP server on each step; kept well below the job lease.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>The address users reach Tandem at (<c>Tandem:PublicUrl</c>), for links in e-mail, e.g. https://tandem.forum.example.</summary>
    public string PublicUrl { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

namespace Tandem.Core.Notifications;

/// <summary>Where a notification stands on its way to the recipient's mailbox.</summary>
public enum MailState
{
    /// <summary>Not yet looked at by the mailer (also while no mail server is configured).</summary>
    Pending,

    /// <summary>An e-mail of its own was put in the outbox.</summary>
    Queued,

    /// <summary>Waits for the recipient's next daily digest.</summary>
    AwaitingDigest,

    /// <summary>Went out in a daily digest.</summary>
    Digested,

    /// <summary>No e-mail: the recipient turned this kind off, has no address, or it is too old to be news.</summary>
    NotSent,
}

/// <summary>
/// An in-app message to one person. Any capability can send one; the text must be something
/// the recipient may read (senders pass titles, never labelled content), and the link leads to the
/// record, where the access policy decides again.
/// </summary>
public sealed class Notification
{
    public const int KindLength = 64;
    public const int TitleLength = 400;
    public const int LinkLength = 400;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    /// <summary>What happened, as a stable key from <see cref="NotificationKinds"/> (e.g. "document.shared").</summary>
    public string Kind { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public string TitleJa { get; set; } = "";

    /// <summary>A local path (e.g. /consultation/…); never an absolute URL.</summary>
    public string Link { get; set; } = "";

    /// <summary>
    /// The record is labelled above TLP:GREEN: the recipient may read the title in Tandem, but an e-mail (which leaves
    /// Tandem's control) carries only "1 restricted document shared with you" and the link.
    /// </summary>
    public bool Restricted { get; set; }

    public MailState MailState { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

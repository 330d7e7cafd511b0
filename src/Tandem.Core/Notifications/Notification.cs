namespace Tandem.Core.Notifications;

/// <summary>
/// An in-app message to one person (C11). Any capability can send one; the text must be something
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

    /// <summary>What happened, as a stable key (e.g. "consultation.summary-published").</summary>
    public string Kind { get; set; } = "";

    public string TitleEn { get; set; } = "";

    public string TitleJa { get; set; } = "";

    /// <summary>A local path (e.g. /consultation/…); never an absolute URL.</summary>
    public string Link { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

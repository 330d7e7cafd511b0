namespace Tandem.Core.Notifications;

/// <summary>How a person wants to hear of one kind of event by e-mail. The inbox in Tandem always shows it.</summary>
public enum Delivery
{
    Immediately,
    DailyDigest,
    Off,
}

/// <summary>One person's choice for one kind; a kind without a row is delivered immediately.</summary>
public sealed class NotificationPreference
{
    public Guid UserId { get; set; }

    public string Kind { get; set; } = "";

    public Delivery Delivery { get; set; }
}

/// <summary>
/// Marks a time-based event (a commitment due in 14 days, a notice at day 10 of its clock) as told, so the clock job
/// sends it once however often it runs and however many instances run it: the key is the primary key, and a second
/// insert of the same key fails the whole save, notifications included.
/// </summary>
public sealed class NotificationOnce
{
    public const int KeyLength = 200;

    public string Key { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>An e-mail waiting to be sent (or sent): the outbox survives restarts and SMTP outages.</summary>
public sealed class OutboxMail
{
    public const int AddressLength = 320;
    public const int SubjectLength = 300;
    public const int ErrorLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>"en" or "ja": the language the message was written in.</summary>
    public string Culture { get; set; } = "en";

    /// <summary>True for a daily digest, false for a message about one notification.</summary>
    public bool IsDigest { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string LastError { get; set; } = "";
}

/// <summary>
/// The right to run the notification jobs (time-based events, composing and sending mail) for a while. One row per job;
/// an instance claims it with a single conditional UPDATE, so with several web instances exactly one works at a time.
/// </summary>
public sealed class JobLease
{
    public const int NameLength = 64;
    public const int OwnerLength = 200;
    public const string Notifications = "notifications";

    public string Name { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateTime Until { get; set; }
}

using Tandem.Core.Common;

namespace Tandem.Core.Meetings;

/// <summary>Lifecycle and field rules of meetings, in one place so the API, pages and CLI agree.</summary>
public static class MeetingRules
{
    public const int TitleLength = 300;
    public const int VenueLength = 200;
    public const int TextLength = 4000;
    public const int PaperTextLength = 200_000;
    public const int NameLength = 200;
    public const int UrlLength = 1000;
    public const int MaxAgendaItems = 100;
    public const int MaxAttendees = 500;
    public const int MaxLinks = 50;

    /// <summary>The transitions a meeting may make; anything else is refused with the allowed ones named.</summary>
    public static readonly IReadOnlyDictionary<MeetingStatus, MeetingStatus[]> Transitions = new Dictionary<MeetingStatus, MeetingStatus[]>
    {
        [MeetingStatus.Draft] = [MeetingStatus.Scheduled, MeetingStatus.Cancelled],
        [MeetingStatus.Scheduled] = [MeetingStatus.Held, MeetingStatus.Cancelled, MeetingStatus.Draft],
        [MeetingStatus.Held] = [MeetingStatus.Concluded],

        // Reopening a concluded meeting (to correct its record) is allowed, audited, and needs a reason.
        [MeetingStatus.Concluded] = [MeetingStatus.Held],
        [MeetingStatus.Cancelled] = [MeetingStatus.Draft],
    };

    public static bool IsReopen(MeetingStatus from, MeetingStatus to) => from == MeetingStatus.Concluded && to == MeetingStatus.Held;

    /// <summary>Agenda and attendance can change until the meeting is concluded or cancelled.</summary>
    public static string? WhyAgendaIsLocked(MeetingStatus status) => status switch
    {
        MeetingStatus.Concluded => "The meeting is concluded: reopen it (an audited step) before changing its agenda.",
        MeetingStatus.Cancelled => "The meeting is cancelled: its agenda can no longer change.",
        _ => null,
    };

    /// <summary>Outcomes exist only once a meeting has been held, and not after it is concluded.</summary>
    public static string? WhyOutcomesAreRefused(MeetingStatus status) => status switch
    {
        MeetingStatus.Held => null,
        MeetingStatus.Cancelled => "The meeting is cancelled: a meeting that did not take place has no outcomes.",
        MeetingStatus.Concluded => "The meeting is concluded: reopen it (an audited step) before recording outcomes.",
        _ => $"The meeting is {status}: outcomes can be recorded only once it has been held.",
    };

    public static Validation Url(this Validation v, string field, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return v;
        }

        if (url.Length > UrlLength)
        {
            v.Add(field, $"{field} must be at most {UrlLength} characters.");
        }
        else if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            // Only web links: a javascript: or file: link would run or leak on a reader's machine.
            v.Add(field, $"{field} must be an http or https address.");
        }

        return v;
    }
}

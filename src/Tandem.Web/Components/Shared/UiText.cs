using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Tandem.Core.Common;
using Tandem.Core.Forums;

namespace Tandem.Web.Components.Shared;

/// <summary>Culture-aware labels for enums, dates and use-case errors, shared by every page.</summary>
public static partial class UiText
{
    public static string Culture => CultureInfo.CurrentUICulture.Name;

    public static bool IsJapanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";

    /// <summary>
    /// <c>lang</c> for a record's text on a page: "en" when the page is Japanese and the text is written in English (a
    /// record with no Japanese text, an English fallback, a name), so a screen reader reads it with an English voice;
    /// otherwise none (Blazor then leaves the attribute out).
    /// </summary>
    public static string? LangOf(string? text) =>
        IsJapanese && !string.IsNullOrEmpty(text) && LatinLetters().IsMatch(text) && !JapaneseScript().IsMatch(text) ? "en" : null;

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinLetters();

    [GeneratedRegex("[\\u3000-\\u9fff\\uff00-\\uffef]")]
    private static partial Regex JapaneseScript();

    public static string Role(IStringLocalizer l, ParticipationRole role)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[role switch
        {
            ParticipationRole.Lead => "Lead",
            ParticipationRole.CoLead => "Co-lead",
            ParticipationRole.Partner => "Partner",
            ParticipationRole.Supporting => "Supporting",
            ParticipationRole.Observer => "Observer",
            _ => role.ToString(),
        }];
    }

    /// <summary>An account role; "Admin" reads "Administrator" so it differs from the Admin menu entry.</summary>
    public static string RoleName(IStringLocalizer l, string role)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[role == Core.Accounts.Roles.Admin ? "Administrator" : role];
    }

    public static string Tier(IStringLocalizer l, Tier tier) => Label(l, tier);

    /// <summary>
    /// The values whose words are not their name split at its capitals: abbreviations, punctuation, and states
    /// whose plain name would read wrong ("Submitted" alone is already the column heading "submitted at").
    /// </summary>
    private static readonly Dictionary<Enum, string> Words = new()
    {
        [Core.Forums.Tier.ViceMinisterial] = "Vice-ministerial",
        [Core.Programmes.Instrument.RdFunding] = "R&D funding",
        [Core.Programmes.ValueChainStage.RnD] = "R&D",
        [Core.Programmes.ValueChainStage.AssemblyTestPackaging] = "Assembly, test and packaging",
        [Core.Notices.NoticeState.Submitted] = "Awaiting acknowledgement",
        [Core.Evidence.AnalysisKind.Screening] = "Dependency screening",
        [Core.Evidence.AnalysisKind.Scenario] = "Disruption scenario",
        [Core.Evidence.AnalysisKind.Exposure] = "Notice exposure",
        [Core.Consultation.QuestionKind.Numeric] = "Number",
        [Core.Consultation.CallState.Summarised] = "Summary published",
        [Core.Consultation.SubmissionState.Submitted] = "Sent",
        [Core.Commitments.CommitmentStatus.Unreported] = "No public information",
    };

    /// <summary>An enum value as a reader says it ("Vice-ministerial", "Not started", not "ViceMinisterial", "NotStarted"), localised.</summary>
    public static string Label(IStringLocalizer l, Enum value)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(value);
        return l[Words.TryGetValue(value, out var words) ? words : Sentence(value.ToString())];
    }

    /// <summary>"EmergencyMeetingScheduled" → "Emergency meeting scheduled".</summary>
    private static string Sentence(string name) => LaterCapital().Replace(name, m => " " + char.ToLowerInvariant(m.Value[0]));

    public static string Kind(IStringLocalizer l, AgencyKind kind)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[kind switch
        {
            AgencyKind.Ministry => "Ministry",
            AgencyKind.Agency => "Agency",
            AgencyKind.Private => "Private sector",
            AgencyKind.International => "International body",
            _ => kind.ToString(),
        }];
    }

    public static string Date(DateOnly? date) => date?.ToString(IsJapanese ? "yyyy年M月d日" : "d MMMM yyyy", CultureInfo.CurrentCulture) ?? "—";

    public static string DateTime(DateTime? utc) => utc is { } d ? d.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>The current time in an IANA zone, e.g. a party's capital, for the forum page.</summary>
    public static string NowIn(string zone)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info))
        {
            return "—";
        }

        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, info);
        return now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + now.ToString("zzz", CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>The HTTP status a page answers with when a use case fails, so tests and proxies see the failure too.</summary>
    public static int Status(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            ErrorKind.NotFound => 404,
            ErrorKind.Forbidden => 403,
            ErrorKind.Conflict => 409,
            _ => 400,
        };
    }

    public static bool IsStale(Error? error) => error?.Kind == ErrorKind.Conflict && error.Message.StartsWith("Someone else changed this record", StringComparison.Ordinal);

    /// <summary>
    /// Use cases speak English (the API's language). The common messages are translated here by
    /// pattern; anything else falls back to the resource lookup, then to the English text.
    /// </summary>
    public static string Message(IStringLocalizer l, string message)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(message);
        if (RequiredPattern().IsMatch(message))
        {
            return l["This field is required."];
        }

        var max = MaxLengthPattern().Match(message);
        if (max.Success)
        {
            return l["At most {0} characters.", max.Groups[1].Value];
        }

        return l[message];
    }

    [GeneratedRegex(@"^[A-Za-z.]+ is required\.$")]
    private static partial Regex RequiredPattern();

    [GeneratedRegex(@"^[A-Za-z.]+ must be at most (\d+) characters\.$")]
    private static partial Regex MaxLengthPattern();

    [GeneratedRegex("(?<=[a-z])[A-Z]")]
    private static partial Regex LaterCapital();
}

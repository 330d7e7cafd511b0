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

    public static string Tier(IStringLocalizer l, Tier tier)
    {
        ArgumentNullException.ThrowIfNull(l);
        return l[tier switch
        {
            Core.Forums.Tier.Leaders => "Leaders",
            Core.Forums.Tier.Ministerial => "Ministerial",
            Core.Forums.Tier.ViceMinisterial => "Vice-ministerial",
            Core.Forums.Tier.WorkingLevel => "Working level",
            Core.Forums.Tier.TrackWorkingGroup => "Track working group",
            _ => tier.ToString(),
        }];
    }

    /// <summary>A value of the meeting, commitment and compliance enums as a reader says it ("Vice-ministerial", not "ViceMinisterial").</summary>
    public static string Label(IStringLocalizer l, Enum value)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            Core.Forums.Tier tier => Tier(l, tier),
            Core.Meetings.MeetingStatus s => l[s.ToString()],
            Core.Meetings.OutcomeKind k => l[k.ToString()],
            Core.Meetings.PaperKind k => l[k switch
            {
                Core.Meetings.PaperKind.JointStatement => "Joint statement",
                Core.Meetings.PaperKind.Minutes => "Minutes",
                _ => "Other",
            }],
            Core.Commitments.CommitmentStatus s => l[s switch
            {
                Core.Commitments.CommitmentStatus.NotStarted => "Not started",
                Core.Commitments.CommitmentStatus.InProgress => "In progress",
                _ => s.ToString(),
            }],
            Core.Compliance.CycleKind k => l[k.ToString()],
            Core.Compliance.OgpLevel o => l[o switch
            {
                Core.Compliance.OgpLevel.NoEvidence => "No evidence",
                Core.Compliance.OgpLevel.NotStarted => "Not started",
                _ => o.ToString(),
            }],
            Core.Programmes.Instrument i => l[i switch
            {
                Core.Programmes.Instrument.TaxCredit => "Tax credit",
                Core.Programmes.Instrument.RdFunding => "R&D funding",
                _ => i.ToString(),
            }],
            Core.Programmes.ValueChainStage s => l[s switch
            {
                Core.Programmes.ValueChainStage.RnD => "R&D",
                Core.Programmes.ValueChainStage.AssemblyTestPackaging => "Assembly, test and packaging",
                Core.Programmes.ValueChainStage.SupplyDiversification => "Supply diversification",
                _ => s.ToString(),
            }],
            Core.Programmes.ProgrammeStatus s => l[s.ToString()],

            // "Submitted" alone is already the column heading "submitted at"; the state says what it waits for.
            Core.Notices.NoticeState s => l[s switch
            {
                Core.Notices.NoticeState.Submitted => "Awaiting acknowledgement",
                Core.Notices.NoticeState.EmergencyMeetingScheduled => "Emergency meeting scheduled",
                _ => s.ToString(),
            }],
            Core.Notices.CoercionPhase p => l[p switch
            {
                Core.Notices.CoercionPhase.EarlyWarning => "Early warning",
                Core.Notices.CoercionPhase.InformationSharing => "Information sharing",
                Core.Notices.CoercionPhase.JointAssessment => "Joint assessment",
                Core.Notices.CoercionPhase.CoordinatedResponse => "Coordinated response",
                _ => p.ToString(),
            }],
            Core.Notices.CoercionMeasure m => l[m switch
            {
                Core.Notices.CoercionMeasure.ImportBan => "Import ban",
                Core.Notices.CoercionMeasure.ExportRestriction => "Export restriction",
                Core.Notices.CoercionMeasure.InvestmentMeasure => "Investment measure",
                _ => m.ToString(),
            }],
            Core.Evidence.AnalysisKind k => l[k switch
            {
                Core.Evidence.AnalysisKind.Screening => "Dependency screening",
                Core.Evidence.AnalysisKind.JointScreening => "Joint screening",
                Core.Evidence.AnalysisKind.Scenario => "Disruption scenario",
                Core.Evidence.AnalysisKind.Exposure => "Notice exposure",
                _ => k.ToString(),
            }],
            Core.Consultation.QuestionKind k => l[k switch
            {
                Core.Consultation.QuestionKind.FreeText => "Free text",
                Core.Consultation.QuestionKind.Numeric => "Number",
                _ => k.ToString(),
            }],
            Core.Consultation.OrganisationType t => l[t switch
            {
                Core.Consultation.OrganisationType.IndustryAssociation => "Industry association",
                Core.Consultation.OrganisationType.LabourOrganisation => "Labour organisation",
                Core.Consultation.OrganisationType.ResearchInstitute => "Research institute",
                _ => t.ToString(),
            }],
            Core.Consultation.OrganisationStatus s => l[s.ToString()],
            Core.Consultation.CallState s => l[s == Core.Consultation.CallState.Summarised ? "Summary published" : s.ToString()],

            // As with notices, "Submitted" alone is the heading "submitted at".
            Core.Consultation.SubmissionState s => l[s == Core.Consultation.SubmissionState.Submitted ? "Sent" : s.ToString()],
            _ => l[value.ToString()],
        };
    }

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
}

using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Evidence;
using Tandem.Core.Meetings;

namespace Tandem.Core.Workplace;

/// <summary>
/// What needs the signed-in person today, one section per role they hold (a section is null when they do not hold
/// the role). Every item carries the local path of the page where it is done. Lists are capped at
/// <see cref="MyWork.MaxItems"/>; each section says how many there are in all.
/// </summary>
public sealed record MyWorkDto(DateOnly Today, OfficerWorkDto? Officer, SecretariatWorkDto? Secretariat, AnalystWorkDto? Analyst,
    ContributorWorkDto? Contributor, AuditorWorkDto? Auditor);

/// <summary>An agency officer's work: their agency's commitments and reports, their tracks' meetings, notices and what was shared with them.</summary>
public sealed record OfficerWorkDto(string AgencyCode, IReadOnlyList<DueCommitmentDto> Due, int DueTotal, IReadOnlyList<ReportToWriteDto> Reports, int ReportsTotal,
    IReadOnlyList<UpcomingMeetingDto> Meetings, IReadOnlyList<NoticeToAcknowledgeDto> Notices, IReadOnlyList<SharedRecordDto> Shared);

/// <summary>A commitment of the reader's agency due within the window or overdue.</summary>
public sealed record DueCommitmentDto(Guid Id, string Code, string TextEn, string TextJa, CommitmentStatus Status, DateOnly DueDate, bool Overdue, int DaysLeft, string Link)
{
    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

/// <summary>Why a progress report is due: the secretariat asked for one, or the agency has not reported for a while.</summary>
public enum ReportReason
{
    Requested,
    NoRecentReport,
}

/// <summary>A commitment of the reader's agency that needs a progress report; <see cref="LastReportedOn"/> is the agency's latest report the reader may see.</summary>
public sealed record ReportToWriteDto(Guid Id, string Code, string TextEn, string TextJa, ReportReason Reason, DateTime? RequestedAt, DateOnly? LastReportedOn, string Link)
{
    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

/// <summary>A meeting in the reader's tracks within the coming days, with how many of its papers the reader may read.</summary>
public sealed record UpcomingMeetingDto(Guid Id, string TitleEn, string TitleJa, DateTime StartsAt, string TimeZone, MeetingStatus Status, int Papers, string Link)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

/// <summary>A disruption notice of another party that the reader's party has not acknowledged yet.</summary>
public sealed record NoticeToAcknowledgeDto(Guid Id, string Title, string NotifyingParty, DateTime SubmittedAt, DateOnly Deadline, string Link);

public enum SharedKind
{
    Document,
    Analysis,
}

/// <summary>A record shared with the reader recently that they may still read, under its current title.</summary>
public sealed record SharedRecordDto(SharedKind Kind, Guid Id, string Title, DateTime SharedAt, bool Unread, string Link);

/// <summary>The secretariat's work: meetings to prepare, outcomes waiting for their commitment, scoring to finish.</summary>
public sealed record SecretariatWorkDto(IReadOnlyList<MeetingToPrepareDto> Meetings, IReadOnlyList<OutcomeToCommitDto> Outcomes, IReadOnlyList<CycleToScoreDto> Cycles);

/// <summary>An upcoming meeting whose agenda is missing, or whose agenda items have no paper to read beforehand.</summary>
public sealed record MeetingToPrepareDto(Guid Id, string TitleEn, string TitleJa, DateTime StartsAt, MeetingStatus Status, int AgendaItems, int ItemsWithoutPapers, string Link)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

/// <summary>An Action outcome of a held meeting that no commitment carries yet; the link opens the form that creates it.</summary>
public sealed record OutcomeToCommitDto(Guid MeetingId, string MeetingTitleEn, string MeetingTitleJa, Guid OutcomeId, int Position, string TextEn, string TextJa, string Link)
{
    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);

    public string MeetingTitle(string culture) => Localized.Pick(culture, MeetingTitleEn, MeetingTitleJa);
}

/// <summary>A compliance cycle with cells still unscored ("41 of 62 scored").</summary>
public sealed record CycleToScoreDto(Guid Id, string ForumCode, string Name, int Scored, int Cells, string Link);

/// <summary>The analyst's work: their agency's screenings computed before the newest trade data arrived.</summary>
public sealed record AnalystWorkDto(DateTime? NewestTradeImport, IReadOnlyList<StaleAnalysisDto> Stale, int StaleTotal);

public sealed record StaleAnalysisDto(Guid Id, string Title, AnalysisKind Kind, DateTime CreatedAt, string Link);

/// <summary>A contributor's work: calls open to their organisation and their own submissions with receipts.</summary>
public sealed record ContributorWorkDto(string? Organisation, IReadOnlyList<OpenCallDto> Calls, IReadOnlyList<OwnSubmissionDto> Submissions);

/// <summary>A call accepting input; <see cref="SubmissionId"/> is the organisation's answer, if it started one.</summary>
public sealed record OpenCallDto(Guid Id, string TitleEn, string TitleJa, DateTime ClosesAt, Guid? SubmissionId, bool Sent, string Link)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

/// <summary>One of the organisation's submissions; <see cref="ReceiptLink"/> is set once a revision was sent.</summary>
public sealed record OwnSubmissionDto(Guid Id, Guid CallId, string CallTitleEn, string CallTitleJa, string? Reference, int SubmittedRevision, DateTime? SubmittedAt,
    bool UnsentChanges, string Link, string? ReceiptLink)
{
    public string CallTitle(string culture) => Localized.Pick(culture, CallTitleEn, CallTitleJa);
}

/// <summary>The auditor's work: when the chain was last verified and what looks unusual in the last days.</summary>
public sealed record AuditorWorkDto(LastVerificationDto? LastVerification, int RefusedSignIns, int RefusedAccess, IReadOnlyList<HeavyReaderDto> HeavyReaders,
    int WindowDays, string SignInsLink, string AccessLink, string VerifyLink);

public sealed record LastVerificationDto(DateTime At, string By, bool Intact, string Details);

/// <summary>Someone who read unusually many records in the last day.</summary>
public sealed record HeavyReaderDto(string Actor, string Agency, int Reads, string Link);

using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Core.Commitments;

public sealed record CommitmentListItemDto(Guid Id, Guid ForumId, string ForumCode, string Code, string TextEn, string TextJa, string? TrackCode, string Area,
    CommitmentStatus Status, DateOnly? MadeOn, DateOnly? DueDate, bool Overdue, double? Progress, IReadOnlyList<string> LeadAgencies, int Version)
{
    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

public sealed record ResponsibilityDto(string Party, string? LeadAgencyCode, Guid? LeadAgencyId, IReadOnlyList<string> SupportingAgencyCodes);

public sealed record MilestoneDto(Guid Id, int Position, string TitleEn, string TitleJa, double Weight, double WeightShare, int? Progress, DateOnly? DueDate)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

public sealed record ProgressReportDto(Guid Id, Guid CommitmentId, string AgencyCode, DateOnly ReportedOn, string Narrative, int Percent,
    IReadOnlyList<string> EvidenceLinks, string Marking, DateTime CreatedAt);

public sealed record HistoryEntryDto(long Sequence, DateTime At, string Actor, string ActorAgency, string Action, string Details);

public sealed record CommitmentSourceDto(Guid? MeetingId, string? MeetingTitle, DateTime? MeetingStartsAt, Guid? OutcomeId, string Statement, string Paragraph, string Url, string Confidence);

public sealed record CommitmentDetailDto(CommitmentListItemDto Commitment, Guid? TrackId, string? TrackNameEn, CommitmentSourceDto Source,
    IReadOnlyList<ResponsibilityDto> Responsibilities, IReadOnlyList<MilestoneDto> Milestones, string RollupRule, IReadOnlyList<ProgressReportDto> Reports,
    IReadOnlyList<HistoryEntryDto> History, Guid? SupersededById);

public sealed record CommitmentFilter(Guid? ForumId = null, string? Track = null, CommitmentStatus? Status = null, bool? Overdue = null, string? Party = null,
    string? Agency = null, string? Search = null, Guid? MeetingId = null, string? Sort = null);

/// <summary>Per party: the lead agency's code and the supporting agencies' codes; each must be an agency of that party.</summary>
public sealed record ResponsibilityInput(string? Lead, IReadOnlyList<string>? Supporting = null);

public sealed record CommitmentInput(Guid? ForumId, string? Code, string? TextEn, string? TextJa = null, string? TrackCode = null, string? Area = null,
    Guid? SourceMeetingId = null, string? SourceStatement = null, string? SourceParagraph = null, string? SourceUrl = null, string? Confidence = null,
    DateOnly? MadeOn = null, DateOnly? DueDate = null, CommitmentStatus? Status = null, IReadOnlyDictionary<string, ResponsibilityInput>? Responsibilities = null,
    Guid? SupersededById = null, int? Version = null);

public sealed record MilestoneInput(string? TitleEn, double? Weight, int? Progress = null, string? TitleJa = null, DateOnly? DueDate = null, Guid? Id = null);

public sealed record MilestonesInput(IReadOnlyList<MilestoneInput>? Items, int? Version = null);

public sealed record ProgressReportInput(DateOnly? ReportedOn, string? Narrative, int? Percent, IReadOnlyList<string>? EvidenceLinks = null, LabelInput? Label = null);

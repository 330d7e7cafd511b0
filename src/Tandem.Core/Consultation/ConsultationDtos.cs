using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

public sealed record OrganisationDto(Guid Id, Guid? AgencyId, string Code, OrganisationType Type, OrganisationStatus Status, string NameEn, string NameJa, string Party,
    string Website, string ContactName, string ContactEmail, string Description, bool SelfRegistered, DateTime CreatedAt, DateTime? DecidedAt, string DecisionNote, int Version)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>What a public registration form shows back: no contact details, nothing of other organisations.</summary>
public sealed record RegistrationReceiptDto(Guid Id, string NameEn, OrganisationStatus Status, DateTime CreatedAt);

public sealed record QuestionDto(Guid Id, int Number, QuestionKind Kind, string TextEn, string TextJa, bool Required, IReadOnlyList<string> Options,
    decimal? Min, decimal? Max, int MaxLength)
{
    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

/// <summary>The opening and closing instants in one party's capital time zone.</summary>
public sealed record CapitalTimeDto(string Party, string TimeZone, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

public sealed record CallSummaryDto(Guid Id, string TrackCode, string ForumCode, string TitleEn, string TitleJa, CallState State, bool Accepting,
    DateTime OpensAt, DateTime ClosesAt, CallAudience Audience, string Marking, int Submissions)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

/// <summary>A contributor's own submission to a call, as the call page shows it.</summary>
public sealed record OwnSubmissionDto(Guid Id, SubmissionState State, string? Reference, int SubmittedRevision, bool HasUnsentChanges, DateTime? SubmittedAt);

public sealed record CallDto(Guid Id, Guid TrackId, string TrackCode, string TrackNameEn, string TrackNameJa, Guid ForumId, string ForumCode,
    string TitleEn, string TitleJa, string DescriptionEn, string DescriptionJa, DateTime OpensAt, DateTime ClosesAt, IReadOnlyList<CapitalTimeDto> CapitalTimes,
    CallAudience Audience, IReadOnlyList<Guid> InvitedOrganisations, CallState State, bool Accepting, string Marking, IReadOnlyList<QuestionDto> Questions,
    IReadOnlyList<string> ForumParties, OwnSubmissionDto? MySubmission, PublishedSummaryDto? Summary, int Version)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);

    public string Description(string culture) => Localized.Pick(culture, DescriptionEn, DescriptionJa);
}

public sealed record LinkDto(string TargetType, Guid TargetId);

public sealed record PublishedSummaryDto(Guid Id, string WhatWeHeardEn, string WhatWeHeardJa, string WhatWeDidEn, string WhatWeDidJa, DateTime PublishedAt,
    IReadOnlyList<LinkDto> Links)
{
    public string WhatWeHeard(string culture) => Localized.Pick(culture, WhatWeHeardEn, WhatWeHeardJa);

    public string WhatWeDid(string culture) => Localized.Pick(culture, WhatWeDidEn, WhatWeDidJa);
}

public sealed record AnswerDto(Guid QuestionId, int QuestionNumber, QuestionKind Kind, string Text, decimal? Number, bool Cbi, string Marking);

public sealed record AttachmentDto(Guid Id, Guid? QuestionId, string FileName, string ContentType, long Size, string Sha256, bool Cbi, string Marking);

public sealed record TagDto(TagKind Kind, string Value);

/// <summary>A sent revision; its digest only for a reader who may read every part it covers (null otherwise).</summary>
public sealed record RevisionDto(int Number, DateTime SubmittedAt, string SubmittedBy, string? Digest);

/// <summary>
/// A submission as one reader may see it: only the answers and attachments whose labels admit the
/// reader; triage (tags, links, review) only for government readers. <see cref="Withheld"/> names the
/// parts of the revision the reader may not read ("Q2", "Q4: file", "file"), never their content.
/// </summary>
public sealed record SubmissionDto(Guid Id, Guid CallId, string CallTitleEn, string CallTitleJa, Guid OrganisationId, string OrganisationNameEn, string OrganisationNameJa,
    OrganisationType OrganisationType, string? Reference, SubmissionState State, int Revision, int SubmittedRevision, bool HasUnsentChanges, DateTime? SubmittedAt,
    IReadOnlyList<string> CbiParties, string Marking, IReadOnlyList<AnswerDto> Answers, IReadOnlyList<AttachmentDto> Attachments, IReadOnlyList<string> Withheld,
    bool? Reviewed, IReadOnlyList<TagDto>? Tags, IReadOnlyList<LinkDto>? Links, IReadOnlyList<RevisionDto> Revisions, int Version)
{
    public string OrganisationName(string culture) => Localized.Pick(culture, OrganisationNameEn, OrganisationNameJa);
}

public sealed record SubmissionListItemDto(Guid Id, string? Reference, Guid OrganisationId, string OrganisationNameEn, string OrganisationNameJa, OrganisationType OrganisationType,
    SubmissionState State, int SubmittedRevision, DateTime? SubmittedAt, bool Reviewed, IReadOnlyList<TagDto> Tags, string Marking);

/// <summary>
/// What the organisation keeps as proof of what it sent: no content, only what and when, with a digest and — for the
/// organisation alone — the key that reproduces it. Another reader gets the digest only when they may read every part
/// it covers (null otherwise), and never the key.
/// </summary>
public sealed record ReceiptDto(Guid SubmissionId, string Reference, string CallTitleEn, string CallTitleJa, string OrganisationNameEn, int Revision,
    DateTime SubmittedAt, string SubmittedBy, string? Digest, string? DigestKey, IReadOnlyList<ReceiptPartDto> Parts, IReadOnlyList<string> CbiParties);

public sealed record ReceiptPartDto(string Part, bool Cbi, string? Sha256);

public sealed record ChoiceCountDto(string Option, int Count);

public sealed record NumericSummaryDto(int Count, decimal Min, decimal Max, decimal Mean, decimal Median);

/// <summary>
/// One question's aggregate over the answers the reader may see (never over CBI answers the reader
/// may not see). <see cref="Answers"/> counts exactly those.
/// </summary>
public sealed record QuestionAggregateDto(Guid QuestionId, int Number, QuestionKind Kind, string TextEn, string TextJa, int Answers,
    IReadOnlyList<ChoiceCountDto>? Choices, NumericSummaryDto? Numeric);

public sealed record CallAggregateDto(Guid CallId, string TitleEn, string TitleJa, int Submissions, IReadOnlyList<QuestionAggregateDto> Questions, string Rule);

public sealed record ExportFile(string FileName, string ContentType, byte[] Content, string Marking, int Rows);

internal static class Markings
{
    public static string Of(LabelData label) => label.ToLabel().Marking;
}

using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

public enum CallState
{
    Draft,
    Open,
    Closed,
    Summarised,
}

public enum CallAudience
{
    /// <summary>Every approved organisation.</summary>
    AllRegistered,

    /// <summary>Only the organisations invited to this call.</summary>
    Invited,
}

public enum QuestionKind
{
    FreeText,
    Choice,
    Numeric,
    File,
}

/// <summary>
/// A call for input of a track (C9): bilingual text, questions, an opening and a closing time, an
/// audience of organisations, and a label. The label governs which government readers see the call
/// and the non-CBI parts of its submissions; an organisation sees the call when it is in the audience
/// and the label admits it, the audience counting as the community of a GREEN call (ADR-0701).
/// </summary>
public sealed class CallForInput : Entity, ILabelled
{
    public const int TitleLength = 300;
    public const int DescriptionLength = 8000;

    public Guid TrackId { get; set; }

    public Guid ForumId { get; set; }

    public string TitleEn { get; set; } = "";

    public string TitleJa { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public string DescriptionJa { get; set; } = "";

    /// <summary>UTC; submissions are accepted from this instant.</summary>
    public DateTime OpensAt { get; set; }

    /// <summary>UTC; submissions and amendments are refused from this instant.</summary>
    public DateTime ClosesAt { get; set; }

    public CallAudience Audience { get; set; }

    public CallState State { get; set; }

    public Guid OwnerAgencyId { get; set; }

    public Guid CreatedBy { get; set; }

    public LabelData Label { get; set; } = new();

    public List<Question> Questions { get; set; } = [];

    public List<CallInvitation> Invitations { get; set; } = [];

    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);

    /// <summary>Accepting submissions: open, and now between the opening and the closing time.</summary>
    public bool IsAccepting(DateTime now) => State == CallState.Open && now >= OpensAt && now < ClosesAt;
}

/// <summary>One question of a call. Questions are fixed once the call is open, so answers always match them.</summary>
public sealed class Question
{
    public const int TextLength = 2000;
    public const int OptionLength = 200;
    public const int DefaultMaxAnswerLength = 10000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CallId { get; set; }

    /// <summary>1-based position; shown as "Q1", "Q2", …</summary>
    public int Number { get; set; }

    public QuestionKind Kind { get; set; }

    public string TextEn { get; set; } = "";

    public string TextJa { get; set; } = "";

    public bool Required { get; set; }

    /// <summary>For <see cref="QuestionKind.Choice"/>: the options an answer must be one of.</summary>
    public List<string> Options { get; set; } = [];

    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    /// <summary>For <see cref="QuestionKind.FreeText"/>: the longest accepted answer.</summary>
    public int MaxLength { get; set; } = DefaultMaxAnswerLength;

    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

/// <summary>An organisation invited to a call whose audience is <see cref="CallAudience.Invited"/>.</summary>
public sealed class CallInvitation
{
    public Guid CallId { get; set; }

    public Guid OrganisationId { get; set; }
}

/// <summary>"What we heard, what we did": the published feedback of a call, with links to what came of it.</summary>
public sealed class CallSummary : Entity
{
    public const int TextLength = 20000;

    public Guid CallId { get; set; }

    public string WhatWeHeardEn { get; set; } = "";

    public string WhatWeHeardJa { get; set; } = "";

    public string WhatWeDidEn { get; set; } = "";

    public string WhatWeDidJa { get; set; } = "";

    public DateTime PublishedAt { get; set; }

    public Guid PublishedBy { get; set; }

    public List<SummaryLink> Links { get; set; } = [];
}

public sealed class SummaryLink
{
    public Guid SummaryId { get; set; }

    public string TargetType { get; set; } = "";

    public Guid TargetId { get; set; }
}

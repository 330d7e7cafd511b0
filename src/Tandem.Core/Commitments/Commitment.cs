using Tandem.Core.Common;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;

namespace Tandem.Core.Commitments;

public enum CommitmentStatus
{
    NotStarted,
    InProgress,
    Completed,

    /// <summary>Given up or no longer pursued without a replacement.</summary>
    Lapsed,

    /// <summary>Replaced by a later commitment.</summary>
    Superseded,

    /// <summary>Imported history on which no public text reports progress: the status is not known, and is not guessed.</summary>
    Unreported,
}

public enum ResponsibilityRole
{
    Lead,
    Supporting,
}

/// <summary>A commitment of a forum: what was promised, where, by whom, by when, and how far it has come.</summary>
public sealed class Commitment : Entity
{
    public Guid ForumId { get; set; }

    public Forum? Forum { get; set; }

    /// <summary>Short code unique in the forum (C01, 2019-4).</summary>
    public string Code { get; set; } = "";

    public string TextEn { get; set; } = "";

    public string TextJa { get; set; } = "";

    public Guid? TrackId { get; set; }

    public Track? Track { get; set; }

    /// <summary>A subject area for commitments outside any track (e.g. imported G7 "Climate Change").</summary>
    public string Area { get; set; } = "";

    public Guid? SourceMeetingId { get; set; }

    public Meeting? SourceMeeting { get; set; }

    /// <summary>The Action outcome that created this commitment, if it came from one.</summary>
    public Guid? SourceOutcomeId { get; set; }

    /// <summary>The statement it was made in ("Joint Statement", "Action Plan").</summary>
    public string SourceStatement { get; set; } = "";

    public string SourceParagraph { get; set; } = "";

    public string SourceUrl { get; set; } = "";

    /// <summary>For imported history: "seen" in a source, or "approximate"/"recalled" (to verify).</summary>
    public string Confidence { get; set; } = "";

    /// <summary>Where <see cref="TextJa"/> comes from: empty (not stated), <see cref="Common.Provenance.UnofficialTranslation"/> or the address of the official Japanese text.</summary>
    public string JapaneseSource { get; set; } = "";

    public DateOnly? MadeOn { get; set; }

    public DateOnly? DueDate { get; set; }

    public CommitmentStatus Status { get; set; }

    public Guid? SupersededById { get; set; }

    /// <summary>Weighted progress of the milestones (0–100), kept up to date whenever they change; null without milestones.</summary>
    public double? Progress { get; set; }

    public List<CommitmentResponsibility> Responsibilities { get; set; } = [];

    public List<Milestone> Milestones { get; set; } = [];

    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

/// <summary>An agency responsible for a commitment on behalf of its party: the party's lead, or a supporting agency.</summary>
public sealed class CommitmentResponsibility
{
    public Guid CommitmentId { get; set; }

    public string Party { get; set; } = "";

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public ResponsibilityRole Role { get; set; }
}

/// <summary>A step of a commitment with a published weight; its progress (0–100) rolls up into the commitment's.</summary>
public sealed class Milestone
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CommitmentId { get; set; }

    public int Position { get; set; }

    public string TitleEn { get; set; } = "";

    public string TitleJa { get; set; } = "";

    public double Weight { get; set; } = 1;

    /// <summary>0–100, or null while nobody has assessed it (counted as 0 in the roll-up).</summary>
    public int? Progress { get; set; }

    public DateOnly? DueDate { get; set; }
}

/// <summary>A responsible agency's dated report on a commitment, with evidence; labelled by the reporting agency.</summary>
public sealed class ProgressReport : Entity, ILabelled
{
    public Guid CommitmentId { get; set; }

    public Commitment? Commitment { get; set; }

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public Guid AuthorId { get; set; }

    public DateOnly ReportedOn { get; set; }

    public string Narrative { get; set; } = "";

    public int Percent { get; set; }

    public List<string> EvidenceLinks { get; set; } = [];

    public LabelData Label { get; set; } = new();
}

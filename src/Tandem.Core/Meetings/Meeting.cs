using Tandem.Core.Common;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Meetings;

/// <summary>Draft → Scheduled → Held → Concluded, or Cancelled before it is held.</summary>
public enum MeetingStatus
{
    Draft,
    Scheduled,
    Held,
    Concluded,
    Cancelled,
}

public enum OutcomeKind
{
    Decision,
    Information,

    /// <summary>Someone has to do something: recording it creates a commitment that links back to the outcome.</summary>
    Action,
}

public enum PaperKind
{
    Minutes,
    JointStatement,
    Other,
}

/// <summary>A meeting of a forum at one tier. Times are stored in UTC and shown in the venue's and every party's zone.</summary>
public sealed class Meeting : Entity
{
    public Guid ForumId { get; set; }

    public Forum? Forum { get; set; }

    public Tier Tier { get; set; }

    /// <summary>The ordinal of the meeting at its tier ("1st ministerial"), when the forum counts them.</summary>
    public int? Number { get; set; }

    public string TitleEn { get; set; } = "";

    public string TitleJa { get; set; } = "";

    public string Venue { get; set; } = "";

    /// <summary>IANA zone of the venue.</summary>
    public string TimeZone { get; set; } = "";

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public MeetingStatus Status { get; set; }

    public string Notes { get; set; } = "";

    public string SourceUrl { get; set; } = "";

    /// <summary>For imported history: "seen" in a source, or "approximate"/"recalled" (to verify).</summary>
    public string Confidence { get; set; } = "";

    /// <summary>Where <see cref="TitleJa"/> comes from: empty (not stated), <see cref="Common.Provenance.UnofficialTranslation"/> or the address of the official Japanese text.</summary>
    public string JapaneseSource { get; set; } = "";

    public List<AgendaItem> Agenda { get; set; } = [];

    public List<MeetingAttendee> Attendees { get; set; } = [];

    public List<MeetingOutcome> Outcomes { get; set; } = [];

    public int LengthMinutes => (int)Math.Round((EndsAt - StartsAt).TotalMinutes);

    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

/// <summary>One item of a meeting's ordered agenda. Items are part of the meeting: editing them versions and audits the meeting.</summary>
public sealed class AgendaItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; set; }

    public int Position { get; set; }

    public string TitleEn { get; set; } = "";

    public string TitleJa { get; set; } = "";

    public Guid? TrackId { get; set; }

    public Track? Track { get; set; }

    public Guid? PresentingAgencyId { get; set; }

    public Agency? PresentingAgency { get; set; }

    public int DurationMinutes { get; set; }

    public string DecisionSought { get; set; } = "";

    public List<Guid> CommitmentIds { get; set; } = [];

    /// <summary>Ids of documents (the Documents capability) to read beforehand; no foreign key, a document may be withdrawn.</summary>
    public List<Guid> PreReadDocumentIds { get; set; } = [];

    /// <summary>For imported history: the public text the item is taken from, so a reader can check it.</summary>
    public string SourceUrl { get; set; } = "";

    /// <summary>How sure the item is: see <see cref="Common.Provenance"/> ("seen", "reported", "reconstructed", "approximate").</summary>
    public string Confidence { get; set; } = "";

    /// <summary>Where <see cref="TitleJa"/> comes from: empty (not stated), <see cref="Common.Provenance.UnofficialTranslation"/> or the address of the official Japanese text.</summary>
    public string JapaneseSource { get; set; } = "";
}

/// <summary>A person who attends (or attended) a meeting for an agency.</summary>
public sealed class MeetingAttendee
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; set; }

    public string PersonName { get; set; } = "";

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    /// <summary>Free text: "Minister", "head of delegation", "note taker".</summary>
    public string Role { get; set; } = "";
}

/// <summary>What a held meeting produced. An <see cref="OutcomeKind.Action"/> points to the commitment it created.</summary>
public sealed class MeetingOutcome
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid MeetingId { get; set; }

    public int Position { get; set; }

    public OutcomeKind Kind { get; set; }

    public string TextEn { get; set; } = "";

    public string TextJa { get; set; } = "";

    public Guid? AgendaItemId { get; set; }

    public Guid? CommitmentId { get; set; }
}

/// <summary>Minutes, a joint statement or another paper of a meeting: a labelled record, read through the access policy.</summary>
public sealed class MeetingPaper : Entity, ILabelled
{
    public Guid MeetingId { get; set; }

    public Meeting? Meeting { get; set; }

    public PaperKind Kind { get; set; }

    public string Title { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>The document (Documents capability) holding the signed or formatted original, if any.</summary>
    public Guid? DocumentId { get; set; }

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public LabelData Label { get; set; } = new();
}

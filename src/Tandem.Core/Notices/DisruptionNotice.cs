using Tandem.Core.Common;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Notices;

/// <summary>
/// Submitted → (Acknowledged) → EmergencyMeetingScheduled → Held → Closed; a notice may also be
/// closed before a meeting (withdrawn or resolved), with an outcome saying why.
/// </summary>
public enum NoticeState
{
    Submitted,
    Acknowledged,
    EmergencyMeetingScheduled,
    Held,
    Closed,
}

public enum ExposureStatus
{
    /// <summary>Not computed yet.</summary>
    Pending,

    /// <summary>Computed from the trade store and saved as an analysis linked to the notice.</summary>
    Computed,

    /// <summary>The trade store holds no data (or none for these products): nothing to compute.</summary>
    NoTradeData,

    /// <summary>The trade store could not be read; the note says why.</summary>
    Unavailable,
}

/// <summary>
/// A supply-chain disruption notice on the model of article 12 of the IPEF Supply Chain Agreement
/// (C8): what is disrupted, why, for how long, what the notifying party has done and what it asks
/// for. Submitting it starts the clock for an emergency meeting within the forum's
/// <see cref="Forum.EmergencyMeetingDays"/>.
/// </summary>
public sealed class DisruptionNotice : Entity, ILabelled
{
    public Guid ForumId { get; set; }

    public Forum? Forum { get; set; }

    public string NotifyingParty { get; set; } = "";

    public Guid NotifyingAgencyId { get; set; }

    public Guid SubmittedBy { get; set; }

    public string Title { get; set; } = "";

    /// <summary>HS 2022 six-digit codes named on the notice.</summary>
    public List<string> Products { get; set; } = [];

    /// <summary>A product basket (e.g. gallium-germanium) named instead of, or besides, the codes.</summary>
    public string Basket { get; set; } = "";

    public List<string> Sectors { get; set; } = [];

    /// <summary>ISO 3166 alpha-3 of the country the disruption comes from.</summary>
    public string SourceCountry { get; set; } = "";

    public string Cause { get; set; } = "";

    public string Impact { get; set; } = "";

    public string ExpectedDuration { get; set; } = "";

    public string MeasuresTaken { get; set; } = "";

    public string AssistanceSought { get; set; } = "";

    public NoticeState State { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>The forum's emergency-meeting days when the notice was submitted (a later change of the forum does not move the deadline).</summary>
    public int MeetingDays { get; set; }

    /// <summary>The day by which an emergency meeting must be scheduled: the submission date plus <see cref="MeetingDays"/>.</summary>
    public DateOnly Deadline { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public string AcknowledgedByParty { get; set; } = "";

    public DateTime? ScheduledAt { get; set; }

    public DateOnly? MeetingDate { get; set; }

    public Tier? MeetingTier { get; set; }

    /// <summary>The C2 meeting, once meetings are wired in (no foreign key yet: meetings live in another module).</summary>
    public Guid? MeetingId { get; set; }

    public DateOnly? HeldOn { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string Outcome { get; set; } = "";

    public ExposureStatus ExposureStatus { get; set; }

    public string ExposureNote { get; set; } = "";

    public Guid? ExposureAnalysisId { get; set; }

    public DateTime? ExposureComputedAt { get; set; }

    public LabelData Label { get; set; } = new();
}

public enum CoercionMeasure
{
    Tariffs,
    ImportBan,
    ExportRestriction,
    InvestmentMeasure,
    Other,
}

/// <summary>The phases of the G7 Coordination Platform on Economic Coercion, in order.</summary>
public enum CoercionPhase
{
    EarlyWarning,
    InformationSharing,
    JointAssessment,
    CoordinatedResponse,
}

/// <summary>An economic-coercion incident reported to the forum and worked through the platform's phases.</summary>
public sealed class CoercionIncident : Entity, ILabelled
{
    public Guid ForumId { get; set; }

    public Forum? Forum { get; set; }

    public string Title { get; set; } = "";

    public string TargetParty { get; set; } = "";

    public string CoercingParty { get; set; } = "";

    public List<CoercionMeasure> Measures { get; set; } = [];

    public List<string> Products { get; set; } = [];

    public string Description { get; set; } = "";

    public DateOnly StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public CoercionPhase Phase { get; set; }

    public Guid ReporterAgencyId { get; set; }

    public List<CoercionPhaseEntry> Entries { get; set; } = [];

    public LabelData Label { get; set; } = new();
}

/// <summary>Notes (and the documents they cite) recorded in one phase of an incident.</summary>
public sealed class CoercionPhaseEntry
{
    /// <summary>Generated when added: a preset key would make EF take a new row reached through the parent for an existing one.</summary>
    public Guid Id { get; set; }

    public Guid IncidentId { get; set; }

    public CoercionPhase Phase { get; set; }

    public string Notes { get; set; } = "";

    public List<Guid> DocumentIds { get; set; } = [];

    public DateTime RecordedAt { get; set; }

    public Guid RecordedBy { get; set; }

    public string AgencyCode { get; set; } = "";
}

using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Core.Evidence;

public enum AnalysisKind
{
    Screening,
    JointScreening,
    Trends,
    Scenario,
    Exposure,
}

/// <summary>
/// A saved result of the trade store (C6): what was asked (parameters), from which data
/// (files and versions), what came out (the result table as CSV), under a label (C5).
/// Analysts attach analyses to agenda items and commitments as evidence.
/// </summary>
public sealed class Analysis : Entity, ILabelled
{
    public string Title { get; set; } = "";

    public AnalysisKind Kind { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>The parameters that produced the result, as JSON (thresholds, sets, preset, year…).</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>The trade-store imports the result came from (file, SHA-256, data version).</summary>
    public string DataSources { get; set; } = "";

    /// <summary>The result table, CSV with a header row, numbers unrounded.</summary>
    public string ResultCsv { get; set; } = "";

    public int ResultRows { get; set; }

    public Guid OwnerAgencyId { get; set; }

    public Guid CreatedBy { get; set; }

    public LabelData Label { get; set; } = new();

    public List<AnalysisLink> Links { get; set; } = [];
}

/// <summary>Evidence link: an analysis attached to another record (agenda item, commitment, notice…).</summary>
public sealed class AnalysisLink
{
    public Guid AnalysisId { get; set; }

    public string TargetType { get; set; } = "";

    public Guid TargetId { get; set; }

    public DateTime LinkedAt { get; set; }

    public Guid LinkedBy { get; set; }
}

using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Forums;

namespace Tandem.Core.Compliance;

public enum CycleKind
{
    Interim,
    Final,
}

/// <summary>How cells are scored: the G7 Research Group's −1/0/+1, or OGP's five-level completion scale.</summary>
public enum ScoringScheme
{
    G7,
    Ogp,
}

/// <summary>What an unscored cell does to an average: left out (default), or counted as 0 in the denominator (the 1997 G7 report's rule).</summary>
public enum UnscoredRule
{
    Exclude,
    CountAsZero,
}

/// <summary>Turning a G7 mean score s ∈ [−1, +1] into a percent: (s+1)/2×100 (current) or s×100 (historic reports).</summary>
public enum PercentConvention
{
    Current,
    Historic,
}

/// <summary>OGP's completion levels. "No evidence" is an answer but not a level of completion: it counts as unscored.</summary>
public enum OgpLevel
{
    NoEvidence = 0,
    NotStarted = 1,
    Limited = 2,
    Substantial = 3,
    Complete = 4,
}

/// <summary>An assessment of a forum's commitments over a window: every assessed party gets a score per commitment.</summary>
public sealed class AssessmentCycle : Entity
{
    public Guid ForumId { get; set; }

    public Forum? Forum { get; set; }

    public string Name { get; set; } = "";

    public CycleKind Kind { get; set; }

    public DateOnly WindowStart { get; set; }

    public DateOnly WindowEnd { get; set; }

    public ScoringScheme Scheme { get; set; }

    public UnscoredRule Unscored { get; set; }

    public PercentConvention Percent { get; set; }

    /// <summary>The parties assessed (codes as scored: ISO 3166 alpha-3, or a member code such as EU for imported history).</summary>
    public List<string> Parties { get; set; } = [];

    public string Notes { get; set; } = "";

    public List<CycleCommitment> Commitments { get; set; } = [];
}

/// <summary>A commitment assessed in a cycle: the rows of the score grid.</summary>
public sealed class CycleCommitment
{
    public Guid CycleId { get; set; }

    public Guid CommitmentId { get; set; }

    public Commitment? Commitment { get; set; }
}

/// <summary>The current score of one party on one commitment in one cycle; null <see cref="Value"/> means not scored.</summary>
public sealed class ComplianceScore : Entity
{
    public Guid CycleId { get; set; }

    public Guid CommitmentId { get; set; }

    public string Party { get; set; } = "";

    /// <summary>G7: −1, 0 or +1. OGP: the <see cref="OgpLevel"/> number. Null: not scored.</summary>
    public int? Value { get; set; }

    public string Rationale { get; set; } = "";

    public string Evidence { get; set; } = "";
}

/// <summary>Every value a cell has had, appended on each scoring or recalibration, so earlier judgements stay readable.</summary>
public sealed class ComplianceScoreRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CycleId { get; set; }

    public Guid CommitmentId { get; set; }

    public string Party { get; set; } = "";

    public int? Value { get; set; }

    public string Rationale { get; set; } = "";

    public string Evidence { get; set; } = "";

    public DateTime At { get; set; }

    public string By { get; set; } = "";
}

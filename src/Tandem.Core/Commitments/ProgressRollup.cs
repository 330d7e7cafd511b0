namespace Tandem.Core.Commitments;

/// <summary>
/// The published roll-up rule: a commitment's progress is the weighted mean of its milestones'
/// progress, Σ wᵢ·pᵢ / Σ wᵢ. A milestone nobody has assessed yet counts as 0 (it is not left out,
/// which would flatter the commitment). Without milestones there is no roll-up (null).
/// </summary>
public static class ProgressRollup
{
    public const string Rule = "Progress is the weighted mean of the milestones' progress (Σ weight × progress ÷ Σ weight). A milestone without a value counts as 0. Without milestones no progress is computed.";

    public static double? Of(IEnumerable<(double Weight, int? Progress)> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        double weights = 0, weighted = 0;
        foreach (var (weight, progress) in milestones)
        {
            weights += weight;
            weighted += weight * (progress ?? 0);
        }

        return weights > 0 ? Math.Round(weighted / weights, 2) : null;
    }

    public static double? Of(IEnumerable<Milestone> milestones) => Of(milestones.Select(m => (m.Weight, m.Progress)));

    /// <summary>Each milestone's share of the total weight, in percent, so readers see what counts how much.</summary>
    public static double Share(double weight, double totalWeight) => totalWeight > 0 ? Math.Round(weight / totalWeight * 100, 1) : 0;
}

namespace Tandem.Core.Compliance;

/// <summary>Sums and counts of one group of cells (a party, a commitment, a track, a cycle).</summary>
public readonly record struct Tally(double Sum, int Scored, int Cells)
{
    public Tally Add(double value, int count = 1) => new(Sum + (value * count), Scored + count, Cells);
}

/// <summary>
/// The compliance arithmetic, stated once. A G7 cell is −1, 0 or +1. An OGP cell is a completion
/// level mapped to 0 (not started), ⅓ (limited), ⅔ (substantial) or 1 (complete); "no evidence"
/// counts as unscored. An average is Σ scores ÷ n, where n is the number of scored cells (rule
/// Exclude) or of all cells, unscored counted as 0 (rule CountAsZero). The overall average is the
/// mean over all scored cells, not the mean of the party averages (both are reported).
/// </summary>
public static class ComplianceMath
{
    public static bool IsValid(ScoringScheme scheme, int value) => scheme switch
    {
        ScoringScheme.G7 => value is -1 or 0 or 1,
        ScoringScheme.Ogp => Enum.IsDefined((OgpLevel)value),
        _ => false,
    };

    /// <summary>The number a stored value contributes, or null when it counts as unscored.</summary>
    public static double? Numeric(ScoringScheme scheme, int? value) => value is not { } v ? null : scheme switch
    {
        ScoringScheme.G7 => v,
        ScoringScheme.Ogp => (OgpLevel)v switch
        {
            OgpLevel.NotStarted => 0,
            OgpLevel.Limited => 1.0 / 3,
            OgpLevel.Substantial => 2.0 / 3,
            OgpLevel.Complete => 1,
            _ => null,
        },
        _ => null,
    };

    public static double? Mean(Tally tally, UnscoredRule rule)
    {
        var denominator = rule == UnscoredRule.Exclude ? tally.Scored : tally.Cells;
        return denominator > 0 ? tally.Sum / denominator : null;
    }

    public static double? Percent(double? mean, ScoringScheme scheme, PercentConvention convention) => mean is not { } m ? null : scheme switch
    {
        ScoringScheme.G7 => convention == PercentConvention.Current ? (m + 1) / 2 * 100 : m * 100,
        _ => m * 100,
    };

    public static string Display(ScoringScheme scheme, int? value) => value is not { } v ? "" : scheme switch
    {
        ScoringScheme.G7 => v > 0 ? "+1" : v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => ((OgpLevel)v).ToString(),
    };

    public static string PercentRule(ScoringScheme scheme, PercentConvention convention) => scheme switch
    {
        ScoringScheme.G7 when convention == PercentConvention.Current => "percent = (s + 1) ÷ 2 × 100 (current G7 Research Group convention)",
        ScoringScheme.G7 => "percent = s × 100 (historic convention of early G7 reports)",
        _ => "percent = completion × 100 (not started 0, limited ⅓, substantial ⅔, complete 1)",
    };

    public static string UnscoredText(UnscoredRule rule) => rule == UnscoredRule.Exclude
        ? "Unscored cells are left out of every average."
        : "Unscored cells count as 0 in the denominator of every average (the 1997 G7 report's rule).";
}

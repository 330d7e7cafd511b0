namespace Tandem.Core.Common;

/// <summary>Picks the Japanese or English text of a bilingual field, falling back to English.</summary>
public static class Localized
{
    public static string Pick(string culture, string english, string japanese) =>
        culture.StartsWith("ja", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(japanese) ? japanese : english;
}

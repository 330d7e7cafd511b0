using Tandem.Core.Common;
using Tandem.Core.Forums;

namespace Tandem.Core.Notices;

/// <summary>
/// The HS 2022 nomenclature and the product baskets, handed in by the host: they live in the trade
/// store's assembly, which Core does not reference.
/// </summary>
public sealed record ProductCatalog(Func<string, bool> IsHs6, Func<string, IReadOnlyList<string>?> Basket, IReadOnlyList<string> BasketNames)
{
    /// <summary>
    /// Normalises and checks HS codes ("8112.92" → "811292") and the basket; at least one product or a
    /// basket is required. Field errors name the offending entry (<c>products[1]</c>).
    /// </summary>
    public List<string> Check(Validation validation, IReadOnlyList<string>? products, string? basket, bool required)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var codes = new List<string>();
        var list = products ?? [];
        if (list.Count > 200)
        {
            validation.Add("products", "products may list at most 200 HS codes; name a basket for wider groups.");
            return codes;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var code = new string((list[i] ?? "").Where(c => c is not ('.' or ' ')).ToArray());
            if (code.Length != 6 || !code.All(char.IsAsciiDigit) || !IsHs6(code))
            {
                validation.Add($"products[{i}]", $"'{ForumRules.Truncate(list[i] ?? "")}' is not a six-digit code of the HS 2022 nomenclature.");
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        if (!string.IsNullOrWhiteSpace(basket) && Basket(basket.Trim()) is null)
        {
            validation.Add("basket", $"basket '{ForumRules.Truncate(basket)}' is not a product basket ({string.Join(", ", BasketNames)}).");
        }

        if (required && list.Count == 0 && string.IsNullOrWhiteSpace(basket))
        {
            validation.Add("products", "products: name at least one HS 2022 six-digit code (or a product basket).");
        }

        return codes;
    }

    /// <summary>The codes named plus the basket's, without duplicates.</summary>
    public IReadOnlyList<string> Expand(IEnumerable<string> products, string? basket) =>
        products.Concat(string.IsNullOrWhiteSpace(basket) ? [] : Basket(basket) ?? []).Distinct(StringComparer.Ordinal).ToList();
}

namespace Tandem.Analytics.CodeLists;

public sealed record BasketProduct(string Hs6, string Reason);

/// <summary>A named selection of HS6 products of one strategic sector (semiconductors, graphite, …).</summary>
public sealed record ProductBasket(string Name, IReadOnlyList<BasketProduct> Products)
{
    public IReadOnlyList<string> Codes => Products.Select(p => p.Hs6).ToList();
}

/// <summary>
/// The product baskets, kept as editable data (<c>Data/baskets.csv</c>: basket, hs6, reason) rather than
/// code, so analysts can change a selection in review without touching the screening.
/// </summary>
public static class ProductBaskets
{
    private static readonly Lazy<IReadOnlyList<ProductBasket>> Shipped =
        new(() => Parse(TradeCodeLists.ReadResource("baskets.csv")));

    /// <summary>The baskets shipped with the assembly, in file order.</summary>
    public static IReadOnlyList<ProductBasket> All => Shipped.Value;

    public static Result<ProductBasket> Find(string name)
    {
        var basket = All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
        return basket is null
            ? Result<ProductBasket>.NotFound($"unknown basket '{name}' (known: {string.Join(", ", All.Select(b => b.Name))})")
            : basket;
    }

    /// <summary>Reads baskets from CSV text with the header <c>basket,hs6,reason</c>.</summary>
    public static IReadOnlyList<ProductBasket> Parse(string csvText)
    {
        var order = new List<string>();
        var byName = new Dictionary<string, List<BasketProduct>>(StringComparer.Ordinal);
        foreach (var record in SimpleCsv.ReadRecords(csvText))
        {
            var name = record["basket"].Trim();
            if (!byName.TryGetValue(name, out var list))
            {
                list = [];
                byName[name] = list;
                order.Add(name);
            }

            list.Add(new BasketProduct(record["hs6"].Trim(), record["reason"].Trim()));
        }

        return order.Select(n => new ProductBasket(n, byName[n])).ToList();
    }
}

using Tandem.Analytics.Store;

namespace Tandem.Analytics.Screening;

public sealed record JointRequest(IReadOnlyList<string> Bloc, int Year)
{
    public IReadOnlyList<string>? Products { get; init; }

    public string? Basket { get; init; }

    public TradeSource? Source { get; init; }

    /// <summary>Per-party screening parameters; the EU-2021 preset is applied to each party alone.</summary>
    public ScreeningParameters Parameters { get; init; } = new();
}

public sealed record JointParty(string Party, double Imports, double HhiImports, string TopSupplier, double TopShare, bool Persistent);

/// <summary>A product on which every party of the bloc is dependent; the shared top supplier when they have the same one.</summary>
public sealed record JointRow(string Hs6, string? Description, IReadOnlyList<JointParty> Parties, string? SharedTopSupplier);

public sealed record JointResult(JointRequest Request, ScreeningResult Screening, IReadOnlyList<JointRow> Rows);

/// <summary>Joint dependencies: products dependent for every party of a bloc in a year, shared top suppliers first.</summary>
public static class FindJointDependencies
{
    public static Result<JointResult> Run(TradeStore store, JointRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Bloc.Count < 2)
        {
            return Result<JointResult>.Invalid("a joint view needs a bloc of at least two parties");
        }

        var screening = ScreenDependencies.Run(store, new ScreeningRequest(request.Year)
        {
            Parties = request.Bloc,
            Products = request.Products,
            Basket = request.Basket,
            Source = request.Source,
            Parameters = request.Parameters,
        });
        if (!screening.IsSuccess)
        {
            return screening.Failure!;
        }

        var rows = screening.Value.Rows
            .Where(r => r.Dependent)
            .GroupBy(r => r.Hs6, StringComparer.Ordinal)
            .Where(g => request.Bloc.All(party => g.Any(r => r.Party == party)))
            .Select(g =>
            {
                var parties = request.Bloc.Select(party => g.First(r => r.Party == party))
                    .Select(r => new JointParty(r.Party, r.Imports, r.HhiImports, r.TopSupplier, r.TopShare, r.Persistent))
                    .ToList();
                var tops = parties.Select(p => p.TopSupplier).Distinct(StringComparer.Ordinal).ToList();
                return new JointRow(g.Key, g.First().Description, parties, tops.Count == 1 ? tops[0] : null);
            })
            .OrderBy(r => r.SharedTopSupplier is null)
            .ThenBy(r => r.Hs6, StringComparer.Ordinal)
            .ToList();
        return new JointResult(request, screening.Value, rows);
    }
}

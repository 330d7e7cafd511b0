using System.Text.Json;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Scenario;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notices;

namespace Tandem.Web.Exposure;

/// <summary>The HS 2022 nomenclature and product baskets of the trade store, for validating notices (Core does not reference Analytics).</summary>
public static class TradeProductCatalog
{
    public static ProductCatalog Instance { get; } = new(
        // 999999 ("commodities not specified according to kind") is a statistical total, not an HS product.
        code => TradeCodeLists.Default.ProductsByCode.TryGetValue(code, out var product) && product.Section != "TOTAL",
        name => ProductBaskets.Find(name) is { IsSuccess: true } found ? found.Value.Codes : null,
        ProductBaskets.All.Select(b => b.Name).ToList());
}

/// <summary>
/// Computes a notice's exposure from the trade store and records it (C8 × C6). For each forum party:
/// imports of the notice's products, the share from the source country, the HHI of its suppliers
/// (a screening with the source as the only "country of concern"), and what allies could make up
/// if the source cut everything (the disruption scenario with f = 1). No store, or no data in it,
/// is an answer written on the notice, never an error.
/// </summary>
public sealed class NoticeExposureService(IConfiguration configuration, IServiceProvider services, TimeProvider clock, ILogger<NoticeExposureService> logger)
{
    public const string StoreKey = "Tandem:Trade:Store";

    /// <summary>Share α of allies' spare exports assumed redirectable (the scenario's default; an assumption, not data).</summary>
    public const double Redirect = 0.25;

    public async Task<Result<ExposureStatus>> ComputeAndRecord(TandemDbContext db, Actor actor, Guid noticeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await NoticeExposure.Prepare(db, actor, noticeId, DateOnly.FromDateTime(now), ct);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var outcome = Compute(request.Value);
        return await NoticeExposure.Record(db, actor, noticeId, outcome, now, ct);
    }

    public ExposureOutcome Compute(ExposureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (services.GetService<TradeStore>() is { } shared)
        {
            return Compute(shared, request);
        }

        var path = configuration[StoreKey] ?? TradeStoreOptions.DefaultPath;
        if (!File.Exists(path))
        {
            return ExposureOutcome.NoData("The trade store has no data yet: import BACI or Comtrade files, then compute the exposure again.");
        }

        var opened = TradeStore.Open(path);
        if (!opened.IsSuccess)
        {
            logger.LogWarning("Trade store unavailable for notice exposure: {Reason}", opened.Failure!.Message);
            return ExposureOutcome.Unavailable("The trade store could not be opened; try again later or ask an administrator.");
        }

        using var store = opened.Value;
        return Compute(store, request);
    }

    private static ExposureOutcome Compute(TradeStore store, ExposureRequest request)
    {
        var sources = store.ListSources();
        if (sources.Count == 0)
        {
            return ExposureOutcome.NoData("The trade store has no data yet: import BACI or Comtrade files, then compute the exposure again.");
        }

        var source = sources.Contains(TradeSource.Baci) ? TradeSource.Baci : sources[0];
        var years = store.ListYears(source);
        if (years.Count == 0 || request.Parties.Count == 0)
        {
            return ExposureOutcome.NoData("The trade store has no data yet: import BACI or Comtrade files, then compute the exposure again.");
        }

        var year = years.Max();
        var products = TradeProductCatalog.Instance.Expand(request.Products, request.Basket);
        var allies = request.Parties.Concat(ScreeningParameters.DefaultLikeMinded).Distinct(StringComparer.Ordinal).ToList();
        var screening = ScreenDependencies.Run(store, new ScreeningRequest(year)
        {
            Parties = request.Parties,
            Products = products,
            Source = source,

            // The source as the only "country of concern": its share is the concern share of the screening.
            Parameters = new ScreeningParameters { ConcernCountries = [request.SourceCountry], ForumParties = request.Parties },
        });
        if (!screening.IsSuccess)
        {
            return screening.Failure!.Kind == Tandem.Analytics.FailureKind.NotFound ? ExposureOutcome.NoData(screening.Failure.Message) : ExposureOutcome.Unavailable(screening.Failure.Message);
        }

        var scenario = RunDisruptionScenario.Run(store, new ScenarioRequest([request.SourceCountry], request.Parties, year)
        {
            Products = products,
            Cut = 1.0,
            Redirect = Redirect,
            Allies = allies,
            Source = source,
        });
        if (!scenario.IsSuccess)
        {
            return ExposureOutcome.Unavailable(scenario.Failure!.Message);
        }

        var cut = scenario.Value.Rows.ToDictionary(r => (r.Target, r.Hs6));
        var rows = screening.Value.Rows.Select(s =>
        {
            var lost = cut.GetValueOrDefault((s.Party, s.Hs6));
            return new ExposureRow(s.Party, s.Hs6, s.Description ?? "", s.Imports, s.ConcernShare * s.Imports, s.ConcernShare, s.HhiImports,
                lost?.LostValue ?? 0, lost?.SubstitutionCapacity ?? 0, lost?.ResidualGap ?? 0);
        }).ToList();
        var sourceName = source.ToString().ToLowerInvariant();
        if (rows.Count == 0)
        {
            return ExposureOutcome.NoData($"The trade store has no {year} imports of these products by {string.Join(", ", request.Parties)} ({sourceName}).");
        }

        var parameters = JsonSerializer.Serialize(new
        {
            year,
            tradeSource = sourceName,
            sourceCountry = request.SourceCountry,
            products,
            parties = request.Parties,
            cut = 1.0,
            redirect = Redirect,
            allies = scenario.Value.Allies,
        });
        var versions = string.Join("\n", screening.Value.DataVersions.Select(v => $"{v.DataVersion}; {v.FileName}; years {string.Join(",", v.Years)}; sha256 {v.Sha256}"));
        return new ExposureOutcome(ExposureStatus.Computed, $"Computed from {sourceName} {year}.",
            new ExposureComputation(year, sourceName, versions, parameters, request.Parties, rows));
    }
}

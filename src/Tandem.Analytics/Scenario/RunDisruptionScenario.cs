using System.Globalization;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Export;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Scenario;

public sealed record ScenarioRequest(IReadOnlyList<string> Suppliers, IReadOnlyList<string> Targets, int Year)
{
    /// <summary>HS6 codes hit by the cut; null with no basket means every product.</summary>
    public IReadOnlyList<string>? Products { get; init; }

    public string? Basket { get; init; }

    /// <summary>Fraction f of the suppliers' exports to the targets that is cut.</summary>
    public double Cut { get; init; } = 1.0;

    /// <summary>Share α of allies' spare exports that could be redirected to the targets (an assumption, not data).</summary>
    public double Redirect { get; init; } = 0.25;

    /// <summary>Allies who could substitute; null takes the screening defaults (forum parties and like-minded list).</summary>
    public IReadOnlyList<string>? Allies { get; init; }

    public TradeSource? Source { get; init; }
}

/// <summary>
/// One target × product: value lost, allies' spare exports <c>Σ_a (W_a − v[a→target])</c>, the capacity
/// (spare × α), and the residual gap <c>max(0, lost − capacity)</c>. Thousand USD.
/// </summary>
public sealed record ScenarioRow(
    string Target,
    string Hs6,
    string? Description,
    double Imports,
    double LostValue,
    double AllySpareExports,
    double SubstitutionCapacity,
    double ResidualGap);

public sealed record BasketTotal(string Basket, double LostValue, double SubstitutionCapacity, double ResidualGap);

public sealed record ScenarioResult(
    ScenarioRequest Request,
    IReadOnlyList<string> Allies,
    TradeSource Source,
    IReadOnlyList<ImportRecord> DataVersions,
    IReadOnlyList<ScenarioRow> Rows,
    IReadOnlyList<BasketTotal> BasketTotals,
    DateTime ComputedAtUtc);

/// <summary>
/// Disruption scenario: suppliers S cut a fraction f of their exports of products K to the target parties.
/// Allies exclude the target itself (a union's members) and the cutting suppliers. A union target (EUR) stands for
/// its members: its imports, losses and allies' deliveries are summed over them, and trade between members never counts. Ranked by residual gap, largest first.
/// </summary>
public static class RunDisruptionScenario
{
    public static Result<ScenarioResult> Run(TradeStore store, ScenarioRequest request)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Suppliers.Count == 0)
        {
            return Result<ScenarioResult>.Invalid("name at least one supplier that cuts its exports");
        }

        if (request.Targets.Count == 0)
        {
            return Result<ScenarioResult>.Invalid("name at least one target party");
        }

        // A union among the allies offers its members' exports.
        var allies = TradeParties.Expand(request.Allies ?? new ScreeningParameters().Allies)
            .Where(a => !request.Suppliers.Contains(a, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var invalid = TradeInput.CheckCountries(request.Suppliers, "suppliers")
            ?? TradeInput.CheckParties(request.Targets, "targets")
            ?? TradeInput.CheckParties(request.Allies, "allies")
            ?? TradeInput.CheckFraction(request.Cut, "cut")
            ?? TradeInput.CheckFraction(request.Redirect, "redirect");
        if (invalid is not null)
        {
            return invalid;
        }

        var products = TradeInput.ResolveProducts(request.Products, request.Basket);
        if (!products.IsSuccess)
        {
            return products.Failure!;
        }

        using var gate = store.Acquire();
        var connection = store.Connection;
        var source = TradeInput.ResolveSource(connection, request.Source);
        if (!source.IsSuccess)
        {
            return source.Failure!;
        }

        if (TradeInput.CheckYear(TradeInput.YearsIn(connection, source.Value), request.Year) is { } missing)
        {
            return missing;
        }

        var pairs = PairFlows.Build(connection, new PairFlows.Scope(source.Value, [request.Year], products.Value));
        var f = Sql.Double(request.Cut);
        var alpha = Sql.Double(request.Redirect);

        // Each target with the reporters it stands for (a state itself, a union its members, typed as the store's
        // country codes); a target's imports are those from outside it, so trade inside a union never counts.
        var members = string.Join(", ", request.Targets.Distinct(StringComparer.Ordinal)
            .SelectMany(t => TradeParties.ReportersOf(t).Select(m => $"({Sql.Literal(t)}, {Sql.Literal(m)}::iso3)")));
        var sql = $"""
            WITH f AS NOT MATERIALIZED ({pairs}),
            targets AS (SELECT * FROM (VALUES {members}) t(target, member)),
            tf AS (
                SELECT t.target, f.exporter, f.hs6, f.v
                FROM f
                JOIN targets t ON t.member = f.importer
                ANTI JOIN targets inside ON inside.target = t.target AND inside.member = f.exporter),
            lost AS (
                SELECT target, hs6, sum(v) * {f} AS lost FROM tf
                WHERE exporter IN {Sql.InList(request.Suppliers)}
                GROUP BY target, hs6),
            imports AS (SELECT target, hs6, sum(v) AS imports FROM tf GROUP BY target, hs6),
            ally_exports AS (SELECT exporter AS ally, hs6, sum(v) AS w FROM f WHERE exporter IN {Sql.InList(allies)} GROUP BY exporter, hs6),
            ally_sent AS (
                SELECT exporter AS ally, target, hs6, sum(v) AS sent FROM tf
                WHERE exporter IN {Sql.InList(allies)}
                GROUP BY exporter, target, hs6),
            spare AS (
                SELECT l.target, l.hs6, sum(a.w - coalesce(s.sent, 0)) AS spare
                FROM lost l
                JOIN ally_exports a ON a.hs6 = l.hs6
                ANTI JOIN targets own ON own.target = l.target AND own.member = a.ally
                LEFT JOIN ally_sent s ON s.ally = a.ally AND s.target = l.target AND s.hs6 = l.hs6
                GROUP BY l.target, l.hs6)
            SELECT l.target, l.hs6, pr.description, i.imports, l.lost,
                   coalesce(sp.spare, 0) AS spare,
                   coalesce(sp.spare, 0) * {alpha} AS capacity,
                   greatest(0.0, l.lost - coalesce(sp.spare, 0) * {alpha}) AS gap
            FROM lost l
            JOIN imports i ON i.target = l.target AND i.hs6 = l.hs6
            LEFT JOIN spare sp ON sp.target = l.target AND sp.hs6 = l.hs6
            LEFT JOIN products pr ON pr.hs6 = l.hs6
            ORDER BY gap DESC, l.target, l.hs6
            """;
        var rows = Sql.Query(connection, sql, r => new ScenarioRow(
            r.GetString(0), r.GetString(1), Sql.NullableString(r, 2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7)));
        var versions = PairFlows.ImportsFor(connection, source.Value, [request.Year]);
        return new ScenarioResult(request, allies, source.Value, versions, rows, TotalsPerBasket(rows, request.Basket), DateTime.UtcNow);
    }

    /// <summary>Totals for each shipped basket that has products in the result (only the requested one when a basket was asked for).</summary>
    public static List<BasketTotal> TotalsPerBasket(IReadOnlyList<ScenarioRow> rows, string? basket)
    {
        var baskets = ProductBaskets.All.Where(b => basket is null || string.Equals(b.Name, basket, StringComparison.OrdinalIgnoreCase));
        var totals = new List<BasketTotal>();
        foreach (var b in baskets)
        {
            var codes = b.Codes.ToHashSet(StringComparer.Ordinal);
            var inBasket = rows.Where(r => codes.Contains(r.Hs6)).ToList();
            if (inBasket.Count > 0)
            {
                totals.Add(new BasketTotal(b.Name, inBasket.Sum(r => r.LostValue), inBasket.Sum(r => r.SubstitutionCapacity), inBasket.Sum(r => r.ResidualGap)));
            }
        }

        return totals.OrderByDescending(t => t.ResidualGap).ToList();
    }

    public static ResultTable ToTable(this ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var columns = new List<TableColumn>
        {
            new("target", CellKind.Text), new("hs6", CellKind.Text), new("description", CellKind.Text),
            new("imports", CellKind.Number), new("lost_value", CellKind.Number), new("ally_spare_exports", CellKind.Number),
            new("substitution_capacity", CellKind.Number), new("residual_gap", CellKind.Number),
        };
        var rows = result.Rows.Select(r => new object?[]
        {
            r.Target, r.Hs6, r.Description, r.Imports, r.LostValue, r.AllySpareExports, r.SubstitutionCapacity, r.ResidualGap,
        }).ToList();
        var q = result.Request;
        var about = new List<KeyValuePair<string, string>>
        {
            new("analysis", "disruption scenario"),
            new("year", q.Year.ToString(CultureInfo.InvariantCulture)),
            new("suppliers cutting", string.Join(",", q.Suppliers)),
            new("targets", string.Join(",", q.Targets)),
            new("basket", q.Basket ?? string.Empty),
            new("products", q.Products is { Count: > 0 } ? string.Join(",", q.Products) : string.Empty),
            new("cut fraction f", ResultWriter.FormatValue(q.Cut)),
            new("redirection share alpha", ResultWriter.FormatValue(q.Redirect)),
            new("allies", string.Join(",", result.Allies)),
            new("source", TradeStore.SourceName(result.Source)),
            new("computed at (UTC)", result.ComputedAtUtc.ToString("O", CultureInfo.InvariantCulture)),
        };
        about.AddRange(result.BasketTotals.Select(t => new KeyValuePair<string, string>(
            $"basket total: {t.Basket}",
            $"lost {ResultWriter.FormatValue(t.LostValue)}; capacity {ResultWriter.FormatValue(t.SubstitutionCapacity)}; gap {ResultWriter.FormatValue(t.ResidualGap)}")));
        about.AddRange(ScreeningExport.DataVersionLines(result.DataVersions));
        var provenance = new
        {
            Request = q,
            result.Allies,
            Source = TradeStore.SourceName(result.Source),
            result.BasketTotals,
            result.DataVersions,
            result.ComputedAtUtc,
        };
        return new ResultTable("scenario", columns, rows, about, provenance);
    }
}

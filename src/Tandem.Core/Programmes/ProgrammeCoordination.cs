using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Programmes;

/// <summary>What a coordination view is asked for: the currency of totals, the rate date, an optional window of years.</summary>
public sealed record CoordinationQuery(string? Currency = null, DateOnly? RateDate = null, int? FromYear = null, int? ToYear = null, string? Technology = null);

public sealed record ProgrammeRef(Guid Id, string Code, string Party, string NameEn, string NameJa, int StartYear, int EndYear);

public sealed record MatrixPartyCell(string Party, decimal Total, int Count, IReadOnlyList<ProgrammeRef> Programmes);

public sealed record MatrixCell(ValueChainStage Stage, IReadOnlyList<MatrixPartyCell> Parties, decimal Total, bool Overlap, bool Gap);

public sealed record MatrixRow(string Technology, string NameEn, string NameJa, bool Prioritised, IReadOnlyList<MatrixCell> Cells, IReadOnlyDictionary<string, decimal> PartyTotals)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>Programmes of two parties funding the same technology and stage in overlapping years.</summary>
public sealed record OverlapDto(string Technology, ValueChainStage Stage, ProgrammeRef First, ProgrammeRef Second, int FromYear, int ToYear);

/// <summary>A stage of a prioritised technology that no party funds (among the programmes the reader may see).</summary>
public sealed record GapDto(string Technology, string NameEn, string NameJa, ValueChainStage Stage);

public sealed record MatrixDto(string Currency, DateOnly RateDate, int? FromYear, int? ToYear, IReadOnlyList<string> Parties, IReadOnlyList<ValueChainStage> Stages,
    IReadOnlyList<MatrixRow> Rows, IReadOnlyList<OverlapDto> Overlaps, IReadOnlyList<GapDto> Gaps, IReadOnlyDictionary<string, decimal> PartyTotals);

public sealed record ProfileSeries(string Party, IReadOnlyList<decimal> Values);

/// <summary>Money per party per year; programmes without a disbursement profile are spread evenly over their years (listed in <see cref="EvenlySpread"/>).</summary>
public sealed record ProfileDto(string Currency, DateOnly RateDate, IReadOnlyList<int> Years, IReadOnlyList<ProfileSeries> Series, IReadOnlyList<string> EvenlySpread);

public sealed record ConvertedProgramme(ProgrammeSummaryDto Programme, decimal Converted);

public sealed record PartyComparison(string Party, IReadOnlyList<ConvertedProgramme> Programmes, decimal Total);

/// <summary>One technology's programmes side by side, party by party, in one currency at one rate date.</summary>
public sealed record ComparisonDto(string Technology, string Currency, DateOnly RateDate, IReadOnlyList<PartyComparison> Parties);

/// <summary>
/// Coordination views over the programmes a reader may see (C7): the technology × stage × party
/// matrix with overlaps and gaps, yearly profiles and side-by-side comparisons, all converted into
/// one currency with the rates of one date (never mixing currencies).
/// </summary>
public static class ProgrammeCoordination
{
    public static async Task<Result<MatrixDto>> Matrix(TandemDbContext db, Actor actor, CoordinationQuery query, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var loaded = await Load(db, actor, query, today, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (programmes, currency, rateDate, converted) = loaded.Value;
        var technologies = await db.Set<Technology>().AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct);
        var parties = programmes.Select(p => p.Party)
            .Concat(await db.ForumParties.Select(f => f.Party).Distinct().ToListAsync(ct))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stages = Enum.GetValues<ValueChainStage>();
        var overlaps = FindOverlaps(programmes);
        var overlapCells = overlaps.Select(o => (o.Technology, o.Stage)).ToHashSet();
        var rows = new List<MatrixRow>();
        var gaps = new List<GapDto>();
        foreach (var technology in technologies)
        {
            var ofTechnology = programmes.Where(p => p.TechnologyId == technology.Id).ToList();
            if (ofTechnology.Count == 0 && !technology.Prioritised)
            {
                continue;
            }

            if (query.Technology is { Length: > 0 } only && !string.Equals(only.Trim(), technology.Code, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var cells = new List<MatrixCell>();
            foreach (var stage in stages)
            {
                var inCell = ofTechnology.Where(p => p.Stage == stage).ToList();
                var perParty = parties.Select(party =>
                {
                    var mine = inCell.Where(p => p.Party == party).ToList();
                    return new MatrixPartyCell(party, mine.Sum(p => converted[p.Id]), mine.Count, mine.Select(Ref).ToList());
                }).ToList();
                var gap = technology.Prioritised && inCell.Count == 0;
                if (gap)
                {
                    gaps.Add(new GapDto(technology.Code, technology.NameEn, technology.NameJa, stage));
                }

                cells.Add(new MatrixCell(stage, perParty, inCell.Sum(p => converted[p.Id]), overlapCells.Contains((technology.Code, stage)), gap));
            }

            rows.Add(new MatrixRow(technology.Code, technology.NameEn, technology.NameJa, technology.Prioritised, cells,
                parties.ToDictionary(p => p, p => ofTechnology.Where(x => x.Party == p).Sum(x => converted[x.Id]), StringComparer.Ordinal)));
        }

        var totals = parties.ToDictionary(p => p, p => programmes.Where(x => x.Party == p).Sum(x => converted[x.Id]), StringComparer.Ordinal);
        db.Audit(AuditAction.View, "ProgrammeMatrix", "", details: $"{programmes.Count} programmes in {currency} at {ExchangeRates.Iso(rateDate)}");
        await db.SaveChangesAsync(ct);
        return new MatrixDto(currency, rateDate, query.FromYear, query.ToYear, parties, stages, rows, overlaps, gaps, totals);
    }

    public static async Task<Result<ProfileDto>> Profile(TandemDbContext db, Actor actor, CoordinationQuery query, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var loaded = await Load(db, actor, query, today, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (programmes, currency, rateDate, converted) = loaded.Value;
        if (query.Technology is { Length: > 0 } technology)
        {
            programmes = programmes.Where(p => string.Equals(p.Technology!.Code, technology.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (programmes.Count == 0)
        {
            return new ProfileDto(currency, rateDate, [], [], []);
        }

        var first = query.FromYear ?? programmes.Min(p => p.StartYear);
        var last = query.ToYear ?? programmes.Max(p => p.EndYear);
        var years = Enumerable.Range(first, Math.Max(0, last - first + 1)).ToList();
        var spread = new List<string>();
        var byParty = new SortedDictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var programme in programmes)
        {
            if (!byParty.TryGetValue(programme.Party, out var values))
            {
                byParty[programme.Party] = values = new decimal[years.Count];
            }

            // Converted total over the programme's own amount: applies the same rate to each year.
            var factor = programme.Amount == 0 ? 0 : converted[programme.Id] / programme.Amount;
            var yearly = programme.Disbursements.Count > 0
                ? programme.Disbursements.ToDictionary(d => d.Year, d => d.Amount)
                : Spread(programme, spread);
            foreach (var (year, amount) in yearly)
            {
                var index = year - first;
                if (index >= 0 && index < years.Count)
                {
                    values[index] += amount * factor;
                }
            }
        }

        return new ProfileDto(currency, rateDate, years, byParty.Select(kv => new ProfileSeries(kv.Key, kv.Value)).ToList(), spread);
    }

    public static async Task<Result<ComparisonDto>> Compare(TandemDbContext db, Actor actor, CoordinationQuery query, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var technology = string.IsNullOrWhiteSpace(query.Technology) ? "semiconductors" : query.Technology.Trim().ToLowerInvariant();
        if (!await db.Set<Technology>().AnyAsync(t => t.Code == technology, ct))
        {
            return Error.Invalid("technology", $"technology '{ForumRules.Truncate(technology)}' is not in the taxonomy.");
        }

        var loaded = await Load(db, actor, query with { Technology = technology }, today, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (programmes, currency, rateDate, converted) = loaded.Value;
        var ids = programmes.Select(p => p.Id).ToList();
        var summaries = await ProgrammeUseCases.Summaries(db.Set<Programme>().AsNoTracking().Where(p => ids.Contains(p.Id)), ct);
        var parties = summaries.GroupBy(s => s.Party).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PartyComparison(g.Key,
                g.OrderByDescending(s => converted[s.Id]).Select(s => new ConvertedProgramme(s, converted[s.Id])).ToList(),
                g.Sum(s => converted[s.Id])))
            .ToList();
        return new ComparisonDto(technology, currency, rateDate, parties);
    }

    /// <summary>Pairs of programmes of different parties in the same technology and stage whose years overlap.</summary>
    public static List<OverlapDto> FindOverlaps(IReadOnlyList<Programme> programmes)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        var overlaps = new List<OverlapDto>();
        foreach (var cell in programmes.GroupBy(p => (p.Technology!.Code, p.Stage)))
        {
            var list = cell.OrderBy(p => p.Party, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var (a, b) = (list[i], list[j]);
                    var from = Math.Max(a.StartYear, b.StartYear);
                    var to = Math.Min(a.EndYear, b.EndYear);
                    if (a.Party != b.Party && from <= to)
                    {
                        overlaps.Add(new OverlapDto(cell.Key.Code, cell.Key.Stage, Ref(a), Ref(b), from, to));
                    }
                }
            }
        }

        return overlaps;
    }

    private static Dictionary<int, decimal> Spread(Programme programme, List<string> spread)
    {
        spread.Add(programme.Code);
        var years = programme.EndYear - programme.StartYear + 1;
        return Enumerable.Range(programme.StartYear, years).ToDictionary(y => y, _ => programme.Amount / years);
    }

    private static ProgrammeRef Ref(Programme p) => new(p.Id, p.Code, p.Party, p.NameEn, p.NameJa, p.StartYear, p.EndYear);

    /// <summary>Visible programmes in the window, the target currency, the rate date and each programme's converted amount.</summary>
    private static async Task<Result<(List<Programme>, string, DateOnly, Dictionary<Guid, decimal>)>> Load(
        TandemDbContext db, Actor actor, CoordinationQuery query, DateOnly today, CancellationToken ct)
    {
        var validation = new Validation();
        var currency = string.IsNullOrWhiteSpace(query.Currency) ? FxTable.Usd : query.Currency.Trim().ToUpperInvariant();
        if (!ProgrammeRules.IsCurrency(currency))
        {
            validation.Add("currency", $"currency '{ForumRules.Truncate(currency)}' is not an ISO 4217 currency code.");
        }

        if (query.FromYear is < ProgrammeRules.MinYear or > ProgrammeRules.MaxYear)
        {
            validation.Add("fromYear", $"fromYear must be between {ProgrammeRules.MinYear} and {ProgrammeRules.MaxYear}.");
        }

        if (query.ToYear is < ProgrammeRules.MinYear or > ProgrammeRules.MaxYear)
        {
            validation.Add("toYear", $"toYear must be between {ProgrammeRules.MinYear} and {ProgrammeRules.MaxYear}.");
        }
        else if (query.FromYear is { } from && query.ToYear is { } to && to < from)
        {
            validation.Add("toYear", $"toYear {to} is before fromYear {from}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var visible = ProgrammeUseCases.Visible(db, actor, today, new ProgrammeFilter(Technology: query.Technology));
        if (query.FromYear is { } first)
        {
            visible = visible.Where(p => p.EndYear >= first);
        }

        if (query.ToYear is { } last)
        {
            visible = visible.Where(p => p.StartYear <= last);
        }

        var programmes = await visible.Include(p => p.Technology).Include(p => p.Disbursements).ToListAsync(ct);
        var fx = await ExchangeRates.LoadTable(db, ct);
        DateOnly rateDate;
        if (query.RateDate is { } chosen)
        {
            rateDate = chosen;
        }
        else
        {
            var latest = fx.LatestCommonDate(programmes.Select(p => p.Currency).Append(currency), "rateDate");
            if (!latest.Succeeded)
            {
                return latest.Error!;
            }

            rateDate = latest.Value;
        }

        var converted = new Dictionary<Guid, decimal>();
        foreach (var programme in programmes)
        {
            var amount = fx.Convert(programme.Amount, programme.Currency, currency, rateDate);
            if (!amount.Succeeded)
            {
                return amount.Error!;
            }

            converted[programme.Id] = amount.Value;
        }

        if (!fx.Has(currency, rateDate))
        {
            return Error.Invalid("rateDate", $"There is no {currency} exchange rate dated {ExchangeRates.Iso(rateDate)}: add one to the exchange-rate table or choose another rate date.");
        }

        return (programmes, currency, rateDate, converted);
    }
}

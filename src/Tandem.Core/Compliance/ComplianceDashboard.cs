using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Compliance;

/// <summary>
/// A cycle's dashboard: averages per party, per track (or subject area), overall and the mean of
/// party averages, all computed in SQL as value counts per group, plus one page of the score grid.
/// </summary>
public static class ComplianceDashboard
{
    public const string NoGroup = "(none)";

    public static async Task<Result<ComplianceDashboardDto>> Handle(TandemDbContext db, Actor actor, Guid cycleId, int? page, int? pageSize, string? group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var paging = PageRequest.Create(page, pageSize);
        if (!paging.Succeeded)
        {
            return paging.Error!;
        }

        var found = await CycleQueries.Get(db, actor, cycleId, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var cycle = found.Value;
        var partyCount = cycle.Parties.Count;
        var members = db.Set<CycleCommitment>().Where(cc => cc.CycleId == cycleId);
        var scores = db.Set<ComplianceScore>().AsNoTracking().Where(s => s.CycleId == cycleId && s.Value != null);

        var byPartyCounts = await scores.GroupBy(s => new { s.Party, s.Value }).Select(g => new { g.Key.Party, g.Key.Value, Count = g.Count() }).ToListAsync(ct);
        var byGroupCounts = await (from s in scores
                                   join c in db.Set<Commitment>() on s.CommitmentId equals c.Id
                                   group s by new { Key = c.Track != null ? c.Track.Code : c.Area, s.Value } into g
                                   select new { g.Key.Key, g.Key.Value, Count = g.Count() }).ToListAsync(ct);
        var commitmentsPerGroup = await (from cc in members
                                         join c in db.Set<Commitment>() on cc.CommitmentId equals c.Id
                                         group c by c.Track != null ? c.Track.Code : c.Area into g
                                         select new { Key = g.Key, Count = g.Count() }).ToListAsync(ct);
        var commitmentCount = commitmentsPerGroup.Sum(g => g.Count);

        var byParty = cycle.Parties.Select(p => Group(p, p, Tally(cycle.Scheme, byPartyCounts.Where(r => r.Party == p).Select(r => (r.Value!.Value, r.Count)), commitmentCount), cycle))
            .ToList();
        var byTrack = commitmentsPerGroup.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(Key(g.Key), Key(g.Key), Tally(cycle.Scheme, byGroupCounts.Where(r => r.Key == g.Key).Select(r => (r.Value!.Value, r.Count)), g.Count * partyCount), cycle))
            .ToList();
        var overallTally = Tally(cycle.Scheme, byPartyCounts.Where(r => cycle.Parties.Contains(r.Party)).Select(r => (r.Value!.Value, r.Count)), commitmentCount * partyCount);
        var partyMeans = byParty.Select(p => p.Aggregate.Mean).Where(m => m is not null).Select(m => m!.Value).ToList();
        double? meanOfParties = partyMeans.Count > 0 ? partyMeans.Average() : null;

        var grid = await Grid(db, cycle, paging.Value, group, ct);
        return new ComplianceDashboardDto(cycle, Aggregate(overallTally, cycle), meanOfParties, ComplianceMath.Percent(meanOfParties, cycle.Scheme, cycle.Percent),
            byParty, byTrack, grid, ComplianceMath.PercentRule(cycle.Scheme, cycle.Percent), ComplianceMath.UnscoredText(cycle.Unscored));
    }

    /// <summary>One page of the grid: commitments in code order with every assessed party's cell and the commitment's average.</summary>
    public static async Task<PagedList<GridRowDto>> Grid(TandemDbContext db, CycleDto cycle, PageRequest paging, string? group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(paging);
        var commitments = db.Set<CycleCommitment>().AsNoTracking().Where(cc => cc.CycleId == cycle.Id).Select(cc => cc.Commitment!);
        if (!string.IsNullOrEmpty(group))
        {
            var key = group == NoGroup ? "" : group;
            commitments = commitments.Where(c => (c.Track != null ? c.Track.Code : c.Area) == key);
        }

        var total = await commitments.CountAsync(ct);
        var rows = await commitments.OrderBy(c => c.Code).ThenBy(c => c.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(c => new { c.Id, c.Code, c.TextEn, c.TextJa, Group = c.Track != null ? c.Track.Code : c.Area })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var cells = await db.Set<ComplianceScore>().AsNoTracking().Where(s => s.CycleId == cycle.Id && ids.Contains(s.CommitmentId)).ToListAsync(ct);
        var items = rows.Select(r =>
        {
            var mine = cells.Where(s => s.CommitmentId == r.Id).ToDictionary(s => s.Party, StringComparer.Ordinal);
            var rowCells = cycle.Parties.Select(p => mine.TryGetValue(p, out var s)
                ? new CellDto(p, s.Value, ComplianceMath.Display(cycle.Scheme, s.Value), s.Rationale, s.Evidence, s.Version)
                : new CellDto(p, null, "", "", "", null)).ToList();
            var tally = Tally(cycle.Scheme, rowCells.Where(c => c.Value is not null).Select(c => (c.Value!.Value, 1)), cycle.Parties.Count);
            return new GridRowDto(r.Id, r.Code, r.TextEn, r.TextJa, Key(r.Group), rowCells, Aggregate(tally, cycle));
        }).ToList();
        return new PagedList<GridRowDto>(items, paging.Page, paging.PageSize, total);
    }

    public static Tally Tally(ScoringScheme scheme, IEnumerable<(int Value, int Count)> histogram, int cells)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var tally = new Tally(0, 0, cells);
        foreach (var (value, count) in histogram)
        {
            if (ComplianceMath.Numeric(scheme, value) is { } numeric)
            {
                tally = tally.Add(numeric, count);
            }
        }

        return tally;
    }

    public static AggregateDto Aggregate(Tally tally, CycleDto cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var mean = ComplianceMath.Mean(tally, cycle.Unscored);
        return new AggregateDto(mean, ComplianceMath.Percent(mean, cycle.Scheme, cycle.Percent), tally.Scored, tally.Cells);
    }

    private static GroupAggregateDto Group(string key, string label, Tally tally, CycleDto cycle) => new(key, label, Aggregate(tally, cycle));

    private static string Key(string? group) => string.IsNullOrEmpty(group) ? NoGroup : group;
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Compliance;

/// <summary>
/// A cycle's dashboard: averages per party, per track (or subject area), overall and the mean of
/// party averages, all computed in SQL as value counts per group, plus one page of the score grid.
/// </summary>
/// <remarks>
/// Four round trips: the cycle, the score counts, the cycle's commitments in grid order, and the
/// page's texts with their cells. Each join of a cycle's rows to the commitments costs PostgreSQL a
/// scan of every commitment of every cycle (it hashes the cycle's side and scans the other), so the
/// commitments are joined twice, not three times: the ordered list of the cycle's commitments gives
/// both the commitments per group and the page (docs/benchmarks.md, C3/C4).
/// </remarks>
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
        var scores = db.Set<ComplianceScore>().AsNoTracking().Where(s => s.CycleId == cycleId && s.Value != null);

        // One pass over the cycle's scored cells gives both the party and the track averages.
        var counts = await (from s in scores
                            join c in db.Set<Commitment>() on s.CommitmentId equals c.Id
                            group s by new { s.Party, Key = c.Track != null ? c.Track.Code : c.Area, s.Value } into g
                            select new { g.Key.Party, g.Key.Key, g.Key.Value, Count = g.Count() }).ToListAsync(ct);
        var byPartyCounts = counts.GroupBy(r => new { r.Party, r.Value }).Select(g => new { g.Key.Party, g.Key.Value, Count = g.Sum(r => r.Count) }).ToList();
        var byGroupCounts = counts.GroupBy(r => new { r.Key, r.Value }).Select(g => new { g.Key.Key, g.Key.Value, Count = g.Sum(r => r.Count) }).ToList();

        // The database orders; grouping and paging the ordered list here keep its collation's order.
        var members = await Members(db, cycleId, ct);
        var commitmentsPerGroup = members.GroupBy(m => m.Group, StringComparer.Ordinal).Select(g => new { g.Key, Count = g.Count() }).ToList();
        var commitmentCount = members.Count;

        var byParty = cycle.Parties.Select(p => Group(p, p, Tally(cycle.Scheme, byPartyCounts.Where(r => r.Party == p).Select(r => (r.Value!.Value, r.Count)), commitmentCount), cycle))
            .ToList();
        var byTrack = commitmentsPerGroup.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(Key(g.Key), Key(g.Key), Tally(cycle.Scheme, byGroupCounts.Where(r => r.Key == g.Key).Select(r => (r.Value!.Value, r.Count)), g.Count * partyCount), cycle))
            .ToList();
        var overallTally = Tally(cycle.Scheme, byPartyCounts.Where(r => cycle.Parties.Contains(r.Party)).Select(r => (r.Value!.Value, r.Count)), commitmentCount * partyCount);
        var partyMeans = byParty.Select(p => p.Aggregate.Mean).Where(m => m is not null).Select(m => m!.Value).ToList();
        double? meanOfParties = partyMeans.Count > 0 ? partyMeans.Average() : null;

        var grid = await Grid(db, cycle, members, paging.Value, group, ct);
        return new ComplianceDashboardDto(cycle, Aggregate(overallTally, cycle), meanOfParties, ComplianceMath.Percent(meanOfParties, cycle.Scheme, cycle.Percent),
            byParty, byTrack, grid, ComplianceMath.PercentRule(cycle.Scheme, cycle.Percent), ComplianceMath.UnscoredText(cycle.Unscored));
    }

    /// <summary>One page of the grid: commitments in code order with every assessed party's cell and the commitment's average.</summary>
    public static async Task<PagedList<GridRowDto>> Grid(TandemDbContext db, CycleDto cycle, PageRequest paging, string? group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(paging);
        return await Grid(db, cycle, await Members(db, cycle.Id, ct), paging, group, ct);
    }

    /// <summary>The cycle's commitments in grid order (code, then id), each with its group.</summary>
    private static Task<List<GridMember>> Members(TandemDbContext db, Guid cycleId, CancellationToken ct) =>
        db.Set<CycleCommitment>().AsNoTracking().Where(cc => cc.CycleId == cycleId).Select(cc => cc.Commitment!)
            .OrderBy(c => c.Code).ThenBy(c => c.Id)
            .Select(c => new GridMember(c.Id, c.Code, c.Track != null ? c.Track.Code : c.Area))
            .ToListAsync(ct);

    private static async Task<PagedList<GridRowDto>> Grid(TandemDbContext db, CycleDto cycle, List<GridMember> members, PageRequest paging, string? group, CancellationToken ct)
    {
        var selected = string.IsNullOrEmpty(group) ? members : members.Where(m => Key(m.Group) == group).ToList();
        var rows = selected.Skip(paging.Skip).Take(paging.PageSize).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var details = await (from c in db.Set<Commitment>().AsNoTracking()
                             where ids.Contains(c.Id)
                             join s in db.Set<ComplianceScore>().AsNoTracking().Where(s => s.CycleId == cycle.Id) on c.Id equals s.CommitmentId into cells
                             from s in cells.DefaultIfEmpty()
                             select new { c.Id, c.TextEn, c.TextJa, Cell = s }).ToListAsync(ct);
        var byCommitment = details.ToLookup(d => d.Id);

        // A commitment deleted since the list was read has no details left: its row is left out of this page.
        var items = rows.Where(r => byCommitment.Contains(r.Id)).Select(r =>
        {
            var text = byCommitment[r.Id].First();
            var mine = byCommitment[r.Id].Where(d => d.Cell is not null).Select(d => d.Cell!).ToDictionary(s => s.Party, StringComparer.Ordinal);
            var rowCells = cycle.Parties.Select(p => mine.TryGetValue(p, out var s)
                ? new CellDto(p, s.Value, ComplianceMath.Display(cycle.Scheme, s.Value), s.Rationale, s.Evidence, s.Version)
                : new CellDto(p, null, "", "", "", null)).ToList();
            var tally = Tally(cycle.Scheme, rowCells.Where(c => c.Value is not null).Select(c => (c.Value!.Value, 1)), cycle.Parties.Count);
            return new GridRowDto(r.Id, r.Code, text.TextEn, text.TextJa, Key(r.Group), rowCells, Aggregate(tally, cycle));
        }).ToList();
        return new PagedList<GridRowDto>(items, paging.Page, paging.PageSize, selected.Count);
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

    /// <summary>A commitment of the cycle, in grid order, with its group (track code, or subject area without a track).</summary>
    private sealed record GridMember(Guid Id, string Code, string Group);
}

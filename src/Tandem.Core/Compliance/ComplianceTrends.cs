using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Compliance;

/// <summary>Averages of every cycle of a forum in window order: overall and per party, each under its cycle's own settings.</summary>
public static class ComplianceTrends
{
    public static async Task<List<TrendPointDto>> Handle(TandemDbContext db, Actor actor, Guid forumId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cycles = await CycleQueries.List(db, actor, forumId).ToListAsync(ct);
        if (cycles.Count == 0)
        {
            return [];
        }

        var ids = cycles.Select(c => c.Id).ToList();
        var counts = await db.Set<ComplianceScore>().AsNoTracking().Where(s => ids.Contains(s.CycleId) && s.Value != null)
            .GroupBy(s => new { s.CycleId, s.Party, s.Value })
            .Select(g => new { g.Key.CycleId, g.Key.Party, g.Key.Value, Count = g.Count() })
            .ToListAsync(ct);
        var points = new List<TrendPointDto>();
        foreach (var cycle in cycles.OrderBy(c => c.WindowEnd).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var mine = counts.Where(c => c.CycleId == cycle.Id && cycle.Parties.Contains(c.Party)).ToList();
            var byParty = cycle.Parties.ToDictionary(p => p,
                p => ComplianceDashboard.Aggregate(ComplianceDashboard.Tally(cycle.Scheme, mine.Where(r => r.Party == p).Select(r => (r.Value!.Value, r.Count)), cycle.CommitmentCount), cycle),
                StringComparer.Ordinal);
            var overall = ComplianceDashboard.Aggregate(
                ComplianceDashboard.Tally(cycle.Scheme, mine.Select(r => (r.Value!.Value, r.Count)), cycle.CommitmentCount * cycle.Parties.Count), cycle);
            points.Add(new TrendPointDto(cycle.Id, cycle.Name, cycle.Kind, cycle.WindowEnd, cycle.Scheme, overall, byParty));
        }

        return points;
    }
}

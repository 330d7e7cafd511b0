using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Meetings;

namespace Tandem.Core.Compliance;

/// <summary>Reading assessment cycles: the forum community sees its forums' cycles.</summary>
public static class CycleQueries
{
    public static IQueryable<AssessmentCycle> Visible(this IQueryable<AssessmentCycle> cycles, TandemDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(cycles);
        var forums = ForumCommunity.ForumIds(db, actor);
        return cycles.Where(c => forums.Contains(c.ForumId));
    }

    public static IQueryable<CycleDto> List(TandemDbContext db, Actor actor, Guid? forumId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cycles = db.Set<AssessmentCycle>().AsNoTracking().Visible(db, actor);
        if (forumId is { } id)
        {
            cycles = cycles.Where(c => c.ForumId == id);
        }

        return Project(cycles.OrderByDescending(c => c.WindowEnd).ThenBy(c => c.Name));
    }

    internal static IQueryable<CycleDto> Project(IQueryable<AssessmentCycle> cycles) =>
        cycles.Select(c => new CycleDto(c.Id, c.ForumId, c.Forum!.Code, c.Name, c.Kind, c.WindowStart, c.WindowEnd, c.Scheme, c.Unscored, c.Percent, c.Parties, c.Notes,
            c.Commitments.Count, c.Version));

    public static async Task<Result<CycleDto>> Get(TandemDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cycle = await Project(db.Set<AssessmentCycle>().AsNoTracking().Visible(db, actor).Where(c => c.Id == id)).FirstOrDefaultAsync(ct);
        return cycle is null ? Error.NotFound("Assessment cycle") : cycle;
    }

    /// <summary>Every value one cell has had, oldest first (recalibrations keep their history).</summary>
    public static async Task<Result<List<ScoreRevisionDto>>> CellHistory(TandemDbContext db, Actor actor, Guid cycleId, Guid commitmentId, string party, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cycle = await db.Set<AssessmentCycle>().AsNoTracking().Visible(db, actor).FirstOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null)
        {
            return Error.NotFound("Assessment cycle");
        }

        var code = party.Trim().ToUpperInvariant();
        var rows = await db.Set<ComplianceScoreRevision>().AsNoTracking()
            .Where(r => r.CycleId == cycleId && r.CommitmentId == commitmentId && r.Party == code)
            .OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync(ct);
        return rows.Select(r => new ScoreRevisionDto(r.At, r.By, r.Value, ComplianceMath.Display(cycle.Scheme, r.Value), r.Rationale, r.Evidence)).ToList();
    }
}

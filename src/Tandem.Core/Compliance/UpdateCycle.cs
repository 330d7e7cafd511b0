using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Compliance;

/// <summary>Edits a cycle's settings (window, unscored rule, percent convention) and chooses the commitments it assesses.</summary>
public static class UpdateCycle
{
    public static async Task<Result<CycleDto>> Handle(TandemDbContext db, Actor actor, Guid id, CycleInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await Load(db, actor, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var cycle = loaded.Value;
        var forum = await db.Forums.AsNoTracking().Include(f => f.Parties).FirstAsync(f => f.Id == cycle.ForumId, ct);
        var validation = CreateCycle.Validate(input with { ForumId = cycle.ForumId }, forum).Version(input.Version);
        if (input.ForumId is { } other && other != cycle.ForumId)
        {
            validation.Add("forumId", "A cycle cannot move to another forum.");
        }

        if (input.Scheme is { } scheme && scheme != cycle.Scheme && await db.Set<ComplianceScore>().AnyAsync(s => s.CycleId == id && s.Value != null, ct))
        {
            validation.Add("scheme", "The scheme cannot change once cells are scored: the scores would change meaning.");
        }

        var name = input.Name?.Trim() ?? "";
        if (validation.IsValid && name != cycle.Name && await db.Set<AssessmentCycle>().AnyAsync(c => c.ForumId == cycle.ForumId && c.Name == name, ct))
        {
            validation.Add("name", $"Forum {forum.Code} already has a cycle named {name}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, cycle, input.Version!.Value, () =>
        {
            cycle.Name = name;
            CreateCycle.Apply(cycle, input, forum);
        }, () => true, ct);
        return saved.Succeeded ? await CycleQueries.Get(db, actor, id, ct) : saved.Error!;
    }

    /// <summary>Adds commitments of the cycle's forum to its grid (by id or code); already present ones are left alone.</summary>
    public static async Task<Result<CycleDto>> AddCommitments(TandemDbContext db, Actor actor, Guid id, CycleCommitmentsInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await Load(db, actor, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var cycle = loaded.Value;
        var ids = (input.CommitmentIds ?? []).Distinct().ToList();
        var codes = (input.Codes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var validation = new Validation().Version(input.Version);
        if (ids.Count + codes.Count == 0)
        {
            validation.Add("commitmentIds", "Name at least one commitment by id or code.");
        }

        if (ids.Count + codes.Count > 10_000)
        {
            validation.Add("commitmentIds", "At most 10000 commitments at a time.");
        }

        var found = await db.Set<Commitment>().Where(c => c.ForumId == cycle.ForumId && (ids.Contains(c.Id) || codes.Contains(c.Code)))
            .Select(c => new { c.Id, c.Code }).ToListAsync(ct);
        foreach (var missing in ids.Where(i => found.All(f => f.Id != i)))
        {
            validation.Add("commitmentIds", $"{missing} is not a commitment of this cycle's forum.");
        }

        foreach (var missing in codes.Where(c => found.All(f => f.Code != c)))
        {
            validation.Add("codes", $"'{ForumRules.Truncate(missing)}' is not a commitment of this cycle's forum.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var present = await db.Set<CycleCommitment>().Where(c => c.CycleId == id).Select(c => c.CommitmentId).ToListAsync(ct);
        var saved = await Concurrency.SaveAsync(db, cycle, input.Version!.Value, () =>
        {
            var added = found.Where(f => !present.Contains(f.Id)).ToList();
            db.AddRange(added.Select(f => new CycleCommitment { CycleId = id, CommitmentId = f.Id }));
            db.Entry(cycle).Property(c => c.UpdatedAt).IsModified = true;
            db.Audit("change", nameof(AssessmentCycle), id.ToString("D"), details: $"commitments added: {added.Count}");
        }, () => true, ct);
        return saved.Succeeded ? await CycleQueries.Get(db, actor, id, ct) : saved.Error!;
    }

    internal static async Task<Result<AssessmentCycle>> Load(TandemDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var cycle = await db.Set<AssessmentCycle>().Visible(db, actor).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cycle is null)
        {
            return Error.NotFound("Assessment cycle");
        }

        return ForumCommunity.CanOrganise(actor) ? cycle : Error.Forbidden("Only the secretariat or an administrator may change assessment cycles.");
    }
}

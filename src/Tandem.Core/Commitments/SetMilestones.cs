using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Commitments;

/// <summary>
/// Sets the milestones of a commitment (weights and progress) and recomputes its weighted progress.
/// Responsible agencies and the secretariat may do so; the weights are visible to every reader.
/// </summary>
public static class SetMilestones
{
    public static async Task<Result<CommitmentDetailDto>> Handle(TandemDbContext db, Actor actor, Guid commitmentId, MilestonesInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var commitment = await db.Set<Commitment>().Visible(db, actor).Include(c => c.Responsibilities).Include(c => c.Milestones)
            .FirstOrDefaultAsync(c => c.Id == commitmentId, ct);
        if (commitment is null)
        {
            return Error.NotFound("Commitment");
        }

        if (!ForumCommunity.CanOrganise(actor) && !CommitmentRules.IsResponsible(commitment, actor))
        {
            return Error.Forbidden("Only a responsible agency or the secretariat may change milestones.");
        }

        var items = input.Items ?? [];
        var validation = new Validation().Version(input.Version);
        if (items.Count > CommitmentRules.MaxMilestones)
        {
            validation.Add("items", $"At most {CommitmentRules.MaxMilestones} milestones.");
            return validation.ToError();
        }

        for (var i = 0; i < items.Count; i++)
        {
            var m = items[i];
            var prefix = $"items[{i}].";
            validation.Required(prefix + "titleEn", m.TitleEn, 300).Optional(prefix + "titleJa", m.TitleJa, 300);
            if (m.Weight is not { } w || double.IsNaN(w) || w <= 0 || w > 1000)
            {
                validation.Add(prefix + "weight", "weight is required: a number above 0 and at most 1000.");
            }

            if (m.Progress is < 0 or > 100)
            {
                validation.Add(prefix + "progress", "progress must be between 0 and 100, or left empty (counted as 0).");
            }

            if (m.Id is { } id && commitment.Milestones.All(x => x.Id != id))
            {
                validation.Add(prefix + "id", "id is not a milestone of this commitment.");
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var before = ProgressRollup.Of(commitment.Milestones);
        var saved = await Concurrency.SaveAsync(db, commitment, input.Version!.Value, () =>
        {
            var kept = items.Where(i => i.Id is not null).Select(i => i.Id!.Value).ToHashSet();
            commitment.Milestones.RemoveAll(m => !kept.Contains(m.Id));
            for (var i = 0; i < items.Count; i++)
            {
                var milestone = items[i].Id is { } id ? commitment.Milestones.First(m => m.Id == id) : new Milestone { CommitmentId = commitment.Id };
                milestone.Position = i + 1;
                milestone.TitleEn = items[i].TitleEn!.Trim();
                milestone.TitleJa = items[i].TitleJa?.Trim() ?? "";
                milestone.Weight = items[i].Weight!.Value;
                milestone.Progress = items[i].Progress;
                milestone.DueDate = items[i].DueDate;
                if (items[i].Id is null)
                {
                    commitment.Milestones.Add(milestone);
                }
            }

            commitment.Progress = ProgressRollup.Of(commitment.Milestones);
            db.ChangeTracker.DetectChanges();
            if (db.Entry(commitment).State == EntityState.Unchanged)
            {
                db.Entry(commitment).Property(c => c.UpdatedAt).IsModified = true;
            }

            db.Audit("change", nameof(Commitment), commitment.Id.ToString("D"),
                details: $"milestones: {items.Count}; weights {string.Join("/", items.Select(i => i.Weight!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)))}; progress: {Text(before)} → {Text(commitment.Progress)}");
        }, () => true, ct);
        return saved.Succeeded ? await CommitmentQueries.Get(db, actor, commitmentId, today, ct) : saved.Error!;
    }

    private static string Text(double? progress) => progress is { } p ? p.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%" : "none";
}

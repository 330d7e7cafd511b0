using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Notifications;

namespace Tandem.Core.Commitments;

/// <summary>Edits a commitment (text, track, responsibilities, due date, status). The forum and code stay; every change is in its history.</summary>
public static class UpdateCommitment
{
    public static async Task<Result<CommitmentListItemDto>> Handle(TandemDbContext db, Actor actor, Guid id, CommitmentInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var commitment = await db.Set<Commitment>().Visible(db, actor).Include(c => c.Responsibilities).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (commitment is null)
        {
            return Error.NotFound("Commitment");
        }

        if (!ForumCommunity.CanOrganise(actor))
        {
            return Error.Forbidden("Only the secretariat or an administrator may edit commitments; responsible agencies file progress reports.");
        }

        var forum = await db.Forums.AsNoTracking().Include(f => f.Parties).FirstAsync(f => f.Id == commitment.ForumId, ct);
        var (validation, resolved) = await CommitmentRules.Validate(db, input with { ForumId = commitment.ForumId, Code = input.Code ?? commitment.Code }, forum, ct);
        validation.Version(input.Version);
        if (input.ForumId is { } other && other != commitment.ForumId)
        {
            validation.Add("forumId", "A commitment cannot move to another forum.");
        }

        if (input.Code is not null && input.Code.Trim() != commitment.Code)
        {
            validation.Add("code", "code cannot be changed: reports and scores refer to it.");
        }

        if (input.SupersededById == id)
        {
            validation.Add("supersededById", "A commitment cannot supersede itself.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var agencyIds = commitment.Responsibilities.Select(r => r.AgencyId).Concat(resolved.Responsibilities.Select(r => r.AgencyId)).Distinct().ToList();
        var codes = await db.Agencies.AsNoTracking().IgnoreQueryFilters().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var before = CommitmentRules.Snapshot(commitment, codes);
        var status = commitment.Status;
        var responsible = await NotificationClock.CommitmentRecipients(db, commitment, today, ct, actor.UserId);
        var saved = await Concurrency.SaveAsync(db, commitment, input.Version!.Value, () =>
        {
            CommitmentRules.Apply(commitment, input, resolved);
            if (commitment.Status != status)
            {
                NotificationUseCases.Send(db, responsible, NotificationKinds.CommitmentStatus, $"{commitment.Code} is now {commitment.Status}: {commitment.TextEn}",
                    $"{commitment.Code} の状況が {commitment.Status} になりました: {(string.IsNullOrWhiteSpace(commitment.TextJa) ? commitment.TextEn : commitment.TextJa)}",
                    $"/commitments/{commitment.Id:D}", DateTime.UtcNow);
            }

            var change = CommitmentRules.Describe(before, CommitmentRules.Snapshot(commitment, codes));
            db.ChangeTracker.DetectChanges();
            if (db.Entry(commitment).State == EntityState.Unchanged)
            {
                // Only child rows changed: the commitment's version must still move so stale edits are caught.
                db.Entry(commitment).Property(c => c.UpdatedAt).IsModified = true;
            }

            if (change.Length > 0)
            {
                db.Audit("change", nameof(Commitment), commitment.Id.ToString("D"), details: change);
            }
        }, () => true, ct);
        return saved.Succeeded ? (await CommitmentQueries.Find(db, actor, id, today, ct))! : saved.Error!;
    }
}

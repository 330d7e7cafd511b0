using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Meetings;

namespace Tandem.Core.Commitments;

/// <summary>Records a commitment of a forum with its source, track, responsibilities and due date.</summary>
public static class CreateCommitment
{
    public static async Task<Result<CommitmentListItemDto>> Handle(TandemDbContext db, Actor actor, CommitmentInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ForumCommunity.CanOrganise(actor))
        {
            return Error.Forbidden("Only the secretariat or an administrator may record commitments.");
        }

        var forum = input.ForumId is { } forumId && await ForumCommunity.IsMember(db, actor, forumId, ct)
            ? await db.Forums.AsNoTracking().Include(f => f.Parties).FirstOrDefaultAsync(f => f.Id == forumId, ct)
            : null;
        var (validation, resolved) = await CommitmentRules.Validate(db, input, forum, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var code = input.Code!.Trim();
        if (await db.Set<Commitment>().IgnoreQueryFilters().AnyAsync(c => c.ForumId == forum!.Id && c.Code == code, ct))
        {
            return Error.Duplicate("code", $"Forum {forum!.Code} already has a commitment {code}.");
        }

        var commitment = new Commitment { ForumId = forum!.Id, Code = code, Status = input.Status ?? CommitmentStatus.NotStarted };
        CommitmentRules.Apply(commitment, input, resolved);
        db.Add(commitment);
        await db.SaveChangesAsync(ct);
        return (await CommitmentQueries.Find(db, actor, commitment.Id, today, ct))!;
    }
}

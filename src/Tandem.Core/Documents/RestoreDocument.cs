using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Documents;

/// <summary>Brings a soft-deleted document back; the save writes the audited "restore".</summary>
public static class RestoreDocument
{
    public static async Task<Result<DocumentDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var found = await DocumentAccess.FindVisible(db, actor, clock, id, AuditAction.Restore, ct, tracking: true, deleted: true);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var document = found.Value;
        if (DocumentAccess.CheckOwner(actor, document, "restore it") is { } forbidden)
        {
            return forbidden;
        }

        var saved = await Concurrency.SaveAsync(db, document, document.Version, () => document.DeletedAt = null, () => true, ct);
        return saved.Succeeded ? await DocumentAccess.ToDto(db, document, actor, ct) : saved.Error!;
    }
}

using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Documents;

/// <summary>Soft-deletes a document (SECURITY.md row 18): the row and every version stay, restorable and audited.</summary>
public static class DeleteDocument
{
    public static async Task<Result<bool>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var found = await DocumentAccess.FindVisible(db, actor, clock, id, AuditAction.Delete, ct, tracking: true);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var document = found.Value;
        if (DocumentAccess.CheckOwner(actor, document, "delete it") is { } forbidden)
        {
            return forbidden;
        }

        return await Concurrency.SaveAsync(db, document, expectedVersion ?? document.Version, () => db.Documents.Remove(document), () => true, ct);
    }
}

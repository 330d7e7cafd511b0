using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Documents;

/// <summary>Adds a new version (a new file) to a document; earlier versions stay as they were.</summary>
public static class AddDocumentVersion
{
    public static async Task<Result<DocumentDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, DocumentOptions options, Guid id, FileUpload? file, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        var found = await DocumentAccess.FindVisible(db, actor, clock, id, AuditAction.Update, ct, tracking: true);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var document = found.Value;
        if (DocumentAccess.CheckOwner(actor, document, "add versions") is { } forbidden)
        {
            return forbidden;
        }

        var number = await db.DocumentVersions.Where(v => v.DocumentId == id).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        var version = DocumentAccess.AddVersion(db, document, file, number + 1, options.MaxBytes, actor, clock.GetUtcNow().UtcDateTime);
        if (!version.Succeeded)
        {
            return version.Error!;
        }

        var saved = await Concurrency.SaveAsync(db, document, expectedVersion ?? document.Version, () => document.CurrentVersion = number + 1, () => true, ct);
        return saved.Succeeded ? await DocumentAccess.ToDto(db, document, actor, ct) : saved.Error!;
    }
}

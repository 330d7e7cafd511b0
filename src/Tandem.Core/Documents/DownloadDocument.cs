using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Documents;

/// <summary>The bytes of the current (or a numbered) version for a reader who may see the document; audited once.</summary>
public static class DownloadDocument
{
    public static async Task<Result<DocumentFile>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, int? number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var found = await DocumentAccess.FindVisible(db, actor, clock, id, AuditAction.Download, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        return await Read(db, found.Value, number, AuditAction.Download, "", ct);
    }

    /// <summary>Loads, verifies and audits the content of a version of a document the caller has already been allowed to read.</summary>
    internal static async Task<Result<DocumentFile>> Read(TandemDbContext db, Document document, int? number, string action, string details, CancellationToken ct)
    {
        var marking = document.Label.ToLabel().Marking;
        var wanted = number ?? document.CurrentVersion;
        var version = await db.DocumentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == document.Id && v.Number == wanted, ct);
        var content = version is null ? null : await db.DocumentContents.AsNoTracking().FirstOrDefaultAsync(c => c.StorageKey == version.StorageKey, ct);
        if (version is null || content is null)
        {
            await DocumentAccess.Deny(db, document.Id, action, marking, $"no version {wanted}", ct);
            return Error.NotFound("Document version");
        }

        // The stored hash was taken at upload; a mismatch means the content changed behind the application's back.
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content.Bytes)), version.Sha256, StringComparison.Ordinal))
        {
            db.Audit(action, DocumentAccess.ObjectType, document.Id.ToString("D"), AuditDecision.Failed, marking, $"version {wanted}: content does not match its SHA-256");
            await db.SaveChangesAsync(ct);
            return Error.Conflict("The stored file does not match its SHA-256 checksum; it has not been sent. Report this to an administrator.");
        }

        db.Audit(action, DocumentAccess.ObjectType, document.Id.ToString("D"), AuditDecision.Allowed, marking, (details + $" version {wanted}").Trim());
        await db.SaveChangesAsync(ct);
        return new DocumentFile(document.Id, wanted, version.FileName, version.ContentType, version.Sha256, marking, content.Bytes);
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

/// <summary>
/// The one place consultation stores and reads attachment bytes: as documents (parent type
/// "Submission") through the Documents capability, which sniffs the content, refuses executables,
/// enforces the size limit, hashes it and stores it under a generated key.
/// A document's label is the narrow draft label (the organisation's contributors only) until a
/// revision containing it is sent; then it takes the label of its part in that revision.
/// </summary>
internal static class SubmissionFiles
{
    public const string ParentType = nameof(Submission);

    public sealed record StoredFile(Guid FileId, string FileName, string ContentType, long Size, string Sha256);

    /// <summary>Sniffs, hashes and queues one upload as a new document; nothing is written until the caller saves.</summary>
    public static Result<StoredFile> Store(TandemDbContext db, Actor actor, Submission submission, FileUpload? file, LabelData draftLabel, long maxBytes, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(submission);
        var document = new Document
        {
            Title = "",
            OwnerAgencyId = submission.AgencyId,
            UploadedById = actor.UserId,
            UploadedByName = actor.Email ?? "",
            CurrentVersion = 1,
            ParentType = ParentType,
            ParentId = submission.Id,
            Label = draftLabel.Clone(),
        };
        var version = DocumentAccess.AddVersion(db, document, file, 1, maxBytes, actor, now);
        if (!version.Succeeded)
        {
            return version.Error!;
        }

        document.Title = version.Value.FileName;
        db.Documents.Add(document);
        return new StoredFile(document.Id, version.Value.FileName, version.Value.ContentType, version.Value.Size, version.Value.Sha256);
    }

    /// <summary>Loads the documents of a revision about to be sent, so <see cref="Relabel"/> can change them in the same save.</summary>
    public static async Task Track(TandemDbContext db, IEnumerable<Guid> fileIds, CancellationToken ct)
    {
        var ids = fileIds.Distinct().ToList();
        await db.Documents.Where(d => ids.Contains(d.Id)).LoadAsync(ct);
    }

    /// <summary>Gives a (tracked) document the label of the part it belongs to in a sent revision.</summary>
    public static void Relabel(TandemDbContext db, Guid fileId, LabelData label)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(label);
        if (db.Documents.Local.FirstOrDefault(d => d.Id == fileId) is { } document)
        {
            SaveSubmission.CopyLabel(label, document.Label);
        }
    }

    /// <summary>The bytes of a file the caller has already been allowed to read (through the part's own label); audited as a download.</summary>
    public static async Task<Result<DocumentFile>> Read(TandemDbContext db, Guid fileId, string details, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == fileId, ct);
        if (document is null)
        {
            await ConsultationAccess.Deny(db, nameof(SubmissionAttachment), fileId, AuditAction.Download, ct);
            return Error.NotFound("Attachment");
        }

        return await DownloadDocument.Read(db, document, 1, AuditAction.Download, details, ct);
    }
}

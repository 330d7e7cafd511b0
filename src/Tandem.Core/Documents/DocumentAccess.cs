using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Documents;

/// <summary>
/// How every document use case finds a document: through the one access policy, answering "not found"
/// for records the reader may not see (the same answer as for missing ones, SECURITY.md row 2) and
/// writing one denied audit entry for every refusal.
/// </summary>
internal static class DocumentAccess
{
    public const string ObjectType = nameof(Document);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static Viewer ViewerOf(Actor actor, TimeProvider clock) => Viewer.Of(actor, Today(clock));

    /// <summary>The document if the reader may see it; otherwise a denied entry is saved and NotFound returned.</summary>
    public static async Task<Result<Document>> FindVisible(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, string action, CancellationToken ct,
        bool tracking = false, bool deleted = false)
    {
        var query = tracking ? db.Documents : db.Documents.AsNoTracking();
        if (deleted)
        {
            query = query.IgnoreQueryFilters().Where(d => d.DeletedAt != null);
        }

        var document = await query.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is not null && AccessPolicy.CanSee(ViewerOf(actor, clock), document.Label))
        {
            return document;
        }

        await Deny(db, id, action, document is null ? "" : document.Label.ToLabel().Marking, document is null ? "no such record" : "not visible to the reader", ct);
        return Error.NotFound("Document");
    }

    public static async Task Deny(TandemDbContext db, Guid id, string action, string marking, string details, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.Audit(action, ObjectType, id.ToString("D"), AuditDecision.Denied, marking, details);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adding versions, relabelling, deleting and restoring belong to the agency that owns the document.</summary>
    public static Error? CheckOwner(Actor actor, Document document, string what)
    {
        if (actor.AgencyId != document.OwnerAgencyId || IsReadOnly(actor))
        {
            return Error.Forbidden($"Only the agency that owns this document may {what}.");
        }

        return null;
    }

    /// <summary>Auditors read the audit log; they do not author records.</summary>
    public static bool IsReadOnly(Actor actor) => actor.Roles.Count > 0 && actor.Roles.All(r => r == Roles.Auditor);

    public static async Task<DocumentDto> ToDto(TandemDbContext db, Document d, Actor actor, CancellationToken ct)
    {
        var versions = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == d.Id).OrderByDescending(v => v.Number)
            .Select(v => new DocumentVersionDto(v.Number, v.FileName, v.ContentType, v.Size, v.Sha256, v.UploadedAt, v.UploadedByName))
            .ToListAsync(ct);
        var label = d.Label.ToLabel();
        var owner = await db.Agencies.IgnoreQueryFilters().Where(a => a.Id == d.OwnerAgencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
        var originator = label.Originator == d.OwnerAgencyId ? owner
            : label.Originator == Guid.Empty ? ""
            : await db.Agencies.IgnoreQueryFilters().Where(a => a.Id == label.Originator).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
        return new DocumentDto(d.Id, d.Title, d.Description, owner, d.UploadedByName, d.CurrentVersion, d.ParentType, d.ParentId,
            LabelDto.Of(label, originator), d.CreatedAt, d.UpdatedAt, d.DeletedAt is not null, d.Version, versions, CheckOwner(actor, d, "edit") is null);
    }

    /// <summary>Sniffs, hashes and stores one uploaded file as version <paramref name="number"/> of a document.</summary>
    public static Result<DocumentVersion> AddVersion(TandemDbContext db, Document document, FileUpload? file, int number, long maxBytes, Actor actor, DateTime now)
    {
        if (file is null || file.Content.Length == 0)
        {
            return Error.Invalid("file", file is null ? "file is required." : "file is empty.");
        }

        if (file.Content.LongLength > maxBytes)
        {
            return Error.Invalid("file", $"file is larger than the limit of {maxBytes} bytes.");
        }

        var (content, refusal) = ContentSniffer.Sniff(file.Content, file.FileName ?? "");
        if (content is null)
        {
            return Error.Invalid("file", refusal!);
        }

        var version = new DocumentVersion
        {
            DocumentId = document.Id,
            Number = number,
            FileName = ContentSniffer.CleanFileName(file.FileName, content),
            ContentType = content.ContentType,
            Size = file.Content.LongLength,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)),
            StorageKey = Guid.NewGuid(),
            UploadedAt = now,
            UploadedById = actor.UserId,
            UploadedByName = actor.Email ?? "",
        };
        db.DocumentVersions.Add(version);
        db.DocumentContents.Add(new DocumentContent { StorageKey = version.StorageKey, Bytes = file.Content });
        return version;
    }
}

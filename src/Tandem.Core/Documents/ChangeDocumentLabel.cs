using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Documents;

/// <summary>
/// Relabels a document. Only the owning agency relabels; loosening (a wider audience than before) is
/// reserved to the originating agency; an attachment stays within its parent's label, and a parent's
/// attachments are narrowed with it. Every change is audited with the old and new marking.
/// </summary>
public static class ChangeDocumentLabel
{
    public static async Task<Result<DocumentDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, LabelRequest request, int? expectedVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(request);
        var found = await DocumentAccess.FindVisible(db, actor, clock, id, AuditAction.LabelChange, ct, tracking: true);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var document = found.Value;
        if (DocumentAccess.CheckOwner(actor, document, "change its label") is { } forbidden)
        {
            return forbidden;
        }

        var validation = new Validation().Version(expectedVersion);
        var requested = await request.Resolve(db, actor, ct);
        if (!requested.Succeeded)
        {
            return requested.Error!;
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var old = document.Label.ToLabel();
        var label = requested.Value;
        if (document.ParentType == nameof(Document) && document.ParentId is { } parentId
            && await db.Documents.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == parentId, ct) is { } parent)
        {
            label = label.CombineWith(parent.Label.ToLabel());
        }

        if (!label.IsNarrowerOrEqual(old) && old.Originator != actor.AgencyId)
        {
            db.Audit(AuditAction.LabelChange, DocumentAccess.ObjectType, id.ToString("D"), AuditDecision.Denied, old.Marking, $"loosening refused: {old.Marking} -> {label.Marking}");
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only the originating agency may loosen this label.");
        }

        if (!AccessPolicy.CanSee(DocumentAccess.ViewerOf(actor, clock), label))
        {
            return Error.Invalid("level", "With this label you could not see the document yourself; choose recipients that include you.");
        }

        var children = await db.Documents.IgnoreQueryFilters().Where(d => d.ParentType == nameof(Document) && d.ParentId == id).ToListAsync(ct);
        var newLabel = LabelData.From(label);
        var newlyShared = await NotificationAudience.NewlySharedWith(db, document.Label.Clone(), newLabel, DocumentAccess.ViewerOf(actor, clock).Today, actor.UserId, ct);
        var saved = await Concurrency.SaveAsync(db, document, expectedVersion!.Value, () =>
        {
            Relabel(db, document, old, label, "");
            NotificationUseCases.Send(db, newlyShared, NotificationKinds.DocumentShared, $"Document shared with you: {document.Title}", $"共有された文書: {document.Title}",
                $"/documents/{document.Id:D}", clock.GetUtcNow().UtcDateTime, NotificationAudience.IsRestricted(newLabel));
            foreach (var child in children)
            {
                var childOld = child.Label.ToLabel();
                var narrowed = childOld.CombineWith(label);
                if (!narrowed.Equals(childOld))
                {
                    Relabel(db, child, childOld, narrowed, $" (narrowed with parent {id:D})");
                }
            }
        }, () => true, ct);
        return saved.Succeeded ? await DocumentAccess.ToDto(db, document, actor, ct) : saved.Error!;
    }

    private static void Relabel(TandemDbContext db, Document document, Label old, Label label, string why)
    {
        document.Label.CopyFrom(LabelData.From(label));

        // Owned columns alone do not mark the row modified; the version must still move for concurrency.
        db.Entry(document).Property(d => d.UpdatedAt).IsModified = true;
        var direction = label.IsNarrowerOrEqual(old) ? "narrowed" : "loosened";
        db.Audit(AuditAction.LabelChange, DocumentAccess.ObjectType, document.Id.ToString("D"), AuditDecision.Allowed, label.Marking,
            $"{direction}{why}: old={old.Marking}; new={label.Marking}");
    }
}

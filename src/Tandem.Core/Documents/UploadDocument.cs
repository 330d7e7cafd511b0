using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Documents;

/// <summary>What an upload form or request states. Owner, originator, uploader and id are never taken from it.</summary>
public sealed record UploadDocumentInput(string? Title, string? Description, LabelRequest? Label, FileUpload? File, string? ParentType = null, Guid? ParentId = null);

/// <summary>Uploads a new labelled document (version 1), optionally as an attachment of another record.</summary>
public static class UploadDocument
{
    /// <summary>Record kinds a document can be attached to. Capabilities that add attachable records add their kind here.</summary>
    public static readonly IReadOnlyList<string> ParentTypes = [nameof(Document)];

    public static async Task<Result<DocumentDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, DocumentOptions options, UploadDocumentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        if (actor.AgencyId is not { } agency || actor.UserId is null || DocumentAccess.IsReadOnly(actor))
        {
            return Error.Forbidden("Only members of an agency may upload documents.");
        }

        var validation = new Validation()
            .Required("title", input.Title, Document.TitleLength)
            .Optional("description", input.Description, Document.DescriptionLength);
        var label = await (input.Label ?? new LabelRequest(null)).Resolve(db, actor, ct);
        if (!label.Succeeded)
        {
            foreach (var (field, messages) in label.Error!.Fields)
            {
                foreach (var message in messages)
                {
                    validation.Add(field, message);
                }
            }

            if (label.Error.Fields.Count == 0)
            {
                return label.Error;
            }
        }

        var parent = await ParentLabel(db, actor, clock, input, validation, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        // An attachment is never wider than its parent (SECURITY.md "Labels").
        var final = parent is null ? label.Value : label.Value.CombineWith(parent);
        var viewer = DocumentAccess.ViewerOf(actor, clock);
        if (!AccessPolicy.CanSee(viewer, final))
        {
            return Error.Invalid("level", "With this label (combined with its parent's) you could not see the document yourself; choose recipients that include you.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var document = new Document
        {
            Title = input.Title!.Trim(),
            Description = input.Description?.Trim() ?? "",
            OwnerAgencyId = agency,
            UploadedById = actor.UserId,
            UploadedByName = actor.Email ?? "",
            CurrentVersion = 1,
            ParentType = parent is null ? null : input.ParentType,
            ParentId = parent is null ? null : input.ParentId,
            Label = LabelData.From(final),
        };
        var version = DocumentAccess.AddVersion(db, document, input.File, 1, options.MaxBytes, actor, now);
        if (!version.Succeeded)
        {
            db.ChangeTracker.Clear();
            return version.Error!;
        }

        db.Documents.Add(document);
        var recipients = await NotificationAudience.WhoMaySee(db, NotificationAudience.NamedIn(db, document.Label), document.Label, viewer.Today, ct, actor.UserId);
        NotificationUseCases.Send(db, recipients, NotificationKinds.DocumentShared, $"Document shared with you: {document.Title}", $"共有された文書: {document.Title}",
            $"/documents/{document.Id:D}", now, NotificationAudience.IsRestricted(document.Label));
        await db.SaveChangesAsync(ct);
        return await DocumentAccess.ToDto(db, document, actor, ct);
    }

    private static async Task<Label?> ParentLabel(TandemDbContext db, Actor actor, TimeProvider clock, UploadDocumentInput input, Validation validation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.ParentType) && input.ParentId is null)
        {
            return null;
        }

        if (input.ParentType is null || !ParentTypes.Contains(input.ParentType, StringComparer.Ordinal))
        {
            validation.Add("parentType", $"parentType must be one of: {string.Join(", ", ParentTypes)}.");
            return null;
        }

        if (input.ParentId is not { } parentId)
        {
            validation.Add("parentId", "parentId is required with parentType.");
            return null;
        }

        // The same message for a missing parent and one the uploader may not see.
        var viewer = DocumentAccess.ViewerOf(actor, clock);
        var parent = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == parentId, ct);
        if (parent is null || !AccessPolicy.CanSee(viewer, parent.Label))
        {
            validation.Add("parentId", "parentId is not a record you may see.");
            return null;
        }

        return parent.Label.ToLabel();
    }
}

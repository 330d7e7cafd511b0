using Tandem.Core.Sharing;

namespace Tandem.Core.Documents;

public sealed record DocumentVersionDto(int Number, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAt, string UploadedBy);

/// <summary>A label as shown to readers: the marking plus the parts a form needs.</summary>
public sealed record LabelDto(Tlp Level, string Marking, IReadOnlyList<string>? ReleasableTo, bool OriginatorOnly, IReadOnlyList<string> Caveats, DateOnly? EmbargoedUntil, string OriginatorAgency)
{
    public static LabelDto Of(Label label, string originatorAgency)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new LabelDto(label.Level, label.Marking, label.Parties?.ToList(), label.OriginatorOnly, label.Caveats.ToList(), label.EmbargoedUntil, originatorAgency);
    }
}

public sealed record DocumentDto(
    Guid Id,
    string Title,
    string Description,
    string OwnerAgency,
    string UploadedBy,
    int CurrentVersion,
    string? ParentType,
    Guid? ParentId,
    LabelDto Label,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    bool Deleted,
    int Version,
    IReadOnlyList<DocumentVersionDto> Versions,
    bool CanEdit);

public sealed record DocumentListItem(Guid Id, string Title, string Description, string OwnerAgency, Tlp Level, string Marking, int CurrentVersion, DateTime UpdatedAt, string? ParentType, Guid? ParentId, bool Deleted);

/// <summary>The bytes of one version, ready to send as an attachment.</summary>
public sealed record DocumentFile(Guid DocumentId, int Number, string FileName, string ContentType, string Sha256, string Marking, byte[] Bytes);

/// <summary>A file uploaded by a user: the name they gave it (only shown, never trusted) and its bytes.</summary>
public sealed record FileUpload(string? FileName, byte[] Content);

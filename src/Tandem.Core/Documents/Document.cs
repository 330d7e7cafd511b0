using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Core.Documents;

/// <summary>
/// A labelled document (C5): metadata and its label in one row, its content in numbered, immutable
/// versions. A document may be an attachment of another record (<see cref="ParentType"/>/<see cref="ParentId"/>);
/// then its label is never wider than its parent's.
/// </summary>
public sealed class Document : Entity, ILabelled
{
    public const int TitleLength = 300;
    public const int DescriptionLength = 4000;

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The agency that uploaded the first version; only it may add versions, relabel or delete.</summary>
    public Guid OwnerAgencyId { get; set; }

    public Guid? UploadedById { get; set; }

    public string UploadedByName { get; set; } = "";

    public int CurrentVersion { get; set; }

    /// <summary>The kind of record this document is attached to (e.g. "Document", "Meeting"); null for a stand-alone document.</summary>
    public string? ParentType { get; set; }

    public Guid? ParentId { get; set; }

    public LabelData Label { get; set; } = new();

    public List<DocumentVersion> Versions { get; set; } = [];
}

/// <summary>One uploaded file of a document. Versions are never changed or removed, only added.</summary>
public sealed class DocumentVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public int Number { get; set; }

    /// <summary>The uploader's file name, cleaned; shown and offered on download, never used to store the file.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The type found by sniffing the content, not the one the client declared.</summary>
    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content, checked again on every download.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The generated key the content is stored under (ADR-003).</summary>
    public Guid StorageKey { get; set; }

    public DateTime UploadedAt { get; set; }

    public Guid? UploadedById { get; set; }

    public string UploadedByName { get; set; } = "";
}

/// <summary>The bytes of one version, in a table of their own so lists and details never load them (ADR-003).</summary>
public sealed class DocumentContent
{
    public Guid StorageKey { get; set; }

    public byte[] Bytes { get; set; } = [];
}

/// <summary><c>Tandem:Documents</c> settings.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Tandem:Documents";

    /// <summary>Largest accepted file; a larger upload is refused with 413.</summary>
    public long MaxBytes { get; set; } = 25L * 1024 * 1024;
}

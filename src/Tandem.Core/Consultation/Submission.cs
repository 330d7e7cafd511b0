using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

public enum SubmissionState
{
    /// <summary>Saved by the organisation, never sent: nobody else sees it.</summary>
    Draft,

    /// <summary>Sent at least once; later changes are drafted in a new revision and sent as an amendment.</summary>
    Submitted,
}

/// <summary>
/// An organisation's answer to a call. The row's label covers the non-CBI parts (the call's label,
/// never wider than the forum community, with the organisation as originator); each CBI answer or
/// attachment carries its own narrower label (ADR-0701). Answers are kept per revision: an amendment
/// adds a revision and never rewrites an earlier one.
/// </summary>
public sealed class Submission : Entity, ILabelled
{
    public const int ReferenceLength = 48;

    public Guid CallId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>The organisation's agency: the originator of every part.</summary>
    public Guid AgencyId { get; set; }

    /// <summary>The receipt number, e.g. EPCC-P4-2026-0001; set on first submission.</summary>
    public string? Reference { get; set; }

    public SubmissionState State { get; set; }

    /// <summary>The revision the organisation is editing; equal to <see cref="SubmittedRevision"/> when it has no unsent changes.</summary>
    public int WorkingRevision { get; set; } = 1;

    /// <summary>The last revision sent (0: never sent). Everyone but the organisation sees this one.</summary>
    public int SubmittedRevision { get; set; }

    public bool HasUnsentChanges => WorkingRevision > SubmittedRevision;

    /// <summary>The parties whose secretariat officers may read the CBI parts, stored as "|USA|JPN|".</summary>
    public string CbiParties { get; set; } = "";

    public DateTime? FirstSubmittedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public Guid? SubmittedBy { get; set; }

    public bool Reviewed { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public Guid? ReviewedBy { get; set; }

    public LabelData Label { get; set; } = new();

    public List<SubmissionRevision> Revisions { get; set; } = [];

    public List<SubmissionTag> Tags { get; set; } = [];

    public List<SubmissionLink> Links { get; set; } = [];
}

/// <summary>When each revision was sent and by whom: the history a receipt refers to.</summary>
public sealed class SubmissionRevision
{
    public Guid SubmissionId { get; set; }

    public int Number { get; set; }

    public DateTime SubmittedAt { get; set; }

    public Guid SubmittedBy { get; set; }

    public string SubmittedByName { get; set; } = "";

    /// <summary>Bytes of a revision's random digest key.</summary>
    public const int DigestKeyBytes = 32;

    /// <summary>
    /// HMAC-SHA256 over the revision's parts, keyed with <see cref="DigestKey"/>, printed on the receipt so both sides can
    /// prove what was sent. Keyed, because a plain hash of short answers lets whoever sees it confirm guesses of them.
    /// </summary>
    public string Digest { get; set; } = "";

    /// <summary>The revision's own random key (hex), shown only on the organisation's receipt (ADR-0702).</summary>
    public string DigestKey { get; set; } = "";

    /// <summary>
    /// The digest of a revision: HMAC-SHA256 with the revision's key over "reference|revision|" followed by its parts,
    /// one per line in ordinal order — an answer as "A|question id|CBI?|text|number", a file as "F|question id|CBI?|SHA-256".
    /// </summary>
    public static string ComputeDigest(byte[] key, string reference, int revision, IEnumerable<string> parts) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key,
            System.Text.Encoding.UTF8.GetBytes($"{reference}|{revision}|" + string.Join("\n", parts.Order(StringComparer.Ordinal)))));
}

/// <summary>One answer of one revision, labelled in its own row so lists, aggregates and exports filter it in SQL.</summary>
public sealed class SubmissionAnswer : ILabelled
{
    public const int TextLength = 20000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SubmissionId { get; set; }

    public int Revision { get; set; }

    public Guid QuestionId { get; set; }

    /// <summary>Free text, or the chosen option of a choice question.</summary>
    public string Text { get; set; } = "";

    public decimal? Number { get; set; }

    public bool IsCbi { get; set; }

    public LabelData Label { get; set; } = new();
}

/// <summary>
/// A file of one revision, answering a file question or attached to the submission as a whole;
/// labelled like an answer. The bytes live in the attachment store (<see cref="SubmissionFiles"/>).
/// </summary>
public sealed class SubmissionAttachment : ILabelled
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SubmissionId { get; set; }

    public int Revision { get; set; }

    public Guid? QuestionId { get; set; }

    public bool IsCbi { get; set; }

    /// <summary>The stored file; the same file is referenced again by later revisions that keep it.</summary>
    public Guid FileId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public DateTime AddedAt { get; set; }

    public LabelData Label { get; set; } = new();
}

public enum TagKind
{
    Topic,
    HsProduct,
    Country,
}

/// <summary>Triage tag set by the secretariat: a topic, an HS product code, or a country named in the submission.</summary>
public sealed class SubmissionTag
{
    public const int ValueLength = 100;

    public Guid SubmissionId { get; set; }

    public TagKind Kind { get; set; }

    public string Value { get; set; } = "";
}

/// <summary>Triage link from a submission to a commitment or agenda item (stored as type + id; those records live in other capabilities).</summary>
public sealed class SubmissionLink
{
    public Guid SubmissionId { get; set; }

    public string TargetType { get; set; } = "";

    public Guid TargetId { get; set; }

    public DateTime LinkedAt { get; set; }

    public Guid LinkedBy { get; set; }
}

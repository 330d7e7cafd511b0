using Tandem.Core.Sharing;

namespace Tandem.Core.Search;

/// <summary>How the readers of an indexed record are decided; each scope mirrors the rule of the record's own list.</summary>
public enum SearchScope
{
    /// <summary>Its label alone (documents, notices, coercion incidents, programmes, analyses).</summary>
    Labelled = 0,

    /// <summary>A working record of a forum (meetings, agenda items, commitments): the forum's community; drafts only for organisers.</summary>
    Forum = 1,

    /// <summary>A labelled record inside a forum's working record (papers, progress reports): its label and the forum's community.</summary>
    LabelledInForum = 2,

    /// <summary>A call for input: its label for government readers, and for companies only when they are in its audience.</summary>
    Call = 3,

    /// <summary>A submission to a call: its label once sent, for government readers; a company sees only its own.</summary>
    Submission = 4,
}

/// <summary>The kinds of record search finds, as they appear in the API and the <c>kinds</c> filter.</summary>
public static class SearchKinds
{
    public const string Document = "document";
    public const string Meeting = "meeting";
    public const string AgendaItem = "agendaItem";
    public const string Paper = "paper";
    public const string Commitment = "commitment";
    public const string ProgressReport = "progressReport";
    public const string Notice = "notice";
    public const string CoercionIncident = "coercionIncident";
    public const string Programme = "programme";
    public const string Analysis = "analysis";
    public const string ConsultationCall = "consultationCall";
    public const string Submission = "submission";

    public static readonly IReadOnlyList<string> All =
        [Document, Meeting, AgendaItem, Paper, Commitment, ProgressReport, Notice, CoercionIncident, Programme, Analysis, ConsultationCall, Submission];
}

/// <summary>
/// One record as the search index holds it: its searchable text, and copies of the facts the access rule of its
/// kind needs (label, forum, draft state, owner), so that search applies the access policy inside the query and
/// never counts a record its reader may not see. Rows are rewritten in the same transaction as the record
/// (<see cref="SearchIndexing"/>); the database's full-text index over them is kept by the database (ADR-010).
/// </summary>
public sealed class SearchEntry : ILabelled
{
    public const int TitleLength = 1000;

    /// <summary>Longest text kept per record; a longer document is searchable by its first part.</summary>
    public const int TextLength = 100_000;

    /// <summary>An integer key, so that SQLite's FTS5 table can use it as its rowid.</summary>
    public long Id { get; set; }

    public string Kind { get; set; } = "";

    public Guid RecordId { get; set; }

    /// <summary>The record this one belongs to (the meeting of an agenda item or paper, the commitment of a report, the call of a submission).</summary>
    public Guid? ParentId { get; set; }

    public SearchScope Scope { get; set; }

    public Guid? ForumId { get; set; }

    public Guid? TrackId { get; set; }

    /// <summary>The agency that owns the record (for a submission: the submitting organisation's agency).</summary>
    public Guid? OwnerAgencyId { get; set; }

    /// <summary>The parties the record comes from or concerns, stored as "|JPN|USA|" ("" when none).</summary>
    public string Parties { get; set; } = "";

    /// <summary>A draft meeting (and what is in it), an unsent submission or a call not yet opened.</summary>
    public bool IsDraft { get; set; }

    /// <summary>A call open to every approved organisation rather than only those invited.</summary>
    public bool OpenToAllRegistered { get; set; }

    /// <summary>The date a reader knows the record by (a meeting's start, a notice's filing, a document's last change).</summary>
    public DateTime Date { get; set; }

    public string Title { get; set; } = "";

    public string TitleJa { get; set; } = "";

    /// <summary>The record's own text fields.</summary>
    public string Body { get; set; } = "";

    /// <summary>Text extracted from a document's current file (PDF, Office, plain text).</summary>
    public string Content { get; set; } = "";

    /// <summary>The document version <see cref="Content"/> was extracted from, so relabelling does not extract again.</summary>
    public int ContentVersion { get; set; }

    /// <summary>The label shown beside the hit, e.g. "TLP:GREEN REL TO JPN, USA".</summary>
    public string Marking { get; set; } = "";

    public LabelData Label { get; set; } = new();
}

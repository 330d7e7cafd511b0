using Tandem.Core.Commitments;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;

namespace Tandem.Core.Briefing;

/// <summary>
/// A text in the book's language. <see cref="Fallback"/> is true when the reader asked for Japanese and the record has
/// only English: the book marks such texts so nobody mistakes them for an official translation.
/// <see cref="Unofficial"/> is true when the Japanese text shown is a translation no Japanese authority published.
/// </summary>
public sealed record BookText(string Text, bool Fallback, bool Unofficial = false)
{
    public static BookText Pick(string language, string english, string japanese) =>
        BriefingLanguage.IsJapanese(language)
            ? string.IsNullOrWhiteSpace(japanese) ? new BookText(english, english.Length > 0) : new BookText(japanese, false)
            : new BookText(english, false);

    /// <summary>As <see cref="Pick(string, string, string)"/>, and marks a Japanese text whose source says it is an unofficial translation.</summary>
    public static BookText Pick(string language, string english, string japanese, string japaneseSource)
    {
        var text = Pick(language, english, japanese);
        return BriefingLanguage.IsJapanese(language) && !text.Fallback && japaneseSource == Common.Provenance.UnofficialTranslation
            ? text with { Unofficial = true }
            : text;
    }
}

/// <summary>The two languages of books and reports: "en" (default) and "ja".</summary>
public static class BriefingLanguage
{
    public const string English = "en";
    public const string Japanese = "ja";

    public static bool IsJapanese(string? language) => language is not null && language.StartsWith(Japanese, StringComparison.OrdinalIgnoreCase);

    public static string Normalize(string? language) => IsJapanese(language) ? Japanese : English;
}

/// <summary>One labelled record the book shows or counts, for the audit entry and the classification banner.</summary>
public sealed record BookRecord(string Type, Guid Id, Label Label);

/// <summary>How a paper's content appears in the book.</summary>
public enum PaperBody
{
    /// <summary>Markdown source, rendered (raw HTML disabled).</summary>
    Markdown,

    /// <summary>Plain text, shown as written.</summary>
    Plain,

    /// <summary>The first part of the text extracted from a PDF or Office file; the file itself is linked.</summary>
    Excerpt,

    /// <summary>Nothing could be extracted: the document's description stands in, with a link.</summary>
    Summary,

    /// <summary>The top rows of a table (an analysis or a CSV file).</summary>
    Table,
}

/// <summary>A paper as the book shows it: a meeting paper, a pre-read document or an analysis linked to the item.</summary>
public sealed record BookPaper(string Kind, Guid Id, string Title, string Marking, string Agency, PaperBody Body, string Text,
    IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, int TotalRows, string? Link);

public sealed record BookAgendaItem(int Position, BookText Title, string? TrackCode, BookText? TrackName, string? PresentingAgency, int DurationMinutes,
    string DecisionSought, IReadOnlyList<string> CommitmentCodes, IReadOnlyList<BookPaper> Papers, int HiddenPapers);

public sealed record BookResponsibility(string Party, string? Lead, IReadOnlyList<string> Supporting);

public sealed record BookMilestone(BookText Title, double Weight, int? Progress, DateOnly? DueDate, bool Overdue);

public sealed record BookReport(DateOnly ReportedOn, string Agency, int Percent, string Narrative, IReadOnlyList<string> EvidenceLinks, string Marking);

public sealed record BookCommitment(Guid Id, string Code, BookText Text, string? TrackCode, CommitmentStatus Status, DateOnly? DueDate, bool Overdue, double? Progress,
    IReadOnlyList<BookResponsibility> Responsibilities, IReadOnlyList<BookMilestone> Milestones, BookReport? LastReport, int HiddenReports);

public sealed record BookCell(string Party, string Display);

public sealed record BookAggregate(string Key, double? Percent, int Scored, int Cells);

public sealed record BookScoreRow(string Code, BookText Text, string Group, IReadOnlyList<BookCell> Cells, double? Percent);

public sealed record BookScorecard(Guid CycleId, string Name, DateOnly WindowStart, DateOnly WindowEnd, IReadOnlyList<string> Parties,
    IReadOnlyList<BookAggregate> ByParty, IReadOnlyList<BookAggregate> ByTrack,
    IReadOnlyList<BookScoreRow> Rows, string PercentRule);

public sealed record BookNotice(Guid Id, string Title, string NotifyingParty, string State, DateOnly Deadline, string Marking);

public sealed record BookIncident(Guid Id, string Title, string TargetParty, string CoercingParty, string Phase, DateOnly StartedOn, string Marking);

public sealed record BookAttendee(string Name, string Agency, string Party, string Role);

public sealed record BookCover(string ForumCode, BookText ForumName, BookText MeetingTitle, Tier Tier, int? Number, MeetingStatus Status, string Venue,
    IReadOnlyList<ZonedTimeDto> Times);

/// <summary>
/// A meeting's briefing book as one reader may see it. Everything the reader may not see is left out and only counted
/// (<see cref="HiddenPapers"/>, <see cref="BookAgendaItem.HiddenPapers"/>, …); <see cref="Classification"/> is the most
/// restrictive combination of the labels of everything it shows, starting from the forum community's own audience.
/// </summary>
public sealed record BriefingBook(Guid MeetingId, string Language, DateTime GeneratedAt, string Reader, string ReaderAgency, string Classification, Tlp Level,
    BookCover Cover, IReadOnlyList<BookAgendaItem> Agenda, IReadOnlyList<BookPaper> MeetingPapers, int HiddenPapers,
    IReadOnlyList<BookCommitment> Commitments, BookScorecard? Scorecard, IReadOnlyList<BookNotice> Notices, int HiddenNotices,
    IReadOnlyList<BookIncident> Incidents, int HiddenIncidents, IReadOnlyList<BookAttendee> Attendance, IReadOnlyList<BookRecord> Records)
{
    /// <summary>Every paper the book names: the meeting's own papers and those of each agenda item.</summary>
    public int PaperCount => MeetingPapers.Count + Agenda.Sum(a => a.Papers.Count);

    public int HiddenPaperCount => HiddenPapers + Agenda.Sum(a => a.HiddenPapers);
}

using Tandem.Core.Common;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Meetings;

public sealed record MeetingDto(Guid Id, Guid ForumId, string ForumCode, Tier Tier, int? Number, string TitleEn, string TitleJa, string Venue, string TimeZone,
    DateTime StartsAt, DateTime EndsAt, MeetingStatus Status, string Notes, string SourceUrl, string Confidence, int AgendaMinutes, int Version)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);

    public int LengthMinutes => (int)Math.Round((EndsAt - StartsAt).TotalMinutes);
}

public sealed record AgendaItemDto(Guid Id, int Position, string TitleEn, string TitleJa, Guid? TrackId, string? TrackCode, Guid? PresentingAgencyId,
    string? PresentingAgencyCode, int DurationMinutes, string DecisionSought, IReadOnlyList<Guid> CommitmentIds, IReadOnlyList<Guid> PreReadDocumentIds)
{
    public string Title(string culture) => Localized.Pick(culture, TitleEn, TitleJa);
}

public sealed record AttendeeDto(Guid Id, string PersonName, Guid AgencyId, string AgencyCode, string Party, string Role);

public sealed record OutcomeDto(Guid Id, int Position, OutcomeKind Kind, string TextEn, string TextJa, Guid? AgendaItemId, Guid? CommitmentId, string? CommitmentCode)
{
    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

/// <summary>A paper as its reader sees it: the linked document (id and title) only when the reader may read that document.</summary>
public sealed record MeetingPaperDto(Guid Id, Guid MeetingId, PaperKind Kind, string Title, string Text, Guid? DocumentId, string? DocumentTitle, string AgencyCode,
    string Marking, DateTime CreatedAt, int Version);

/// <summary>A meeting's start and end in one zone (the venue's, a party's capital or the reader's).</summary>
public sealed record ZonedTimeDto(string Label, string Zone, DateTime Start, DateTime End, string UtcOffset);

public sealed record MeetingDetailDto(MeetingDto Meeting, IReadOnlyList<AgendaItemDto> Agenda, IReadOnlyList<AttendeeDto> Attendees,
    IReadOnlyList<OutcomeDto> Outcomes, IReadOnlyList<MeetingPaperDto> Papers, IReadOnlyList<ZonedTimeDto> Times);

/// <summary>Which meetings to list; <paramref name="Sort"/> "latest" lists the latest start first, anything else the earliest.</summary>
public sealed record MeetingFilter(Guid? ForumId = null, Tier? Tier = null, MeetingStatus? Status = null, int? Year = null, DateOnly? From = null, DateOnly? To = null, string? Sort = null)
{
    public const string Latest = "latest";

    /// <summary>The years a meeting may fall in (as <see cref="CreateMeeting"/> allows); outside them no date exists to filter by.</summary>
    public const int FirstYear = 1900;

    public const int LastYear = 2200;

    /// <summary>Why the filter cannot be applied, naming its field, or null when it can.</summary>
    public Error? Check()
    {
        var validation = new Validation();
        if (Year is < FirstYear or > LastYear)
        {
            validation.Add("year", $"year must be between {FirstYear} and {LastYear}.");
        }

        if (From is { } from && To is { } to && from > to)
        {
            validation.Add("to", "to must not be before from.");
        }

        return validation.IsValid ? null : validation.ToError();
    }
}

/// <summary>Meeting fields. Times carry an offset (or Z) and are stored in UTC.</summary>
public sealed record MeetingInput(Guid? ForumId, Tier? Tier, int? Number, string? TitleEn, string? TitleJa, string? Venue, string? TimeZone,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Notes = null, string? SourceUrl = null, string? Confidence = null, int? Version = null);

public sealed record MeetingStatusInput(MeetingStatus? Status, string? Reason = null, int? Version = null);

public sealed record AgendaItemInput(string? TitleEn, string? TitleJa = null, string? TrackCode = null, string? PresentingAgencyCode = null, int? DurationMinutes = null,
    string? DecisionSought = null, IReadOnlyList<Guid>? CommitmentIds = null, IReadOnlyList<Guid>? PreReadDocumentIds = null, Guid? Id = null);

public sealed record AgendaInput(IReadOnlyList<AgendaItemInput>? Items, int? Version = null);

public sealed record AddAgendaItemInput(AgendaItemInput? Item, int? Position = null, int? Version = null);

public sealed record AttendeeInput(string? PersonName, string? AgencyCode, string? Role = null);

public sealed record AttendanceInput(IReadOnlyList<AttendeeInput>? Attendees, int? Version = null);

/// <summary>
/// An outcome; for <see cref="OutcomeKind.Action"/> the commitment it creates takes these extra fields. With
/// <paramref name="CommitmentLater"/> an Action is recorded without its commitment, which is then written on the outcome's
/// own form (responsible agencies, due date) and listed as waiting until it is.
/// </summary>
public sealed record OutcomeInput(OutcomeKind? Kind, string? TextEn, string? TextJa = null, Guid? AgendaItemId = null, string? CommitmentCode = null,
    string? TrackCode = null, DateOnly? DueDate = null, int? Version = null, bool? CommitmentLater = null);

public sealed record MeetingPaperInput(PaperKind? Kind, string? Title, string? Text, Guid? DocumentId = null, LabelInput? Label = null);

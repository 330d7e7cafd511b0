using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Meetings;

public sealed record AgencyChoiceDto(Guid Id, string Code, string NameEn, string NameJa)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>One party of the forum with the agencies that may answer for it, and the lead the proposal suggests.</summary>
public sealed record PartyChoiceDto(string Party, string NameEn, string NameJa, IReadOnlyList<AgencyChoiceDto> Agencies, string? ProposedLead)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record TrackChoiceDto(string Code, string NameEn, string NameJa)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>
/// What the form that turns an outcome into a commitment starts from: the outcome and its meeting, the next free code of
/// the forum, the track of the outcome's agenda item, and per party the agencies to choose from (the track's co-lead proposed).
/// </summary>
public sealed record OutcomeCommitmentProposalDto(Guid MeetingId, string MeetingTitleEn, string MeetingTitleJa, MeetingStatus MeetingStatus, int MeetingVersion,
    Guid OutcomeId, int Position, OutcomeKind Kind, string TextEn, string TextJa, Guid? CommitmentId, string? CommitmentCode, string ProposedCode, string? TrackCode,
    IReadOnlyList<TrackChoiceDto> Tracks, DateOnly MadeOn, IReadOnlyList<PartyChoiceDto> Parties)
{
    public string MeetingTitle(string culture) => Localized.Pick(culture, MeetingTitleEn, MeetingTitleJa);

    public string Text(string culture) => Localized.Pick(culture, TextEn, TextJa);
}

/// <summary>The commitment an outcome becomes. Responsibilities are per party, by agency code (the form offers the agencies by name).</summary>
public sealed record OutcomeCommitmentInput(string? Code, string? TextEn, string? TextJa = null, string? TrackCode = null, DateOnly? DueDate = null,
    IReadOnlyDictionary<string, ResponsibilityInput>? Responsibilities = null, int? Version = null);

/// <summary>
/// Turns an outcome of a held (or concluded) meeting into the commitment that carries it out: the commitment's source
/// points back to the meeting and the outcome, the outcome points to the commitment, and the meeting's version moves so
/// that a concurrent editor of the meeting is told.
/// </summary>
public static partial class CommitOutcome
{
    public static async Task<Result<OutcomeCommitmentProposalDto>> Propose(TandemDbContext db, Actor actor, Guid meetingId, Guid outcomeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var meeting = await db.Set<Meeting>().AsNoTracking().Visible(db, actor).Include(m => m.Outcomes).Include(m => m.Agenda)
            .AsSplitQuery().FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        var outcome = meeting?.Outcomes.FirstOrDefault(o => o.Id == outcomeId);
        if (meeting is null || outcome is null)
        {
            return Error.NotFound("Outcome");
        }

        var item = outcome.AgendaItemId is { } itemId ? meeting.Agenda.FirstOrDefault(a => a.Id == itemId) : null;
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.ForumId == meeting.ForumId).OrderBy(t => t.Code)
            .Select(t => new { t.Id, t.Code, t.NameEn, t.NameJa }).ToListAsync(ct);
        var track = item?.TrackId is { } trackId ? tracks.FirstOrDefault(t => t.Id == trackId) : null;
        var parties = await db.ForumParties.AsNoTracking().Where(fp => fp.ForumId == meeting.ForumId)
            .Join(db.Parties, fp => fp.Party, p => p.Iso3, (fp, p) => new { p.Iso3, p.NameEn, p.NameJa })
            .OrderBy(p => p.Iso3).ToListAsync(ct);
        var partyCodes = parties.Select(p => p.Iso3).ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => partyCodes.Contains(a.Party)).OrderBy(a => a.Code)
            .Select(a => new { a.Id, a.Code, a.NameEn, a.NameJa, a.Party }).ToListAsync(ct);
        var coLeads = track is null
            ? []
            : await db.TrackParticipations.AsNoTracking().Where(p => p.TrackId == track.Id && (p.Role == ParticipationRole.CoLead || p.Role == ParticipationRole.Lead))
                .Select(p => p.AgencyId).ToListAsync(ct);
        var codes = await db.Set<Commitment>().IgnoreQueryFilters().AsNoTracking().Where(c => c.ForumId == meeting.ForumId).Select(c => c.Code).ToListAsync(ct);
        var commitmentCode = outcome.CommitmentId is { } cid ? await db.Set<Commitment>().Where(c => c.Id == cid).Select(c => c.Code).FirstOrDefaultAsync(ct) : null;
        var madeOn = MeetingDay(meeting);
        return new OutcomeCommitmentProposalDto(meeting.Id, meeting.TitleEn, meeting.TitleJa, meeting.Status, meeting.Version,
            outcome.Id, outcome.Position, outcome.Kind, outcome.TextEn, outcome.TextJa, outcome.CommitmentId, commitmentCode,
            NextCode(codes, $"{madeOn:yyyyMMdd}-A{outcome.Position}"), track?.Code,
            tracks.Select(t => new TrackChoiceDto(t.Code, t.NameEn, t.NameJa)).ToList(), madeOn,
            parties.Select(p =>
            {
                var own = agencies.Where(a => a.Party == p.Iso3).ToList();
                var lead = own.FirstOrDefault(a => coLeads.Contains(a.Id)) ?? own.FirstOrDefault(a => a.Id == item?.PresentingAgencyId);
                return new PartyChoiceDto(p.Iso3, p.NameEn, p.NameJa, own.Select(a => new AgencyChoiceDto(a.Id, a.Code, a.NameEn, a.NameJa)).ToList(), lead?.Code);
            }).ToList());
    }

    public static async Task<Result<CommitmentListItemDto>> Handle(TandemDbContext db, Actor actor, Guid meetingId, Guid outcomeId, OutcomeCommitmentInput input,
        DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await CreateMeeting.LoadForChange(db, actor, meetingId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var outcome = meeting.Outcomes.FirstOrDefault(o => o.Id == outcomeId);
        if (outcome is null)
        {
            return Error.NotFound("Outcome");
        }

        if (outcome.CommitmentId is not null)
        {
            return Error.Conflict($"Outcome {outcome.Position} is already carried by a commitment.");
        }

        var validation = new Validation().Version(input.Version);
        if (meeting.Status is not (MeetingStatus.Held or MeetingStatus.Concluded))
        {
            validation.Add("status", $"The meeting is {meeting.Status}: only the outcomes of a held meeting become commitments.");
        }

        if (outcome.Kind == OutcomeKind.Information)
        {
            validation.Add("kind", "An Information outcome asks nobody to act: record a Decision or an Action to create a commitment.");
        }

        if (input.Responsibilities is null || !input.Responsibilities.Values.Any(r => !string.IsNullOrWhiteSpace(r?.Lead)))
        {
            validation.Add("responsibilities", "Choose the lead agency of at least one party.");
        }

        var item = outcome.AgendaItemId is { } itemId ? meeting.Agenda.FirstOrDefault(a => a.Id == itemId) : null;
        var commitmentInput = new CommitmentInput(meeting.ForumId, input.Code?.Trim(), string.IsNullOrWhiteSpace(input.TextEn) ? outcome.TextEn : input.TextEn,
            string.IsNullOrWhiteSpace(input.TextJa) ? outcome.TextJa : input.TextJa, input.TrackCode, null, meeting.Id,
            $"Outcome {outcome.Position} of {meeting.TitleEn}", item is null ? "" : $"agenda item {item.Position}", null, null, MeetingDay(meeting), input.DueDate,
            CommitmentStatus.NotStarted, input.Responsibilities);
        var forum = await db.Forums.AsNoTracking().Include(f => f.Parties).FirstAsync(f => f.Id == meeting.ForumId, ct);
        var (rules, resolved) = await CommitmentRules.Validate(db, commitmentInput, forum, ct);
        foreach (var (field, messages) in rules.Errors)
        {
            foreach (var message in messages)
            {
                validation.Add(field, message);
            }
        }

        var code = commitmentInput.Code ?? "";
        if (validation.IsValid && await db.Set<Commitment>().IgnoreQueryFilters().AnyAsync(c => c.ForumId == forum.Id && c.Code == code, ct))
        {
            return Error.Duplicate("code", $"Forum {forum.Code} already has a commitment {code}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var commitment = new Commitment { ForumId = forum.Id, Code = code, SourceOutcomeId = outcome.Id };
        var saved = await Concurrency.SaveAsync(db, meeting, input.Version!.Value, () =>
        {
            CommitmentRules.Apply(commitment, commitmentInput, resolved);
            db.Add(commitment);
            outcome.CommitmentId = commitment.Id;

            // A decision that someone must now carry out is an action of the meeting.
            outcome.Kind = OutcomeKind.Action;
            SetAgenda.Touch(db, meeting, $"outcome {outcome.Position} became commitment {code}");
        }, () => true, ct);
        if (!saved.Succeeded)
        {
            return saved.Error!;
        }

        return (await CommitmentQueries.Find(db, actor, commitment.Id, today, ct))!;
    }

    /// <summary>The day the meeting began in its venue: the day its commitments were made.</summary>
    private static DateOnly MeetingDay(Meeting meeting) => DateOnly.FromDateTime(MeetingTimes.ToZone(meeting.StartsAt, meeting.TimeZone));

    /// <summary>
    /// The next code in the forum's most used numbering ("C31" → "C32", "2024-07" → "2024-08"), keeping its width; the
    /// fallback when the forum has no numbered code yet. Never a code the forum already has.
    /// </summary>
    public static string NextCode(IReadOnlyCollection<string> codes, string fallback)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var numbered = codes.Select(c => TrailingNumber().Match(c)).Where(m => m.Success && m.Groups[2].Value.Length <= 9)
            .Select(m => (Prefix: m.Groups[1].Value, Digits: m.Groups[2].Value)).ToList();
        var taken = codes.ToHashSet(StringComparer.Ordinal);
        if (numbered.Count == 0)
        {
            return taken.Contains(fallback) ? fallback + "-2" : fallback;
        }

        var series = numbered.GroupBy(n => n.Prefix, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var width = series.Max(n => n.Digits.Length);
        var next = series.Max(n => long.Parse(n.Digits, CultureInfo.InvariantCulture)) + 1;
        string candidate;
        do
        {
            candidate = series.Key + next.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            next++;
        }
        while (taken.Contains(candidate));

        return candidate;
    }

    [GeneratedRegex("^(.*?)([0-9]+)$")]
    private static partial Regex TrailingNumber();
}

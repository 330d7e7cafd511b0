using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Meetings;

/// <summary>
/// The ordered agenda of a meeting: replace it whole, add an item at a position, or remove one.
/// The items must fit in the meeting's length and cannot change once it is concluded (reopen first).
/// </summary>
public static class SetAgenda
{
    public static async Task<Result<MeetingDetailDto>> Handle(TandemDbContext db, Actor actor, Guid meetingId, AgendaInput input, string? viewerZone, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await CreateMeeting.LoadForChange(db, actor, meetingId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var items = input.Items ?? [];
        var validation = new Validation().Version(input.Version);
        Locked(validation, meeting);
        if (items.Count > MeetingRules.MaxAgendaItems)
        {
            validation.Add("items", $"An agenda has at most {MeetingRules.MaxAgendaItems} items.");
            return validation.ToError();
        }

        var resolved = new List<ResolvedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            resolved.Add(await Resolve(db, Viewer.Of(actor, today), meeting, items[i], $"items[{i}].", validation, ct));
        }

        var keptIds = items.Where(i => i.Id is not null).Select(i => i.Id!.Value).ToHashSet();
        foreach (var id in keptIds.Where(id => meeting.Agenda.All(a => a.Id != id)))
        {
            validation.Add("items", $"Agenda item {id} is not on this meeting's agenda.");
        }

        foreach (var removed in meeting.Agenda.Where(a => !keptIds.Contains(a.Id)))
        {
            if (meeting.Outcomes.Any(o => o.AgendaItemId == removed.Id))
            {
                validation.Add("items", $"Agenda item '{ForumRules.Truncate(removed.TitleEn)}' has outcomes recorded against it and cannot be removed.");
            }
        }

        Fit(validation, meeting, resolved.Sum(r => r.Duration), "items");
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, meeting, input.Version!.Value, () =>
        {
            foreach (var removed in meeting.Agenda.Where(a => !keptIds.Contains(a.Id)).ToList())
            {
                meeting.Agenda.Remove(removed);
            }

            for (var i = 0; i < resolved.Count; i++)
            {
                var item = items[i].Id is { } id ? meeting.Agenda.First(a => a.Id == id) : new AgendaItem { MeetingId = meeting.Id };
                resolved[i].ApplyTo(item, i + 1);
                if (items[i].Id is null)
                {
                    meeting.Agenda.Add(item);
                }
            }

            Touch(db, meeting, $"agenda set: {resolved.Count} items, {resolved.Sum(r => r.Duration)} minutes");
        }, () => true, ct);
        return saved.Succeeded ? await MeetingQueries.Get(db, actor, meetingId, viewerZone, today, ct) : saved.Error!;
    }

    public static async Task<Result<MeetingDetailDto>> Add(TandemDbContext db, Actor actor, Guid meetingId, AddAgendaItemInput input, string? viewerZone, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await CreateMeeting.LoadForChange(db, actor, meetingId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var validation = new Validation().Version(input.Version);
        Locked(validation, meeting);
        if (input.Item is null)
        {
            validation.Add("item", "item is required.");
            return validation.ToError();
        }

        if (meeting.Agenda.Count >= MeetingRules.MaxAgendaItems)
        {
            validation.Add("item", $"An agenda has at most {MeetingRules.MaxAgendaItems} items.");
        }

        if (input.Position is { } p && (p < 1 || p > meeting.Agenda.Count + 1))
        {
            validation.Add("position", $"position must be between 1 and {meeting.Agenda.Count + 1}.");
        }

        var resolved = await Resolve(db, Viewer.Of(actor, today), meeting, input.Item, "", validation, ct);
        Fit(validation, meeting, meeting.Agenda.Sum(a => a.DurationMinutes) + resolved.Duration, "durationMinutes");
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, meeting, input.Version!.Value, () =>
        {
            var ordered = meeting.Agenda.OrderBy(a => a.Position).ToList();
            var item = new AgendaItem { MeetingId = meeting.Id };
            ordered.Insert((input.Position ?? ordered.Count + 1) - 1, item);
            meeting.Agenda.Add(item);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Position = i + 1;
            }

            resolved.ApplyTo(item, item.Position);
            Touch(db, meeting, $"agenda item added at {item.Position}: {resolved.Duration} minutes");
        }, () => true, ct);
        return saved.Succeeded ? await MeetingQueries.Get(db, actor, meetingId, viewerZone, today, ct) : saved.Error!;
    }

    public static async Task<Result<MeetingDetailDto>> Remove(TandemDbContext db, Actor actor, Guid meetingId, Guid itemId, int? version, string? viewerZone, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var loaded = await CreateMeeting.LoadForChange(db, actor, meetingId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var meeting = loaded.Value;
        var item = meeting.Agenda.FirstOrDefault(a => a.Id == itemId);
        if (item is null)
        {
            return Error.NotFound("Agenda item");
        }

        var validation = new Validation().Version(version);
        Locked(validation, meeting);
        if (meeting.Outcomes.Any(o => o.AgendaItemId == itemId))
        {
            validation.Add("itemId", "This agenda item has outcomes recorded against it and cannot be removed.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, meeting, version!.Value, () =>
        {
            meeting.Agenda.Remove(item);
            var position = 1;
            foreach (var rest in meeting.Agenda.OrderBy(a => a.Position))
            {
                rest.Position = position++;
            }

            Touch(db, meeting, $"agenda item removed: {ForumRules.Truncate(item.TitleEn)}");
        }, () => true, ct);
        return saved.Succeeded ? await MeetingQueries.Get(db, actor, meetingId, viewerZone, today, ct) : saved.Error!;
    }

    /// <summary>Children are part of the meeting: the meeting's version moves and the audit log says what changed.</summary>
    internal static void Touch(TandemDbContext db, Meeting meeting, string details)
    {
        db.Entry(meeting).State = EntityState.Modified;
        db.Audit(AuditAction.Update, nameof(Meeting), meeting.Id.ToString("D"), details: details);
    }

    private static void Locked(Validation validation, Meeting meeting)
    {
        if (MeetingRules.WhyAgendaIsLocked(meeting.Status) is { } why)
        {
            validation.Add("status", why);
        }
    }

    private static void Fit(Validation validation, Meeting meeting, int total, string field)
    {
        if (total > meeting.LengthMinutes)
        {
            validation.Add(field, $"The agenda would take {total} minutes but the meeting lasts {meeting.LengthMinutes} minutes.");
        }
    }

    private sealed record ResolvedItem(AgendaItemInput Input, Guid? TrackId, Guid? AgencyId, int Duration)
    {
        public void ApplyTo(AgendaItem item, int position)
        {
            item.Position = position;
            item.TitleEn = Input.TitleEn!.Trim();
            item.TitleJa = Input.TitleJa?.Trim() ?? "";
            item.TrackId = TrackId;
            item.PresentingAgencyId = AgencyId;
            item.DurationMinutes = Duration;
            item.DecisionSought = Input.DecisionSought?.Trim() ?? "";
            item.CommitmentIds = (Input.CommitmentIds ?? []).Distinct().ToList();
            item.PreReadDocumentIds = (Input.PreReadDocumentIds ?? []).Distinct().ToList();
        }
    }

    private static async Task<ResolvedItem> Resolve(TandemDbContext db, Viewer linker, Meeting meeting, AgendaItemInput item, string prefix, Validation validation, CancellationToken ct)
    {
        validation.Required(prefix + "titleEn", item.TitleEn, MeetingRules.TitleLength)
            .Optional(prefix + "titleJa", item.TitleJa, MeetingRules.TitleLength)
            .Optional(prefix + "decisionSought", item.DecisionSought, MeetingRules.TextLength);
        if (item.DurationMinutes is not { } duration || duration < 1 || duration > 24 * 60)
        {
            validation.Add(prefix + "durationMinutes", "durationMinutes is required: 1 to 1440 minutes.");
            duration = 0;
        }

        Guid? trackId = null;
        if (!string.IsNullOrWhiteSpace(item.TrackCode))
        {
            var code = item.TrackCode.Trim();
            trackId = await db.Tracks.Where(t => t.ForumId == meeting.ForumId && t.Code == code).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
            if (trackId is null)
            {
                validation.Add(prefix + "trackCode", $"'{ForumRules.Truncate(code)}' is not a track of this meeting's forum.");
            }
        }

        Guid? agencyId = null;
        if (!string.IsNullOrWhiteSpace(item.PresentingAgencyCode))
        {
            var code = item.PresentingAgencyCode.Trim();
            var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
            var parties = db.ForumParties.Where(p => p.ForumId == meeting.ForumId).Select(p => p.Party);
            if (agency is null)
            {
                validation.Add(prefix + "presentingAgencyCode", $"'{ForumRules.Truncate(code)}' is not an agency.");
            }
            else if (!await parties.ContainsAsync(agency.Party, ct))
            {
                validation.Add(prefix + "presentingAgencyCode", $"{agency.Code} belongs to {agency.Party}, which is not a party of this forum.");
            }
            else
            {
                agencyId = agency.Id;
            }
        }

        var commitmentIds = (item.CommitmentIds ?? []).Distinct().ToList();
        if (commitmentIds.Count > MeetingRules.MaxLinks)
        {
            validation.Add(prefix + "commitmentIds", $"At most {MeetingRules.MaxLinks} linked commitments.");
        }
        else if (commitmentIds.Count > 0)
        {
            var found = await db.Set<Commitment>().CountAsync(c => commitmentIds.Contains(c.Id) && c.ForumId == meeting.ForumId, ct);
            if (found != commitmentIds.Count)
            {
                validation.Add(prefix + "commitmentIds", "Every linked commitment must be a commitment of this meeting's forum.");
            }
        }

        if ((item.PreReadDocumentIds?.Count ?? 0) > MeetingRules.MaxLinks)
        {
            validation.Add(prefix + "preReadDocumentIds", $"At most {MeetingRules.MaxLinks} pre-reads.");
        }
        else if (item.PreReadDocumentIds is { Count: > 0 } preReads)
        {
            // Everyone who reads the agenda is shown its pre-reads: each must be readable by the whole forum community.
            var audience = await ForumCommunity.Audience(db, meeting.ForumId, ct);
            await DocumentLinks.Check(db, linker, audience, preReads, prefix + "preReadDocumentIds", "the agenda", validation, ct);
        }

        return new ResolvedItem(item, trackId, agencyId, duration);
    }
}

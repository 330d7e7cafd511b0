using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Forums;

public sealed record TrackParticipantDto(Guid AgencyId, string AgencyCode, string Party, string NameEn, string NameJa, ParticipationRole Role)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record TrackDto(Guid Id, Guid ForumId, string ForumCode, string Code, string NameEn, string NameJa, string Description, DateOnly? FirstUsed,
    IReadOnlyList<TrackParticipantDto> Participants, int Version)
{
    public IEnumerable<TrackParticipantDto> CoLeads => Participants.Where(p => p.Role == ParticipationRole.CoLead);

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>Track fields; <see cref="CoLeads"/> maps each party of the forum (ISO3) to the code of its co-lead agency.</summary>
public sealed record TrackInput(Guid? ForumId, string? Code, string? NameEn, string? NameJa, string? Description, DateOnly? FirstUsed,
    IReadOnlyDictionary<string, string>? CoLeads, int? Version = null);

public sealed record ParticipationInput(string? AgencyCode, ParticipationRole? Role, int? Version = null);

/// <summary>Tracks (pillars, working groups) with exactly one co-lead agency per party and other participation roles.</summary>
public static class TrackUseCases
{
    public static async Task<List<TrackDto>> ListForForum(TandemDbContext db, Guid? forumId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tracks = db.Tracks.AsNoTracking();
        if (forumId is { } id)
        {
            tracks = tracks.Where(t => t.ForumId == id);
        }

        var list = await tracks.Include(t => t.Forum).Include(t => t.Participations).ThenInclude(p => p.Agency)
            .OrderBy(t => t.Forum!.Code).ThenBy(t => t.Code).ToListAsync(ct);
        return list.Select(ToDto).ToList();
    }

    public static async Task<Result<TrackDto>> Get(TandemDbContext db, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var track = await db.Tracks.AsNoTracking().Include(t => t.Forum).Include(t => t.Participations).ThenInclude(p => p.Agency)
            .FirstOrDefaultAsync(t => t.Id == id, ct);
        return track is null ? Error.NotFound("Track") : ToDto(track);
    }

    public static async Task<Result<TrackDto>> Create(TandemDbContext db, Actor actor, TrackInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may create tracks.");
        }

        var forum = input.ForumId is { } forumId ? await db.Forums.Include(f => f.Parties).FirstOrDefaultAsync(f => f.Id == forumId, ct) : null;
        var (validation, coLeads) = await Validate(db, input, forum, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var code = input.Code!.Trim();
        if (await db.Tracks.IgnoreQueryFilters().AnyAsync(t => t.ForumId == forum!.Id && t.Code == code, ct))
        {
            return Error.Duplicate("code", $"Forum {forum!.Code} already has a track {code}.");
        }

        var track = new Track { ForumId = forum!.Id, Code = code };
        Apply(track, input, coLeads);
        db.Tracks.Add(track);
        await db.SaveChangesAsync(ct);
        return await Get(db, track.Id, ct);
    }

    public static async Task<Result<TrackDto>> Update(TandemDbContext db, Actor actor, Guid id, TrackInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var track = await db.Tracks.Include(t => t.Participations).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (track is null)
        {
            return Error.NotFound("Track");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may edit tracks.");
        }

        var forum = await db.Forums.Include(f => f.Parties).FirstAsync(f => f.Id == track.ForumId, ct);
        var (validation, coLeads) = await Validate(db, input with { ForumId = track.ForumId, Code = input.Code ?? track.Code }, forum, ct);
        validation.Version(input.Version);
        if (input.ForumId is { } other && other != track.ForumId)
        {
            validation.Add("forumId", "A track cannot move to another forum.");
        }

        if (input.Code is not null && input.Code.Trim() != track.Code)
        {
            validation.Add("code", "code cannot be changed.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, track, input.Version!.Value, () => Apply(track, input, coLeads), () => true, ct);
        return saved.Succeeded ? await Get(db, id, ct) : saved.Error!;
    }

    public static async Task<Result<bool>> Delete(TandemDbContext db, Actor actor, Guid id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (track is null)
        {
            return Error.NotFound("Track");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may delete tracks.");
        }

        // The participations stay with the soft-deleted track so a restore brings the track back whole.
        return await Concurrency.SaveAsync(db, track, version ?? track.Version, () => db.Tracks.Remove(track), () => true, ct);
    }

    /// <summary>Gives an agency a role in a track (Lead, Partner, Supporting, Observer); co-leads are set on the track itself.</summary>
    public static async Task<Result<TrackDto>> SetParticipation(TandemDbContext db, Actor actor, Guid trackId, ParticipationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var track = await db.Tracks.Include(t => t.Participations).FirstOrDefaultAsync(t => t.Id == trackId, ct);
        if (track is null)
        {
            return Error.NotFound("Track");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may change track roles.");
        }

        var validation = new Validation().Required("agencyCode", input.AgencyCode, ForumRules.CodeLength).Version(input.Version);
        var agency = string.IsNullOrWhiteSpace(input.AgencyCode) ? null : await db.Agencies.FirstOrDefaultAsync(a => a.Code == input.AgencyCode.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(input.AgencyCode) && agency is null)
        {
            validation.Add("agencyCode", $"agencyCode '{ForumRules.Truncate(input.AgencyCode)}' is not an agency.");
        }

        if (input.Role is null || !Enum.IsDefined(input.Role.Value))
        {
            validation.Add("role", "role is required: Lead, Partner, Supporting or Observer.");
        }
        else if (input.Role == ParticipationRole.CoLead)
        {
            validation.Add("role", "Co-leads are set on the track (one per party), not as a participation.");
        }

        var existing = agency is null ? null : track.Participations.FirstOrDefault(p => p.AgencyId == agency.Id);
        if (existing?.Role == ParticipationRole.CoLead)
        {
            validation.Add("agencyCode", $"{agency!.Code} co-leads this track; name another co-lead before changing its role.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var saved = await Concurrency.SaveAsync(db, track, input.Version!.Value, () =>
        {
            if (existing is null)
            {
                track.Participations.Add(new TrackParticipation { TrackId = track.Id, AgencyId = agency!.Id, Role = input.Role!.Value });
            }
            else
            {
                existing.Role = input.Role!.Value;
            }

            db.Entry(track).State = EntityState.Modified;
            db.Audit(AuditAction.Update, nameof(Track), track.Id.ToString("D"), details: $"participation {agency!.Code}={input.Role}");
        }, () => true, ct);
        return saved.Succeeded ? await Get(db, trackId, ct) : saved.Error!;
    }

    public static async Task<Result<TrackDto>> RemoveParticipation(TandemDbContext db, Actor actor, Guid trackId, string agencyCode, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var track = await db.Tracks.Include(t => t.Participations).ThenInclude(p => p.Agency).FirstOrDefaultAsync(t => t.Id == trackId, ct);
        if (track is null)
        {
            return Error.NotFound("Track");
        }

        if (!actor.CanManageForum)
        {
            return Error.Forbidden("Only the secretariat or an administrator may change track roles.");
        }

        var participation = track.Participations.FirstOrDefault(p => p.Agency!.Code == agencyCode);
        if (participation is null)
        {
            return Error.NotFound("Participation");
        }

        if (participation.Role == ParticipationRole.CoLead)
        {
            return Error.Invalid("agencyCode", $"{agencyCode} co-leads this track; name another co-lead instead of removing it.");
        }

        var saved = await Concurrency.SaveAsync(db, track, version ?? track.Version, () =>
        {
            track.Participations.Remove(participation);
            db.Entry(track).State = EntityState.Modified;
            db.Audit(AuditAction.Update, nameof(Track), track.Id.ToString("D"), details: $"participation {agencyCode} removed");
        }, () => true, ct);
        return saved.Succeeded ? await Get(db, trackId, ct) : saved.Error!;
    }

    private static async Task<(Validation, Dictionary<string, Agency>)> Validate(TandemDbContext db, TrackInput input, Forum? forum, CancellationToken ct)
    {
        var validation = new Validation()
            .Code("code", input.Code)
            .Required("nameEn", input.NameEn, ForumRules.LongNameLength)
            .Optional("nameJa", input.NameJa, ForumRules.LongNameLength)
            .Optional("description", input.Description, ForumRules.DescriptionLength);
        var coLeads = new Dictionary<string, Agency>(StringComparer.Ordinal);
        if (forum is null)
        {
            validation.Add("forumId", input.ForumId is null ? "forumId is required." : "forumId is not a forum.");
            return (validation, coLeads);
        }

        var parties = forum.Parties.Select(p => p.Party).ToHashSet(StringComparer.Ordinal);
        var given = (input.CoLeads ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key.Trim().ToUpperInvariant(), kv => kv.Value?.Trim() ?? "", StringComparer.Ordinal);
        foreach (var party in parties.Order(StringComparer.Ordinal))
        {
            if (!given.TryGetValue(party, out var code) || code.Length == 0)
            {
                validation.Add($"coLeads.{party}", $"A co-lead agency of {party} is required: every party of the forum co-leads each track.");
                continue;
            }

            var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == code, ct);
            if (agency is null)
            {
                validation.Add($"coLeads.{party}", $"'{ForumRules.Truncate(code)}' is not an agency.");
            }
            else if (agency.Party != party)
            {
                validation.Add($"coLeads.{party}", $"{agency.Code} belongs to {agency.Party}; the co-lead for {party} must be an agency of {party}.");
            }
            else
            {
                coLeads[party] = agency;
            }
        }

        foreach (var extra in given.Keys.Where(k => !parties.Contains(k)))
        {
            validation.Add($"coLeads.{ForumRules.Truncate(extra)}", $"{ForumRules.Truncate(extra)} is not a party of forum {forum.Code}.");
        }

        return (validation, coLeads);
    }

    private static void Apply(Track track, TrackInput input, Dictionary<string, Agency> coLeads)
    {
        track.NameEn = input.NameEn!.Trim();
        track.NameJa = input.NameJa?.Trim() ?? "";
        track.Description = input.Description?.Trim() ?? "";
        track.FirstUsed = input.FirstUsed;
        var coLeadIds = coLeads.Values.Select(a => a.Id).ToHashSet();

        // A co-lead replaced by another agency stays in the track as a partner rather than vanishing.
        foreach (var old in track.Participations.Where(p => p.Role == ParticipationRole.CoLead && !coLeadIds.Contains(p.AgencyId)))
        {
            old.Role = ParticipationRole.Partner;
        }

        foreach (var agency in coLeads.Values)
        {
            var existing = track.Participations.FirstOrDefault(p => p.AgencyId == agency.Id);
            if (existing is null)
            {
                track.Participations.Add(new TrackParticipation { TrackId = track.Id, AgencyId = agency.Id, Role = ParticipationRole.CoLead });
            }
            else
            {
                existing.Role = ParticipationRole.CoLead;
            }
        }
    }

    private static TrackDto ToDto(Track t) => new(t.Id, t.ForumId, t.Forum?.Code ?? "", t.Code, t.NameEn, t.NameJa, t.Description, t.FirstUsed,
        t.Participations.OrderBy(p => p.Role).ThenBy(p => p.Agency?.Party).ThenBy(p => p.Agency?.Code)
            .Select(p => new TrackParticipantDto(p.AgencyId, p.Agency?.Code ?? "", p.Agency?.Party ?? "", p.Agency?.NameEn ?? "", p.Agency?.NameJa ?? "", p.Role)).ToList(),
        t.Version);
}

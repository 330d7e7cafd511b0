using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Compliance;

/// <summary>
/// Is an agency a true partner or only a supporter? Per agency of the forum's parties, over a
/// period: tracks it leads, co-leads, partners in or supports (current roles), agenda items it
/// presented and meetings it attended (meetings starting in the period, cancelled ones left out),
/// commitments it owns as lead and of those the delivered ones (commitments made in the period, or
/// undated), and commitments it only supports. A commitment is delivered by a lead agency when it is
/// completed, or when the latest assessment cycle that scored the agency's party on it gave full
/// compliance (+1 on the G7 scale, "complete" on the OGP scale): scoring a cycle moves the index. An agency with support roles but no lead, co-lead,
/// partner role, owned commitment or presented item is flagged as "only supports".
/// </summary>
public static class PartnershipIndex
{
    public const string Rule = "Lead share = (tracks led + co-led + commitments owned + agenda items presented) ÷ (those + tracks supported + commitments supported). Delivered: an owned commitment that is completed, or whose latest score for the agency's party is full compliance. Flagged: the agency supports but never leads, co-leads, partners, owns a commitment or presents an agenda item.";

    public static async Task<Result<PartnershipDto>> Handle(TandemDbContext db, Actor actor, Guid forumId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await ForumCommunity.IsMember(db, actor, forumId, ct))
        {
            return Error.NotFound("Forum");
        }

        var start = from ?? new DateOnly(1900, 1, 1);
        var end = to ?? new DateOnly(2200, 12, 31);
        if (end < start)
        {
            return Error.Invalid("to", "to cannot be before from.");
        }

        var startUtc = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var endUtc = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var parties = db.ForumParties.Where(p => p.ForumId == forumId).Select(p => p.Party);
        var agencies = await db.Agencies.AsNoTracking().Where(a => parties.Contains(a.Party)).OrderBy(a => a.Party).ThenBy(a => a.Code).ToListAsync(ct);

        var roles = await db.Tracks.Where(t => t.ForumId == forumId).SelectMany(t => t.Participations)
            .GroupBy(p => new { p.AgencyId, p.Role }).Select(g => new { g.Key.AgencyId, g.Key.Role, Count = g.Count() }).ToListAsync(ct);
        var meetings = db.Set<Meeting>().Where(m => m.ForumId == forumId && m.Status != MeetingStatus.Cancelled && m.StartsAt >= startUtc && m.StartsAt < endUtc);
        var presented = await (from a in db.Set<AgendaItem>()
                               join m in meetings on a.MeetingId equals m.Id
                               where a.PresentingAgencyId != null
                               group a by a.PresentingAgencyId into g
                               select new { AgencyId = g.Key!.Value, Count = g.Count() }).ToListAsync(ct);
        var attended = await (from a in db.Set<MeetingAttendee>()
                              join m in meetings on a.MeetingId equals m.Id
                              where m.Status == MeetingStatus.Held || m.Status == MeetingStatus.Concluded
                              select new { a.AgencyId, a.MeetingId }).Distinct()
                             .GroupBy(x => x.AgencyId).Select(g => new { AgencyId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var responsibilities = await (from r in db.Set<CommitmentResponsibility>()
                                      join c in db.Set<Commitment>() on r.CommitmentId equals c.Id
                                      where c.ForumId == forumId && (c.MadeOn == null || (c.MadeOn >= start && c.MadeOn <= end))
                                      select new { r.AgencyId, r.Role, r.Party, r.CommitmentId, Completed = c.Status == CommitmentStatus.Completed }).ToListAsync(ct);
        var fullyComplied = await FullyComplied(db, forumId, ct);
        var owned = responsibilities
            .GroupBy(r => new { r.AgencyId, r.Role, Delivered = r.Completed || fullyComplied.Contains((r.CommitmentId, r.Party)) })
            .Select(g => new { g.Key.AgencyId, g.Key.Role, g.Key.Delivered, Count = g.Count() }).ToList();

        int Role(Guid agency, ParticipationRole role) => roles.Where(r => r.AgencyId == agency && r.Role == role).Sum(r => r.Count);
        var rows = new List<PartnershipRowDto>();
        foreach (var agency in agencies)
        {
            var led = Role(agency.Id, ParticipationRole.Lead);
            var coLed = Role(agency.Id, ParticipationRole.CoLead);
            var partnered = Role(agency.Id, ParticipationRole.Partner);
            var supported = Role(agency.Id, ParticipationRole.Supporting);
            var items = presented.Where(p => p.AgencyId == agency.Id).Sum(p => p.Count);
            var meetingsAttended = attended.Where(p => p.AgencyId == agency.Id).Sum(p => p.Count);
            var ownedCount = owned.Where(o => o.AgencyId == agency.Id && o.Role == ResponsibilityRole.Lead).Sum(o => o.Count);
            var delivered = owned.Where(o => o.AgencyId == agency.Id && o.Role == ResponsibilityRole.Lead && o.Delivered).Sum(o => o.Count);
            var supporting = owned.Where(o => o.AgencyId == agency.Id && o.Role == ResponsibilityRole.Supporting).Sum(o => o.Count);
            if (led + coLed + partnered + supported + items + meetingsAttended + ownedCount + supporting == 0)
            {
                continue;
            }

            var leading = led + coLed + ownedCount + items;
            var support = supported + supporting;
            var onlySupports = support > 0 && led + coLed + partnered + ownedCount + items == 0;
            double? share = leading + support > 0 ? Math.Round((double)leading / (leading + support), 3) : null;
            rows.Add(new PartnershipRowDto(agency.Id, agency.Code, agency.Party, agency.NameEn, agency.NameJa, led, coLed, partnered, supported, items, meetingsAttended,
                ownedCount, delivered, supporting, onlySupports, share));
        }

        return new PartnershipDto(forumId, start, end, rows, Rule);
    }

    /// <summary>(commitment, party) pairs whose latest scored cycle of the forum gave full compliance.</summary>
    private static async Task<HashSet<(Guid CommitmentId, string Party)>> FullyComplied(TandemDbContext db, Guid forumId, CancellationToken ct)
    {
        var scores = await (from s in db.Set<ComplianceScore>()
                            join c in db.Set<AssessmentCycle>() on s.CycleId equals c.Id
                            where c.ForumId == forumId && s.Value != null
                            select new { s.CommitmentId, s.Party, s.Value, c.Scheme, c.WindowEnd, c.CreatedAt }).ToListAsync(ct);
        return scores.GroupBy(s => (s.CommitmentId, s.Party))
            .Where(g => g.MaxBy(s => (s.WindowEnd, s.CreatedAt)) is { } latest && ComplianceMath.Numeric(latest.Scheme, latest.Value) == 1)
            .Select(g => g.Key)
            .ToHashSet();
    }
}

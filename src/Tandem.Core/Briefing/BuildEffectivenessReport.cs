using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Briefing;

public sealed record ReportAggregate(string Key, double? Percent, int Scored, int Cells);

public sealed record ReportCycle(Guid Id, string Name, CycleKind Kind, DateOnly WindowStart, DateOnly WindowEnd, ScoringScheme Scheme, string PercentRule,
    ReportAggregate Overall, IReadOnlyList<ReportAggregate> ByParty, IReadOnlyList<ReportAggregate> ByTrack, IReadOnlyList<ReportAggregate> ByAgency);

/// <summary>A commitment a party kept or broke, judged on its latest score in the period (or on the commitment's own status).</summary>
public sealed record ReportVerdict(string Code, BookText Text, string Party, string Cycle, bool Kept, string Score, string Evidence, string Rationale);

/// <summary>
/// The annual effectiveness report of a forum: per assessment cycle (of the year, or every cycle) and over all of them,
/// compliance by party, by track and by agency; the partnership index per agency; the trend across cycles; and the
/// commitments kept and broken with their evidence. "Overall" rows average every scored cell of the cycles, each cell
/// as a percent under its own cycle's convention.
/// </summary>
public sealed record EffectivenessReport(Guid ForumId, string ForumCode, BookText ForumName, int? Year, string Language, DateTime GeneratedAt, string Reader,
    string Classification, Sharing.Tlp Level, IReadOnlyList<ReportCycle> Cycles, IReadOnlyList<ReportAggregate> OverallByParty,
    IReadOnlyList<ReportAggregate> OverallByTrack, IReadOnlyList<ReportAggregate> OverallByAgency, PartnershipDto Partnership,
    IReadOnlyList<TrendPointDto> Trend, IReadOnlyList<ReportVerdict> Verdicts)
{
    public const string OverallRule = "Overall = the mean of every scored cell of the cycles, each cell as a percent under its own cycle's convention.";
}

public static class BuildEffectivenessReport
{
    public static async Task<Result<EffectivenessReport>> Handle(TandemDbContext db, Actor actor, Guid forumId, int? year, string? language, string format, DateTime now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (year is < MeetingFilter.FirstYear or > MeetingFilter.LastYear)
        {
            return Error.Invalid("year", $"year must be between {MeetingFilter.FirstYear} and {MeetingFilter.LastYear}.");
        }

        var forum = await db.Forums.AsNoTracking().FirstOrDefaultAsync(f => f.Id == forumId, ct);
        if (forum is null || !await ForumCommunity.IsMember(db, actor, forumId, ct))
        {
            return Error.NotFound("Forum");
        }

        var lang = BriefingLanguage.Normalize(language);
        var cycles = (await CycleQueries.List(db, actor, forumId).ToListAsync(ct))
            .Where(c => year is not { } y || c.WindowEnd.Year == y)
            .OrderBy(c => c.WindowEnd).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var ids = cycles.Select(c => c.Id).ToList();
        var scores = await (from s in db.Set<ComplianceScore>().AsNoTracking()
                            join c in db.Set<Commitment>() on s.CommitmentId equals c.Id
                            where ids.Contains(s.CycleId)
                            select new Cell(s.CycleId, s.CommitmentId, s.Party, s.Value, s.Evidence, s.Rationale, c.Code, c.TextEn, c.TextJa,
                                c.Track != null ? c.Track.Code : c.Area)).ToListAsync(ct);
        var members = await db.Set<CycleCommitment>().AsNoTracking().Where(cc => ids.Contains(cc.CycleId)).Select(cc => new { cc.CycleId, cc.CommitmentId }).ToListAsync(ct);
        var commitmentIds = members.Select(m => m.CommitmentId).Distinct().ToList();
        var responsible = await db.Set<CommitmentResponsibility>().AsNoTracking().Where(r => commitmentIds.Contains(r.CommitmentId))
            .Select(r => new { r.CommitmentId, r.Party, r.Agency!.Code }).ToListAsync(ct);
        var agenciesOf = responsible.ToLookup(r => (r.CommitmentId, r.Party), r => r.Code);

        var reportCycles = new List<ReportCycle>();
        foreach (var cycle in cycles)
        {
            var dashboard = await ComplianceDashboard.Handle(db, actor, cycle.Id, 1, 1, null, ct);
            if (!dashboard.Succeeded)
            {
                continue;
            }

            var d = dashboard.Value;
            var mine = scores.Where(s => s.CycleId == cycle.Id && cycle.Parties.Contains(s.Party) && s.Value != null).ToList();
            var cellsPerAgency = members.Where(m => m.CycleId == cycle.Id)
                .SelectMany(m => cycle.Parties.SelectMany(p => agenciesOf[(m.CommitmentId, p)]))
                .GroupBy(a => a, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var byAgency = cellsPerAgency.Keys.Order(StringComparer.Ordinal).Select(agency =>
            {
                var values = mine.Where(s => agenciesOf[(s.CommitmentId, s.Party)].Contains(agency, StringComparer.Ordinal)).Select(s => (s.Value!.Value, 1));
                var aggregate = ComplianceDashboard.Aggregate(ComplianceDashboard.Tally(cycle.Scheme, values, cellsPerAgency[agency]), cycle);
                return new ReportAggregate(agency, aggregate.Percent, aggregate.Scored, aggregate.Cells);
            }).ToList();
            reportCycles.Add(new ReportCycle(cycle.Id, cycle.Name, cycle.Kind, cycle.WindowStart, cycle.WindowEnd, cycle.Scheme, d.PercentRule,
                Aggregate("overall", d.Overall), d.ByParty.Select(g => Aggregate(g.Key, g.Aggregate)).ToList(), d.ByTrack.Select(g => Aggregate(g.Key, g.Aggregate)).ToList(),
                byAgency));
        }

        // Over all cycles: each scored cell as a percent under its cycle's own scheme and convention.
        var byId = cycles.ToDictionary(c => c.Id);
        var percents = scores.Where(s => s.Value != null && byId[s.CycleId].Parties.Contains(s.Party))
            .Select(s => (Cell: s, Percent: ComplianceMath.Percent(ComplianceMath.Numeric(byId[s.CycleId].Scheme, s.Value), byId[s.CycleId].Scheme, byId[s.CycleId].Percent)))
            .Where(p => p.Percent is not null).ToList();
        var overallByParty = Overall(percents.Select(p => (p.Cell.Party, p.Percent!.Value)));
        var overallByTrack = Overall(percents.Select(p => (p.Cell.Group.Length == 0 ? ComplianceDashboard.NoGroup : p.Cell.Group, p.Percent!.Value)));
        var overallByAgency = Overall(percents.SelectMany(p => agenciesOf[(p.Cell.CommitmentId, p.Cell.Party)].Select(a => (a, p.Percent!.Value))));

        var partnership = await PartnershipIndex.Handle(db, actor, forumId, year is { } from ? new DateOnly(from, 1, 1) : null, year is { } to ? new DateOnly(to, 12, 31) : null, ct);
        if (!partnership.Succeeded)
        {
            return partnership.Error!;
        }

        var trend = (await ComplianceTrends.Handle(db, actor, forumId, ct)).Where(t => ids.Contains(t.CycleId)).ToList();
        var verdicts = Verdicts(scores, byId, lang);
        var audience = await ForumCommunity.Audience(db, forumId, ct);
        var report = new EffectivenessReport(forumId, forum.Code, BookText.Pick(lang, forum.NameEn, forum.NameJa), year, lang, now, actor.Email ?? "",
            audience.Marking, audience.Level, reportCycles, overallByParty, overallByTrack, overallByAgency, partnership.Value, trend, verdicts);
        var period = year is { } yy ? yy.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all";
        await db.AuditReadsAsync(AuditAction.Export, nameof(Forum), forumId.ToString("D"), audience.Marking,
            ListReadAudit.Describe($"effectiveness report {format}/{lang} year={period}; cycles", ids, null), ct);
        return report;
    }

    private sealed record Cell(Guid CycleId, Guid CommitmentId, string Party, int? Value, string Evidence, string Rationale, string Code, string TextEn, string TextJa, string Group);

    private static ReportAggregate Aggregate(string key, AggregateDto a) => new(key, a.Percent, a.Scored, a.Cells);

    private static List<ReportAggregate> Overall(IEnumerable<(string Key, double Percent)> cells) =>
        cells.GroupBy(c => c.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportAggregate(g.Key, g.Average(c => c.Percent), g.Count(), g.Count())).ToList();

    /// <summary>
    /// Per commitment and party, the latest scored cell of the period: full compliance is kept (+1, complete), the bottom
    /// of the scale is broken (−1, not started); anything between is neither and not listed.
    /// </summary>
    private static List<ReportVerdict> Verdicts(List<Cell> scores, Dictionary<Guid, CycleDto> cycles, string lang)
    {
        var verdicts = new List<ReportVerdict>();
        foreach (var group in scores.Where(s => s.Value != null && cycles[s.CycleId].Parties.Contains(s.Party)).GroupBy(s => (s.CommitmentId, s.Party)))
        {
            var latest = group.MaxBy(s => (cycles[s.CycleId].WindowEnd, cycles[s.CycleId].Name))!;
            var cycle = cycles[latest.CycleId];
            var numeric = ComplianceMath.Numeric(cycle.Scheme, latest.Value);
            var bottom = cycle.Scheme == ScoringScheme.G7 ? -1.0 : 0.0;
            if (numeric is not { } n || (n != 1 && n != bottom))
            {
                continue;
            }

            verdicts.Add(new ReportVerdict(latest.Code, BookText.Pick(lang, latest.TextEn, latest.TextJa), latest.Party, cycle.Name, n == 1,
                ComplianceMath.Display(cycle.Scheme, latest.Value), latest.Evidence, latest.Rationale));
        }

        return verdicts.OrderBy(v => !v.Kept).ThenBy(v => v.Code, StringComparer.Ordinal).ThenBy(v => v.Party, StringComparer.Ordinal).ToList();
    }
}

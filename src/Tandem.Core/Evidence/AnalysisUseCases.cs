using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Evidence;

public sealed record AnalysisInput(
    string? Title,
    AnalysisKind Kind,
    string? Summary,
    string ParametersJson,
    string DataSources,
    string ResultCsv,
    int ResultRows,
    Label? Label,
    IReadOnlyList<Guid>? CitedAnalyses = null);

public sealed record AnalysisSummaryDto(Guid Id, string Title, AnalysisKind Kind, string Summary, int ResultRows, string OwnerAgency, DateTime CreatedAt, string Marking);

public sealed record AnalysisDto(Guid Id, string Title, AnalysisKind Kind, string Summary, string ParametersJson, string DataSources, int ResultRows,
    string OwnerAgency, DateTime CreatedAt, string Marking, IReadOnlyList<AnalysisLinkDto> Links, int Version);

public sealed record AnalysisLinkDto(string TargetType, Guid TargetId, DateTime LinkedAt);

/// <summary>Saved analyses (C6 results as labelled evidence, C5): save, list, read, download, link.</summary>
public static class AnalysisUseCases
{
    public static readonly IReadOnlyList<string> LinkTargets = ["AgendaItem", "Commitment", "Meeting", "Notice", "Document"];

    public static bool CanRun(Actor actor) =>
        actor is not null && (actor.IsInRole(Roles.Analyst) || actor.IsInRole(Roles.Secretariat) || actor.IsInRole(Roles.Admin));

    /// <summary>
    /// Saves a result under the label the analyst chose, narrowed by every cited source's label
    /// (SECURITY.md row 4: a derived record takes the most restrictive label).
    /// </summary>
    public static async Task<Result<AnalysisDto>> Save(TandemDbContext db, Actor actor, AnalysisInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!CanRun(actor) || actor.AgencyId is not { } agency || actor.UserId is not { } author)
        {
            return Error.Forbidden("Only analysts and the secretariat may save analyses.");
        }

        var validation = new Validation().Required("title", input.Title, 300).Optional("summary", input.Summary, 4000);
        // Without a stated label, an analysis is shared with the forum community (TLP:GREEN).
        var combined = input.Label ?? Label.Create(new LabelInput(Tlp.Green), agency, actor.Party ?? "", author).Value;
        var viewer = Viewer.Of(actor, today);
        foreach (var cited in (input.CitedAnalyses ?? []).Distinct())
        {
            var source = await db.Set<Analysis>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == cited, ct);
            if (source is null || !AccessPolicy.CanSee(viewer, source.Label))
            {
                validation.Add("citedAnalyses", $"Analysis {cited} does not exist or you may not see it.");
            }
            else
            {
                combined = combined.CombineWith(source.Label.ToLabel());
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var analysis = new Analysis
        {
            Title = input.Title!.Trim(),
            Kind = input.Kind,
            Summary = input.Summary?.Trim() ?? "",
            ParametersJson = input.ParametersJson,
            DataSources = input.DataSources,
            ResultCsv = input.ResultCsv,
            ResultRows = input.ResultRows,
            OwnerAgencyId = agency,
            CreatedBy = author,
            Label = LabelData.From(combined),
        };
        db.Set<Analysis>().Add(analysis);
        var told = await NotificationAudience.WhoMaySee(db, NotificationAudience.NamedIn(db, analysis.Label), analysis.Label, today, ct, author);
        NotificationUseCases.Send(db, told, NotificationKinds.AnalysisShared, $"Analysis shared with you: {analysis.Title}", $"共有された分析: {analysis.Title}",
            $"/evidence/analyses/{analysis.Id:D}", DateTime.UtcNow, NotificationAudience.IsRestricted(analysis.Label));
        await db.SaveChangesAsync(ct);
        return (await Get(db, actor, analysis.Id, today, ct, audit: false)).Value;
    }

    public static async Task<PagedList<AnalysisSummaryDto>> List(TandemDbContext db, Actor actor, string? search, AnalysisKind? kind, PageRequest page, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(page);
        var query = db.Set<Analysis>().AsNoTracking().VisibleTo(Viewer.Of(actor, today));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(a => a.Title.ToLower().Contains(term) || a.Summary.ToLower().Contains(term));
        }

        if (kind is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.CreatedAt).Skip(page.Skip).Take(page.PageSize)
            .Select(a => new { a.Id, a.Title, a.Kind, a.Summary, a.ResultRows, a.OwnerAgencyId, a.CreatedAt, a.Label })
            .ToListAsync(ct);
        var agencies = await AgencyCodes(db, rows.Select(r => r.OwnerAgencyId), ct);
        db.Audit(AuditAction.List, nameof(Analysis), "", details: $"page {page.Page}, {rows.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return new PagedList<AnalysisSummaryDto>(
            rows.Select(r => new AnalysisSummaryDto(r.Id, r.Title, r.Kind, r.Summary, r.ResultRows, agencies.GetValueOrDefault(r.OwnerAgencyId, ""), r.CreatedAt, r.Label.ToLabel().Marking)).ToList(),
            page.Page, page.PageSize, total);
    }

    public static async Task<Result<AnalysisDto>> Get(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct, bool audit = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        var analysis = await db.Set<Analysis>().AsNoTracking().Include(a => a.Links).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (analysis is null || !AccessPolicy.CanSee(Viewer.Of(actor, today), analysis.Label))
        {
            if (audit)
            {
                db.Audit(AuditAction.View, nameof(Analysis), id.ToString("D"), AuditDecision.Denied);
                await db.SaveChangesAsync(ct);
            }

            return Error.NotFound("Analysis");
        }

        if (audit)
        {
            db.Audit(AuditAction.View, nameof(Analysis), id.ToString("D"), label: analysis.Label.ToLabel().Marking);
            await db.SaveChangesAsync(ct);
        }

        var agencies = await AgencyCodes(db, [analysis.OwnerAgencyId], ct);

        // A linked document the reader may not read (relabelled or withdrawn since) is not even named to them.
        var documents = await DocumentLinks.Readable(db, Viewer.Of(actor, today), analysis.Links.Where(l => l.TargetType == "Document").Select(l => l.TargetId), ct);
        return new AnalysisDto(analysis.Id, analysis.Title, analysis.Kind, analysis.Summary, analysis.ParametersJson, analysis.DataSources, analysis.ResultRows,
            agencies.GetValueOrDefault(analysis.OwnerAgencyId, ""), analysis.CreatedAt, analysis.Label.ToLabel().Marking,
            analysis.Links.Where(l => l.TargetType != "Document" || documents.ContainsKey(l.TargetId)).OrderBy(l => l.LinkedAt)
                .Select(l => new AnalysisLinkDto(l.TargetType, l.TargetId, l.LinkedAt)).ToList(), analysis.Version);
    }

    /// <summary>The result table for download; the export is audited like a download.</summary>
    public static async Task<Result<(string Title, string Csv, string Marking)>> Download(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var analysis = await db.Set<Analysis>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (analysis is null || !AccessPolicy.CanSee(Viewer.Of(actor, today), analysis.Label))
        {
            db.Audit(AuditAction.Download, nameof(Analysis), id.ToString("D"), AuditDecision.Denied);
            await db.SaveChangesAsync(ct);
            return Error.NotFound("Analysis");
        }

        var marking = analysis.Label.ToLabel().Marking;
        db.Audit(AuditAction.Download, nameof(Analysis), id.ToString("D"), label: marking);
        await db.SaveChangesAsync(ct);
        return (analysis.Title, analysis.ResultCsv, marking);
    }

    public static async Task<Result<AnalysisDto>> Link(TandemDbContext db, Actor actor, Guid id, string? targetType, Guid? targetId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var analysis = await db.Set<Analysis>().Include(a => a.Links).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (analysis is null || !AccessPolicy.CanSee(Viewer.Of(actor, today), analysis.Label))
        {
            return Error.NotFound("Analysis");
        }

        if (!CanRun(actor))
        {
            return Error.Forbidden("Only analysts and the secretariat may attach evidence.");
        }

        var validation = new Validation();
        if (targetType is null || !LinkTargets.Contains(targetType, StringComparer.Ordinal))
        {
            validation.Add("targetType", $"targetType must be one of {string.Join(", ", LinkTargets)}.");
        }

        if (targetId is null || targetId == Guid.Empty)
        {
            validation.Add("targetId", "targetId is required.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        if (targetType == "Document")
        {
            // Readers of the analysis are shown what it is evidence for: they must all be able to read the document.
            await DocumentLinks.Check(db, Viewer.Of(actor, today), analysis.Label.ToLabel(), [targetId!.Value], "targetId", "the analysis", validation, ct);
            if (!validation.IsValid)
            {
                return validation.ToError();
            }
        }

        if (analysis.Links.Any(l => l.TargetType == targetType && l.TargetId == targetId))
        {
            return Error.Duplicate("targetId", "The analysis is already attached to that record.");
        }

        analysis.Links.Add(new AnalysisLink { AnalysisId = id, TargetType = targetType!, TargetId = targetId!.Value, LinkedAt = DateTime.UtcNow, LinkedBy = actor.UserId ?? Guid.Empty });
        db.Entry(analysis).State = EntityState.Modified;
        db.Audit(AuditAction.Update, nameof(Analysis), id.ToString("D"), label: analysis.Label.ToLabel().Marking, details: $"linked to {targetType} {targetId}");
        await db.SaveChangesAsync(ct);
        return (await Get(db, actor, id, today, ct, audit: false)).Value;
    }

    private static async Task<Dictionary<Guid, string>> AgencyCodes(TandemDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Agencies.IgnoreQueryFilters().Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Programmes;

public sealed record JointProjectDto(Guid Id, string NameEn, string NameJa, string Objective, IReadOnlyList<ProgrammeSummaryDto> Programmes,
    IReadOnlyList<string> Parties, string Marking, int Version)
{
    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed record JointProjectInput(string? NameEn, string? NameJa, string? Objective, IReadOnlyList<string>? ProgrammeCodes, LabelInput? Label = null, int? Version = null);

/// <summary>Joint projects: programmes of at least two parties linked by one shared objective (C7).</summary>
public static class JointProjectUseCases
{
    public static async Task<List<JointProjectDto>> List(TandemDbContext db, Actor actor, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var viewer = Viewer.Of(actor, today);
        var projects = await db.Set<JointProject>().AsNoTracking().VisibleTo(viewer).Include(j => j.Programmes).OrderBy(j => j.NameEn).ToListAsync(ct);
        var result = new List<JointProjectDto>();
        foreach (var project in projects)
        {
            result.Add(await ToDto(db, actor, project, today, ct));
        }

        return result;
    }

    public static async Task<Result<JointProjectDto>> Get(TandemDbContext db, Actor actor, Guid id, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var project = await db.Set<JointProject>().AsNoTracking().Include(j => j.Programmes).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (project is null || !AccessPolicy.CanSee(Viewer.Of(actor, today), project.Label))
        {
            db.Audit(AuditAction.View, nameof(JointProject), id.ToString("D"), AuditDecision.Denied);
            await db.SaveChangesAsync(ct);
            return Error.NotFound("Joint project");
        }

        db.Audit(AuditAction.View, nameof(JointProject), id.ToString("D"), label: project.Label.ToLabel().Marking);
        await db.SaveChangesAsync(ct);
        return await ToDto(db, actor, project, today, ct);
    }

    public static async Task<Result<JointProjectDto>> Create(TandemDbContext db, Actor actor, JointProjectInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var system = actor.UserId is null && actor.IsInRole(Roles.Admin);
        if (!system && (actor.AgencyId is null || !(actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Secretariat) || actor.IsInRole(Roles.Member) || actor.IsInRole(Roles.Analyst))))
        {
            return Error.Forbidden("Only officers of the parties' agencies may record joint projects.");
        }

        var (validation, programmes) = await Validate(db, actor, input, today, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var originator = actor.AgencyId ?? programmes[0].AgencyId;
        var originatingParty = actor.Party ?? programmes[0].Party;
        var label = Label.Create(input.Label ?? new LabelInput(Tlp.Green), originator, originatingParty, actor.UserId ?? Guid.Empty);
        if (!label.Succeeded)
        {
            return label.Error!;
        }

        var project = new JointProject
        {
            NameEn = input.NameEn!.Trim(),
            NameJa = input.NameJa?.Trim() ?? "",
            Objective = input.Objective!.Trim(),
            OwnerAgencyId = originator,
            Label = LabelData.From(label.Value),
        };
        project.Programmes.AddRange(programmes.Select(p => new JointProjectProgramme { JointProjectId = project.Id, ProgrammeId = p.Id }));
        db.Set<JointProject>().Add(project);
        await db.SaveChangesAsync(ct);
        return await ToDto(db, actor, project, today, ct);
    }

    private static async Task<(Validation, List<Programme>)> Validate(TandemDbContext db, Actor actor, JointProjectInput input, DateOnly today, CancellationToken ct)
    {
        var validation = new Validation()
            .Required("nameEn", input.NameEn, ForumRules.LongNameLength)
            .Optional("nameJa", input.NameJa, ForumRules.LongNameLength)
            .Required("objective", input.Objective, ProgrammeRules.TextLength);
        var codes = (input.ProgrammeCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var programmes = await ProgrammeUseCases.Visible(db, actor, today).Where(p => codes.Contains(p.Code)).ToListAsync(ct);
        foreach (var missing in codes.Except(programmes.Select(p => p.Code), StringComparer.Ordinal))
        {
            validation.Add("programmeCodes", $"Programme {ForumRules.Truncate(missing)} does not exist or you may not see it.");
        }

        if (programmes.Select(p => p.Party).Distinct().Count() < 2)
        {
            validation.Add("programmeCodes", "A joint project links programmes of at least two parties.");
        }

        return (validation, programmes);
    }

    private static async Task<JointProjectDto> ToDto(TandemDbContext db, Actor actor, JointProject project, DateOnly today, CancellationToken ct)
    {
        var ids = project.Programmes.Select(p => p.ProgrammeId).ToList();
        var programmes = await ProgrammeUseCases.Summaries(ProgrammeUseCases.Visible(db, actor, today).Where(p => ids.Contains(p.Id)).OrderBy(p => p.Party).ThenBy(p => p.Code), ct);
        return new JointProjectDto(project.Id, project.NameEn, project.NameJa, project.Objective, programmes,
            programmes.Select(p => p.Party).Distinct().Order(StringComparer.Ordinal).ToList(), project.Label.ToLabel().Marking, project.Version);
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Consultation;

/// <summary>
/// Organisation profiles hold contact details: the secretariat sees all of them; a contributor sees
/// only their own organisation; nobody else sees any.
/// </summary>
public static class OrganisationQueries
{
    public static async Task<Result<PagedList<OrganisationDto>>> List(TandemDbContext db, Actor actor, OrganisationStatus? status, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var query = db.Set<Organisation>().AsNoTracking();
        if (!ConsultationAccess.IsSecretariat(actor))
        {
            var own = await ConsultationAccess.OrganisationOf(db, actor, ct);
            var ownId = own?.Id ?? Guid.Empty;
            query = query.Where(o => o.Id == ownId);
        }

        if (status is { } s)
        {
            query = query.Where(o => o.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(o => o.NameEn.ToLower().Contains(term) || o.Code.ToLower().Contains(term) || o.NameJa.Contains(search.Trim()));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(o => o.Status).ThenBy(o => o.NameEn).Skip(request.Value.Skip).Take(request.Value.PageSize).ToListAsync(ct);
        db.Audit(AuditAction.List, nameof(Organisation), "", details: $"page {request.Value.Page}, {rows.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return new PagedList<OrganisationDto>(rows.Select(ToDto).ToList(), request.Value.Page, request.Value.PageSize, total);
    }

    public static async Task<Result<OrganisationDto>> Get(TandemDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var organisation = await db.Set<Organisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        var allowed = organisation is not null && (ConsultationAccess.IsSecretariat(actor)
            || (await ConsultationAccess.OrganisationOf(db, actor, ct))?.Id == organisation.Id);
        if (!allowed)
        {
            await ConsultationAccess.Deny(db, nameof(Organisation), id, AuditAction.View, ct);
            return Error.NotFound("Organisation");
        }

        db.Audit(AuditAction.View, nameof(Organisation), id.ToString("D"));
        await db.SaveChangesAsync(ct);
        return ToDto(organisation!);
    }

    /// <summary>Approved organisations as choices (invitations, filters): names only, for the secretariat.</summary>
    public static async Task<List<OrganisationDto>> Approved(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Set<Organisation>().AsNoTracking().Where(o => o.Status == OrganisationStatus.Approved).OrderBy(o => o.NameEn).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    internal static OrganisationDto ToDto(Organisation o) => new(o.Id, o.AgencyId, o.Code, o.Type, o.Status, o.NameEn, o.NameJa, o.Party, o.Website,
        o.ContactName, o.ContactEmail, o.Description, o.SelfRegistered, o.CreatedAt, o.DecidedAt, o.DecisionNote, o.Version);
}

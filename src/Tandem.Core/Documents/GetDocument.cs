using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Documents;

/// <summary>One document with its versions, for a reader who may see it; every view and every refusal is audited once.</summary>
public static class GetDocument
{
    public static async Task<Result<DocumentDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, CancellationToken ct) =>
        await Read(db, actor, clock, id, "", ct);

    /// <summary>The version history: the same rule and the same audit as the detail.</summary>
    public static async Task<Result<IReadOnlyList<DocumentVersionDto>>> Versions(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, CancellationToken ct) =>
        (await Read(db, actor, clock, id, "versions", ct)).Map(d => d.Versions);

    private static async Task<Result<DocumentDto>> Read(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, string details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var found = await DocumentAccess.FindVisible(db, actor, clock, id, AuditAction.View, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var dto = await DocumentAccess.ToDto(db, found.Value, actor, ct);
        db.Audit(AuditAction.View, DocumentAccess.ObjectType, id.ToString("D"), AuditDecision.Allowed, dto.Label.Marking, details);
        await db.SaveChangesAsync(ct);
        return dto;
    }
}

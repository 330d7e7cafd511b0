using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Documents;

/// <summary>
/// An administrator's read of one document outside their own access, for a stated reason. It is the only
/// way around the access policy, and it is conspicuous: audited as a break-glass read with the reason.
/// </summary>
public static class BreakGlassRead
{
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 500;

    public static async Task<Result<DocumentFile>> Handle(TandemDbContext db, Actor actor, Guid id, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Admin) || actor.UserId is null)
        {
            await DocumentAccess.Deny(db, id, AuditAction.BreakGlass, "", "not an administrator", ct);
            return Error.Forbidden("Only administrators may break the glass.");
        }

        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length is < MinReasonLength or > MaxReasonLength)
        {
            return Error.Invalid("reason", $"reason is required: say why you must read this document ({MinReasonLength} to {MaxReasonLength} characters).");
        }

        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            await DocumentAccess.Deny(db, id, AuditAction.BreakGlass, "", "no such record", ct);
            return Error.NotFound("Document");
        }

        return await DownloadDocument.Read(db, document, null, AuditAction.BreakGlass, "reason: " + trimmed, ct);
    }
}

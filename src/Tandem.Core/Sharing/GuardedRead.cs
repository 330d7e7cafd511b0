using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Core.Sharing;

/// <summary>
/// The gate of one labelled record's detail read: the access policy decides, and the view — or its
/// denial, the same for a missing and a hidden record — is audited once.
/// </summary>
public static class GuardedRead
{
    /// <returns>The record's marking when the viewer may see it; null when it is missing or hidden.</returns>
    public static async Task<string?> Check(TandemDbContext db, Viewer viewer, LabelData? label, string objectType, Guid id, bool audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var marking = label is not null && AccessPolicy.CanSee(viewer, label) ? label.ToLabel().Marking : null;
        if (audit)
        {
            db.Audit(AuditAction.View, objectType, id.ToString("D"), marking is null ? AuditDecision.Denied : AuditDecision.Allowed, marking ?? "");
            await db.SaveChangesAsync(ct);
        }

        return marking;
    }
}

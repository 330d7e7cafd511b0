using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Meetings;

/// <summary>Where the reader's own time zone comes from: their account (empty means UTC).</summary>
public static class ViewerZone
{
    public static async Task<string?> Of(TandemDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is not { } id)
        {
            return null;
        }

        var zone = await db.Users.Where(u => u.Id == id).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(zone) ? null : zone;
    }
}

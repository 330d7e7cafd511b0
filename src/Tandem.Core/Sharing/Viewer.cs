using Tandem.Core.Common;

namespace Tandem.Core.Sharing;

/// <summary>The facts about a reader that access depends on, taken fresh on every request.</summary>
public sealed record Viewer(bool IsAuthenticated, Guid UserId, Guid AgencyId, string Party, bool IsPrivateSector, DateOnly Today)
{
    public static Viewer Of(Actor actor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.UserId is { } user && actor.AgencyId is { } agency
            ? new Viewer(true, user, agency, actor.Party ?? "", actor.IsPrivateSector, today)
            : new Viewer(false, Guid.Empty, Guid.Empty, "", false, today);
    }
}

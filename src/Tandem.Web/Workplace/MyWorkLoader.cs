using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Workplace;
using Tandem.Web.Evidence;

namespace Tandem.Web.Workplace;

/// <summary>
/// Loads "My work" for the home page and the API alike. The trade store is opened only for analysts, to learn when its
/// newest data arrived; a store that is missing or cannot be read simply leaves nothing to refresh.
/// </summary>
public static class MyWorkLoader
{
    public static async Task<MyWorkDto> Load(TandemDbContext db, Actor actor, TradeStoreAccess trade, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(trade);
        ArgumentNullException.ThrowIfNull(clock);
        DateTime? newest = null;
        if (actor.IsInRole(Roles.Analyst) && trade.Exists)
        {
            var imports = await trade.Use(store => Tandem.Analytics.Result<DateTime?>.Ok(
                store.ListImports().Select(i => (DateTime?)i.ImportedAtUtc).DefaultIfEmpty(null).Max()), ct);
            newest = imports.IsSuccess ? imports.Value : null;
        }

        return await MyWork.For(db, actor, clock.GetUtcNow().UtcDateTime, newest, ct);
    }
}

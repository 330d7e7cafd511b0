using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notices;
using Tandem.Core.Sharing;

namespace Tandem.Core.Demo;

/// <summary>
/// A fictitious disruption notice from Japan, submitted by the demo METI officer through the same use case as the
/// notice form, so the U.S. agencies it concerns (Commerce and State, named on its AMBER label) and the Japanese secretariat (MOFA)
/// are told of it in their notifications and its 15-day clock runs from the moment the demo is loaded.
/// Loading twice changes nothing.
/// </summary>
public static class DemoNotice
{
    public const string Title = "Demo: neon gas supply halted at a Japanese plant (fictitious)";

    /// <summary>The demo knows its own products (HS 2022 headings for rare gases, gallium and germanium), so it needs no trade store.</summary>
    private static readonly HashSet<string> Products = new(StringComparer.Ordinal) { "280429", "811292", "811299" };

    private static readonly ProductCatalog Catalog = new(Products.Contains, _ => null, []);

    public static async Task Load(TandemDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (await db.Set<DisruptionNotice>().IgnoreQueryFilters().AnyAsync(n => n.Title == Title, ct))
        {
            return;
        }

        var officer = await (from user in db.Users
                             join agency in db.Agencies on user.AgencyId equals agency.Id
                             where user.Email == "officer.meti@demo.tandem"
                             select new { user.Id, user.Email, AgencyId = agency.Id, agency.Party }).FirstOrDefaultAsync(ct);
        if (officer is null)
        {
            return;
        }

        var concerned = await db.Agencies.AsNoTracking().Where(a => a.Code == "DOC" || a.Code == "DOS" || a.Code == "MOFA").Select(a => a.Id).ToListAsync(ct);
        var actor = new Actor(officer.Id, officer.Email, officer.AgencyId, officer.Party, new HashSet<string> { Roles.Member });
        var submitted = await NoticeUseCases.Submit(db, actor, new NoticeInput(null, "EPCC", Title, ["280429"], null, ["semiconductors"], "JPN",
            "FICTITIOUS DEMO CONTENT. A fire stops the purification line of a neon supplier (fictitious).",
            "Semiconductor lithography users report about six weeks of stock (fictitious).", "about three months (fictitious)",
            "Stock release by the supplier; search for other sources (fictitious).", "Information on U.S. suppliers' spare capacity (fictitious).",
            new LabelInput(Tlp.Amber, RecipientAgencies: concerned)), Catalog, time.GetUtcNow().UtcDateTime, ct);
        if (!submitted.Succeeded)
        {
            throw new InvalidOperationException($"The demo notice could not be submitted: {submitted.Error!.Message} {string.Join(" ", submitted.Error.Fields.SelectMany(f => f.Value))}");
        }
    }
}

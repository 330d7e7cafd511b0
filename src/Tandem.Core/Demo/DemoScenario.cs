using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Demo;

public sealed record DemoAccount(string Email, string Agency, string Role, string Description);

public sealed record DemoReport(ForumImportReport Forum, IReadOnlyList<DemoAccount> Accounts, int AccountsAdded);

/// <summary>
/// The EPCC demo scenario shipped in the assembly (see Demo/Epcc/NOTICE.md): the forum, its
/// parties, agencies and tracks, a demo company, and one sign-in account per role.
/// Loading it twice changes nothing.
/// </summary>
public static class DemoScenario
{
    /// <summary>Shared by every demo account (the README gives it); demo data only, which a Production start refuses.</summary>
    public const string Password = "Tandem-demo-2026!";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@demo.tandem", "DOS", Roles.Admin, "administrator (U.S. State)"),
        new("secretariat.us@demo.tandem", "DOS", Roles.Secretariat, "U.S. secretariat officer (State)"),
        new("secretariat.jp@demo.tandem", "MOFA", Roles.Secretariat, "Japanese secretariat officer (MOFA)"),
        new("officer.doc@demo.tandem", "DOC", Roles.Member, "U.S. agency officer (Commerce)"),
        new("officer.meti@demo.tandem", "METI", Roles.Member, "Japanese agency officer (METI)"),
        new("analyst.doc@demo.tandem", "DOC", Roles.Analyst, "U.S. analyst (Commerce)"),
        new("contributor@demo.tandem", "DEMO-SEMI", Roles.Contributor, "private-sector contributor (demo company)"),
        new("auditor@demo.tandem", "DOS", Roles.Auditor, "auditor"),
    ];

    public static TextReader? OpenEmbedded(string file)
    {
        var stream = typeof(DemoScenario).Assembly.GetManifestResourceStream($"Tandem.Core.Demo.Epcc.{file}");
        return stream is null ? null : new StreamReader(stream);
    }

    public static async Task<bool> IsLoaded(TandemDbContext db, CancellationToken ct) =>
        await db.Forums.AnyAsync(f => f.Code == "EPCC", ct);

    public static async Task<DemoReport> Load(TandemDbContext db, UserManager<TandemUser> users, RoleManager<IdentityRole<Guid>> roles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var actor = Actor.System("demo loader");
        var forum = await ImportForum.Handle(db, actor, OpenEmbedded, ct);
        if (!forum.Succeeded)
        {
            return new DemoReport(forum, Accounts, 0);
        }

        if (!await db.Agencies.AnyAsync(a => a.Code == "DEMO-SEMI", ct))
        {
            var company = await AgencyUseCases.Create(db, actor, new AgencyInput("DEMO-SEMI", "JPN", null, AgencyKind.Private,
                "Demo Semiconductor Materials Co. (fictitious)", "デモ半導体材料株式会社（架空）"), ct);
            if (!company.Succeeded)
            {
                throw new InvalidOperationException($"The demo company could not be added: {company.Error!.Message}");
            }
        }

        await DemoProgrammes.Load(db, ct);
        await AccountSetup.EnsureRoles(roles);
        var added = 0;
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var created = await CreateUser.Handle(db, users, new UserInput(account.Email, account.Description, account.Agency, [account.Role], Password), ct);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {account.Email}: {created.Error!.Message} {string.Join(" ", created.Error.Fields.SelectMany(f => f.Value))}");
            }

            added++;
        }

        await DemoDocuments.Load(db, TimeProvider.System, ct);
        await DemoCycle.Load(db, ct);
        await DemoConsultation.Load(db, TimeProvider.System, ct);
        await DemoNotice.Load(db, TimeProvider.System, ct);
        return new DemoReport(forum, Accounts, added);
    }
}

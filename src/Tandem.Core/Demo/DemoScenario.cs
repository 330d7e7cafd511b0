using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Demo;

public sealed record DemoAccount(string Email, string Agency, string Role, string Description);

/// <summary>A forum of the demo: the folder under Demo/ that holds its CSVs and NOTICE.md, and the forum's code.</summary>
public sealed record DemoForum(string Folder, string Code);

/// <param name="Forum">All demo forums' imports added up (its problems name the file of each).</param>
/// <param name="Forums">One import report per demo forum.</param>
public sealed record DemoReport(ForumImportReport Forum, IReadOnlyList<DemoAccount> Accounts, int AccountsAdded)
{
    public IReadOnlyList<ForumImportReport> Forums { get; init; } = [Forum];
}

/// <summary>
/// The demo scenario shipped in the assembly: two forums compiled from public statements — the U.S.–Japan EPCC
/// (Demo/Epcc/NOTICE.md) and the U.S.–EU Trade and Technology Council (Demo/Ttc/NOTICE.md) — each with its
/// parties, agencies and tracks, plus a demo company and one sign-in account per role. U.S. accounts belong to both
/// forums' communities (the United States is a party of both). Loading it twice changes nothing.
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

    public static readonly DemoForum Epcc = new("Epcc", "EPCC");

    public static readonly DemoForum Ttc = new("Ttc", "TTC");

    /// <summary>Loaded in this order: the EPCC first, so that the agencies both forums name come from its files.</summary>
    public static readonly IReadOnlyList<DemoForum> Forums = [Epcc, Ttc];

    /// <summary>One of the EPCC's embedded files (its programmes and history).</summary>
    public static TextReader? OpenEmbedded(string file) => OpenEmbedded(Epcc, file);

    public static TextReader? OpenEmbedded(DemoForum forum, string file)
    {
        ArgumentNullException.ThrowIfNull(forum);
        var stream = typeof(DemoScenario).Assembly.GetManifestResourceStream($"Tandem.Core.Demo.{forum.Folder}.{file}");
        return stream is null ? null : new StreamReader(stream);
    }

    /// <summary>True when every demo forum exists; a database loaded before a forum joined the demo gets it at the next start.</summary>
    public static async Task<bool> IsLoaded(TandemDbContext db, CancellationToken ct)
    {
        var codes = Forums.Select(f => f.Code).ToList();
        return await db.Forums.CountAsync(f => codes.Contains(f.Code), ct) == codes.Count;
    }

    public static async Task<DemoReport> Load(TandemDbContext db, UserManager<TandemUser> users, RoleManager<IdentityRole<Guid>> roles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var actor = Actor.System("demo loader");
        var reports = new List<ForumImportReport>();
        foreach (var demo in Forums)
        {
            reports.Add(await ImportForum.Handle(db, actor, file => OpenEmbedded(demo, file), ct));
            if (!reports[^1].Succeeded)
            {
                return new DemoReport(Total(reports), Accounts, 0) { Forums = reports };
            }
        }

        var forum = Total(reports);

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
        return new DemoReport(forum, Accounts, added) { Forums = reports };
    }

    private static ForumImportReport Total(List<ForumImportReport> reports) => new(
        string.Join(", ", reports.Select(r => r.ForumCode)), reports.Sum(r => r.PartiesAdded), reports.Sum(r => r.AgenciesAdded),
        reports.Sum(r => r.TracksAdded), reports.Sum(r => r.Unchanged), reports.SelectMany(r => r.Problems).ToList());
}

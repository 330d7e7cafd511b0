using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Notifications;

/// <summary>
/// Who is told of an event: a set of candidates (the people a record is shared with, the agencies of a track, a
/// forum's community) narrowed, person by person, by the access policy applied to the record's label. Nobody hears
/// of a record they could not open.
/// </summary>
public static class NotificationAudience
{
    /// <summary>The enabled accounts among <paramref name="candidates"/> that may see a record labelled <paramref name="label"/>.</summary>
    public static async Task<List<Guid>> WhoMaySee(TandemDbContext db, IQueryable<TandemUser> candidates, LabelData label, DateOnly today, CancellationToken ct,
        Guid? except = null, bool addressed = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(label);
        var people = await (from user in candidates
                            where !user.Disabled
                            join agency in db.Agencies on user.AgencyId equals agency.Id
                            select new { user.Id, user.AgencyId, agency.Party, agency.Kind }).ToListAsync(ct);
        return people
            .Where(p => p.Id != except)
            .Where(p =>
            {
                var viewer = new Viewer(true, p.Id, p.AgencyId, p.Party, p.Kind == AgencyKind.Private, today);
                return addressed ? AccessPolicy.CanSeeAsAddressee(viewer, label) : AccessPolicy.CanSee(viewer, label);
            })
            .Select(p => p.Id)
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// People a label shares the record with: the members of its listed agencies other than the originating one (a record
    /// is not "shared" with the agency that wrote it) and its listed people.
    /// </summary>
    public static IQueryable<TandemUser> NamedIn(TandemDbContext db, LabelData label)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(label);
        var agencies = Ids(label.Agencies).Where(a => a != label.Originator).ToList();
        var users = Ids(label.Users);
        return db.Users.Where(u => agencies.Contains(u.AgencyId) || users.Contains(u.Id));
    }

    /// <summary>The people of some agencies.</summary>
    public static IQueryable<TandemUser> OfAgencies(TandemDbContext db, IReadOnlyCollection<Guid> agencies)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => agencies.Contains(u.AgencyId));
    }

    /// <summary>The government people of the forum's parties (never the private sector).</summary>
    public static IQueryable<TandemUser> OfForum(TandemDbContext db, Guid forumId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parties = db.ForumParties.Where(p => p.ForumId == forumId).Select(p => p.Party);
        var agencies = db.Agencies.Where(a => parties.Contains(a.Party) && a.Kind != AgencyKind.Private).Select(a => a.Id);
        return db.Users.Where(u => agencies.Contains(u.AgencyId));
    }

    /// <summary>The government people of the agencies taking part in some tracks.</summary>
    public static IQueryable<TandemUser> OfTracks(TandemDbContext db, IReadOnlyCollection<Guid> tracks)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agencies = db.TrackParticipations.Where(p => tracks.Contains(p.TrackId)).Select(p => p.AgencyId);
        return db.Users.Where(u => agencies.Contains(u.AgencyId));
    }

    /// <summary>The people with one of some roles (of any agency; combine with a label to narrow them).</summary>
    public static IQueryable<TandemUser> InRoles(TandemDbContext db, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = from userRole in db.UserRoles
                  join role in db.Roles on userRole.RoleId equals role.Id
                  where roles.Contains(role.Name!)
                  select userRole.UserId;
        return db.Users.Where(u => ids.Contains(u.Id));
    }

    /// <summary>
    /// Those who may see a record under its new label and could not under its old one: the people a label change shares it with.
    /// </summary>
    public static async Task<List<Guid>> NewlySharedWith(TandemDbContext db, LabelData before, LabelData after, DateOnly today, Guid? except, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(before);
        var now = await WhoMaySee(db, NamedIn(db, after), after, today, ct, except);
        var then = (await WhoMaySee(db, db.Users.Where(u => now.Contains(u.Id)), before, today, ct)).ToHashSet();
        return now.Where(u => !then.Contains(u)).ToList();
    }

    /// <summary>Records labelled above GREEN are not named in e-mail.</summary>
    public static bool IsRestricted(LabelData label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.Level is not (Tlp.Clear or Tlp.Green);
    }

    private static List<Guid> Ids(string? stored) =>
        stored is null ? [] : stored.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.Parse(s, CultureInfo.InvariantCulture)).ToList();
}

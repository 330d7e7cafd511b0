using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Meetings;

/// <summary>
/// Who may read a forum's working records (meetings, commitments, assessment cycles): the forum's
/// community — people of government agencies of the forum's parties, like TLP:GREEN. The private
/// sector and other parties do not see them; labelled records inside them (minutes, progress
/// reports) are further narrowed by <see cref="Sharing.AccessPolicy"/>. Applied inside queries.
/// </summary>
public static class ForumCommunity
{
    /// <summary>The operator on the server (command line, start-up tasks) acts for every forum.</summary>
    public static bool IsOperator(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.UserId is null && actor.IsAuthenticated && actor.IsInRole(Roles.Admin);
    }

    /// <summary>Ids of the forums the actor belongs to, as a subquery.</summary>
    public static IQueryable<Guid> ForumIds(TandemDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (IsOperator(actor))
        {
            return db.Forums.Select(f => f.Id);
        }

        if (!actor.IsAuthenticated || actor.IsPrivateSector || string.IsNullOrEmpty(actor.Party))
        {
            return db.Forums.Where(f => false).Select(f => f.Id);
        }

        var party = actor.Party;
        return db.ForumParties.Where(p => p.Party == party).Select(p => p.ForumId);
    }

    /// <summary>
    /// The readers of a forum's working records as a label — GREEN (government members, never the private sector)
    /// releasable to the forum's parties — so that what such a record links can be compared with it.
    /// </summary>
    public static async Task<Label> Audience(TandemDbContext db, Guid forumId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parties = await db.ForumParties.Where(p => p.ForumId == forumId).Select(p => p.Party).ToListAsync(ct);
        return new Label
        {
            Level = Tlp.Green,
            Parties = System.Collections.Immutable.ImmutableSortedSet.CreateRange(StringComparer.Ordinal, parties),
            CommunityOnly = true,
            Originator = Guid.Empty,
        };
    }

    public static Task<bool> IsMember(TandemDbContext db, Actor actor, Guid forumId, CancellationToken ct) =>
        ForumIds(db, actor).AnyAsync(id => id == forumId, ct);

    /// <summary>Secretariat officers and administrators of the forum organise meetings and assessment cycles.</summary>
    public static bool CanOrganise(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.CanManageForum;
    }

    /// <summary>Assessors: the secretariat, administrators and analysts score compliance.</summary>
    public static bool CanAssess(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.CanManageForum || actor.IsInRole(Roles.Analyst);
    }

    public static IQueryable<Meeting> Visible(this IQueryable<Meeting> meetings, TandemDbContext db, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        ArgumentNullException.ThrowIfNull(actor);
        var forums = ForumIds(db, actor);

        // Drafts are the secretariat's working copies until scheduled.
        var organiser = CanOrganise(actor);
        return meetings.Where(m => forums.Contains(m.ForumId) && (organiser || m.Status != MeetingStatus.Draft));
    }
}

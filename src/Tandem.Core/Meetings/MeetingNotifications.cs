using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Data;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Meetings;

/// <summary>
/// Who hears of a meeting: the people of the agencies in the tracks on its agenda (everyone in the forum's community
/// when its agenda names no track, as for a plenary), narrowed to the forum's community — and, for a paper, to those
/// the paper's own label admits.
/// </summary>
public static class MeetingNotifications
{
    /// <param name="status">The meeting's status once the change is saved.</param>
    public static async Task<List<Guid>> Recipients(TandemDbContext db, Guid meetingId, MeetingStatus status, LabelData label, DateOnly today, Guid? except, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(label);
        var forumId = await db.Set<Meeting>().AsNoTracking().Where(m => m.Id == meetingId).Select(m => m.ForumId).FirstAsync(ct);
        var tracks = await db.Set<AgendaItem>().Where(a => a.MeetingId == meetingId && a.TrackId != null).Select(a => a.TrackId!.Value).Distinct().ToListAsync(ct);
        var community = LabelData.From((await ForumCommunity.Audience(db, forumId, ct)).CombineWith(label.ToLabel()));
        var candidates = tracks.Count == 0 ? NotificationAudience.OfForum(db, forumId) : NotificationAudience.OfTracks(db, tracks);

        // A draft is the secretariat's working copy: only organisers see it.
        if (status == MeetingStatus.Draft)
        {
            candidates = candidates.Where(u => NotificationAudience.InRoles(db, Roles.Admin, Roles.Secretariat).Select(o => o.Id).Contains(u.Id));
        }

        return await NotificationAudience.WhoMaySee(db, candidates, community, today, ct, except);
    }

    /// <summary>The meeting's readers as a label: the forum's community, nothing narrower.</summary>
    public static LabelData Open => new() { Level = Tlp.Green, CommunityOnly = true };

    public static (string En, string Ja) Describe(Meeting meeting, MeetingStatus? to)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var when = meeting.StartsAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var ja = string.IsNullOrWhiteSpace(meeting.TitleJa) ? meeting.TitleEn : meeting.TitleJa;
        return to switch
        {
            MeetingStatus.Scheduled => ($"Meeting scheduled for {when}: {meeting.TitleEn}", $"会議が予定されました（{when}）: {ja}"),
            MeetingStatus.Cancelled => ($"Meeting cancelled: {meeting.TitleEn}", $"会議が中止されました: {ja}"),
            _ => ($"Meeting changed, now {when}: {meeting.TitleEn}", $"会議が変更されました（{when}）: {ja}"),
        };
    }
}

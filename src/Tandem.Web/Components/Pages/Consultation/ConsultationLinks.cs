using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Meetings;

namespace Tandem.Web.Components.Pages.Consultation;

/// <summary>A commitment the secretariat may link a submission or a summary to, as a choice in a list.</summary>
public sealed record CommitmentOption(Guid Id, string Code, string Text, string? TrackCode)
{
    public string Label => $"{Code}{(TrackCode is null ? "" : $" ({TrackCode})")} — {Text}";
}

/// <summary>A link of a submission or summary as a reader sees it: by code and title, with the page that shows it when the reader may open it.</summary>
public sealed record LinkView(string TargetType, Guid TargetId, string? Href, string? Title);

/// <summary>
/// Commitments and agenda items as the consultation pages show them: chosen by name rather than typed
/// as ids, and shown by code and title. Only records of forums the reader belongs to are named.
/// </summary>
internal static class ConsultationLinks
{
    /// <summary>The forum's commitments the reader may see, the call's track first, then by code.</summary>
    public static async Task<List<CommitmentOption>> Commitments(TandemDbContext db, Actor actor, Guid forumId, Guid? trackId, string culture, CancellationToken ct)
    {
        var rows = await db.Set<Commitment>().AsNoTracking().Visible(db, actor).Where(c => c.ForumId == forumId)
            .Select(c => new { c.Id, c.Code, c.TextEn, c.TextJa, c.TrackId, TrackCode = c.Track != null ? c.Track.Code : null })
            .ToListAsync(ct);
        return rows.OrderBy(c => c.TrackId != trackId).ThenBy(c => c.Code.Length).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CommitmentOption(c.Id, c.Code, Localized.Pick(culture, c.TextEn, c.TextJa), c.TrackCode)).ToList();
    }

    public static async Task<List<LinkView>> Resolve(TandemDbContext db, Actor actor, IReadOnlyList<LinkDto> links, string culture, CancellationToken ct)
    {
        var commitmentIds = links.Where(l => l.TargetType == "Commitment").Select(l => l.TargetId).ToList();
        var itemIds = links.Where(l => l.TargetType == "AgendaItem").Select(l => l.TargetId).ToList();
        var commitments = commitmentIds.Count == 0 ? [] : await db.Set<Commitment>().AsNoTracking().Visible(db, actor).Where(c => commitmentIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.TextEn, c.TextJa }).ToDictionaryAsync(c => c.Id, ct);
        var meetings = db.Set<Meeting>().AsNoTracking().Visible(db, actor);
        var items = itemIds.Count == 0 ? [] : await (from item in db.Set<AgendaItem>().AsNoTracking()
                                                     join meeting in meetings on item.MeetingId equals meeting.Id
                                                     where itemIds.Contains(item.Id)
                                                     select new { item.Id, item.MeetingId, item.TitleEn, item.TitleJa }).ToDictionaryAsync(i => i.Id, ct);
        return links.Select(l => l.TargetType switch
        {
            "Commitment" when commitments.TryGetValue(l.TargetId, out var c) =>
                new LinkView(l.TargetType, l.TargetId, $"/commitments/{c.Id}", $"{c.Code} — {Localized.Pick(culture, c.TextEn, c.TextJa)}"),
            "AgendaItem" when items.TryGetValue(l.TargetId, out var i) =>
                new LinkView(l.TargetType, l.TargetId, $"/meetings/{i.MeetingId}", Localized.Pick(culture, i.TitleEn, i.TitleJa)),
            _ => new LinkView(l.TargetType, l.TargetId, null, null),
        }).ToList();
    }

    /// <summary>The commitments chosen in a form's "commitments" list and the agenda-item lines ("AgendaItem &lt;id&gt;") of its "links" box.</summary>
    public static List<LinkInput> FromForm(Microsoft.AspNetCore.Http.IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form["commitments"].Select(c => new LinkInput("Commitment", Guid.TryParse(c, out var g) ? g : null))
            .Concat(form["links"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(parts => new LinkInput(parts[0], parts.Length > 1 && Guid.TryParse(parts[1], out var g) ? g : null)))
            .ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Meetings;

/// <summary>
/// Adds minutes, a joint statement or another paper to a meeting, labelled by its author's agency. A paper that points at
/// a document is never wider than the document: its readers (the paper's label within the meeting's forum) must all be
/// able to read the document.
/// </summary>
public static class AddMeetingPaper
{
    public static async Task<Result<MeetingPaperDto>> Handle(TandemDbContext db, Actor actor, Guid meetingId, MeetingPaperInput input, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await CreateMeeting.LoadForChange(db, actor, meetingId, ct, withChildren: false);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        if (actor.AgencyId is not { } agencyId || actor.UserId is not { } userId)
        {
            return Error.Forbidden("Papers are written by a person of an agency; sign in with a user account.");
        }

        var meeting = loaded.Value;
        var validation = new Validation()
            .Required("title", input.Title, MeetingRules.TitleLength)
            .Optional("text", input.Text, MeetingRules.PaperTextLength);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            validation.Add("kind", "kind is required: Minutes, JointStatement or Other.");
            kind = PaperKind.Other;
        }

        if (string.IsNullOrWhiteSpace(input.Text) && input.DocumentId is null)
        {
            validation.Add("text", "Give the text of the paper or the id of the document that holds it.");
        }

        if (meeting.Status is MeetingStatus.Draft or MeetingStatus.Cancelled && kind != PaperKind.Other)
        {
            validation.Add("kind", $"A {meeting.Status} meeting has no minutes or joint statement; use Other for preparatory papers.");
        }

        if (input.Label is null)
        {
            validation.Add("label.level", "label is required: every paper carries a sharing label.");
            return validation.ToError();
        }

        var label = Label.Create(input.Label, agencyId, actor.Party ?? "", userId);
        if (!label.Succeeded)
        {
            foreach (var (field, messages) in label.Error!.Fields)
            {
                foreach (var message in messages)
                {
                    validation.Add(field, message);
                }
            }
        }

        else if (input.DocumentId is { } documentId)
        {
            var audience = label.Value.CombineWith(await ForumCommunity.Audience(db, meeting.ForumId, ct));
            await DocumentLinks.Check(db, Viewer.Of(actor, today), audience, [documentId], "documentId", "the paper", validation, ct);
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var paper = new MeetingPaper
        {
            MeetingId = meeting.Id,
            Kind = kind,
            Title = input.Title!.Trim(),
            Text = input.Text?.Trim() ?? "",
            DocumentId = input.DocumentId,
            AgencyId = agencyId,
            Label = LabelData.From(label.Value),
        };
        db.Add(paper);
        var told = await MeetingNotifications.Recipients(db, meeting.Id, meeting.Status, paper.Label, today, userId, ct);
        var meetingJa = string.IsNullOrWhiteSpace(meeting.TitleJa) ? meeting.TitleEn : meeting.TitleJa;
        NotificationUseCases.Send(db, told, NotificationKinds.PaperAdded, $"Paper added to {meeting.TitleEn}: {paper.Title}", $"{meetingJa} に文書が追加されました: {paper.Title}",
            $"/meetings/{meeting.Id:D}", DateTime.UtcNow, NotificationAudience.IsRestricted(paper.Label));
        await db.SaveChangesAsync(ct);
        var agencyCode = await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
        var documentTitle = paper.DocumentId is { } linked ? await db.Documents.Where(d => d.Id == linked).Select(d => d.Title).FirstOrDefaultAsync(ct) : null;
        return new MeetingPaperDto(paper.Id, paper.MeetingId, paper.Kind, paper.Title, paper.Text, paper.DocumentId, documentTitle, agencyCode, label.Value.Marking,
            paper.CreatedAt, paper.Version);
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Meetings;
using Tandem.Core.Notifications;

namespace Tandem.Core.Commitments;

/// <summary>What a secretariat writes when it asks the responsible agencies for a progress report.</summary>
public sealed record ProgressRequestInput(string? Note);

/// <summary>How many people of the responsible agencies were asked.</summary>
public sealed record ProgressRequestDto(Guid CommitmentId, string Code, int Notified);

/// <summary>
/// The secretariat asks the agencies responsible for a commitment to report its progress: everyone of those agencies
/// who may see the commitment is notified (in the inbox and, by their preference, by e-mail) and the request is audited.
/// </summary>
public static class RequestProgressReport
{
    public const int MaxNote = 500;

    public static async Task<Result<ProgressRequestDto>> Handle(TandemDbContext db, Actor actor, Guid commitmentId, ProgressRequestInput input, DateOnly today, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var commitment = await db.Set<Commitment>().AsNoTracking().Visible(db, actor).Include(c => c.Responsibilities)
            .FirstOrDefaultAsync(c => c.Id == commitmentId, ct);
        if (commitment is null)
        {
            return Error.NotFound("Commitment");
        }

        if (!ForumCommunity.CanOrganise(actor))
        {
            return Error.Forbidden("Only the secretariat or an administrator may ask for progress reports.");
        }

        var note = input.Note?.Trim() ?? "";
        var validation = new Validation();
        if (note.Length > MaxNote)
        {
            validation.Add("note", $"note must be at most {MaxNote} characters.");
        }

        if (commitment.Status is CommitmentStatus.Completed or CommitmentStatus.Superseded)
        {
            validation.Add("commitment", $"{commitment.Code} is {commitment.Status}: no progress report is due.");
        }

        if (commitment.Responsibilities.Count == 0)
        {
            validation.Add("commitment", $"{commitment.Code} has no responsible agency to ask.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var recipients = await NotificationClock.CommitmentRecipients(db, commitment, today, ct, actor.UserId);
        // The note comes before the commitment's text so that clipping a long title never cuts the secretariat's words.
        var said = note.Length == 0 ? "" : $" ({note})";
        NotificationUseCases.Send(db, recipients, NotificationKinds.ProgressRequested,
            $"Progress report requested on {commitment.Code}{said}: {commitment.TextEn}",
            $"{commitment.Code} の進捗報告の依頼{said}: {(string.IsNullOrWhiteSpace(commitment.TextJa) ? commitment.TextEn : commitment.TextJa)}",
            $"/commitments/{commitment.Id:D}", now);
        db.Audit("request-progress", nameof(Commitment), commitment.Id.ToString("D"),
            details: $"{recipients.Count} people of the responsible agencies asked{(note.Length == 0 ? "" : $"; note: {note}")}");
        await db.SaveChangesAsync(ct);
        return new ProgressRequestDto(commitment.Id, commitment.Code, recipients.Count);
    }
}

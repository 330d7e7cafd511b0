using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

/// <summary>An upload to the organisation's submission: for a file question, or for the submission as a whole; optionally CBI.</summary>
public sealed record AttachmentInput(Guid? QuestionId, bool Cbi, FileUpload? File, int? Version);

/// <summary>
/// Adds and removes files of the revision the organisation is editing (a sent revision is never
/// changed: the first change after sending drafts the next one), and reads a file for a reader whose
/// access to that part the policy allows.
/// </summary>
public static class SubmissionAttachments
{
    public static async Task<Result<SubmissionDto>> Add(TandemDbContext db, Actor actor, TimeProvider clock, DocumentOptions options, Guid callId, AttachmentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        var prepared = await SaveSubmission.Prepare(db, actor, clock, callId, input.Version, ct);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var (organisation, call, submission) = prepared.Value;
        if (input.QuestionId is { } questionId && call.Questions.FirstOrDefault(q => q.Id == questionId) is not { Kind: QuestionKind.File })
        {
            return Error.Invalid("questionId", "questionId must be a file question of this call (or left out for a general attachment).");
        }

        var parties = submission is null ? (await CallQueries.ForumParties(db, call.ForumId, ct)).Select(p => p.Party).ToList()
            : ConsultationAccess.SplitParties(submission.CbiParties).ToList();
        if (input.Cbi && parties.Count == 0)
        {
            return Error.Invalid("cbiParties", "Choose at least one party whose secretariat may read the parts you mark CBI before attaching a CBI file.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var labels = await SaveSubmission.Labels(db, call, organisation, parties, actor.UserId!.Value, ct);
        submission ??= NewSubmission(db, organisation, call, parties);
        var working = submission.WorkingRevision == 0 ? [] : await SaveSubmission.WorkingAnswers(db, submission, ct);
        var attachments = submission.WorkingRevision == 0 ? [] : await SaveSubmission.WorkingAttachments(db, submission, ct);
        var replaced = submission.HasUnsentChanges && submission.WorkingRevision > 0 ? await SaveSubmission.DraftedAnswers(db, submission, ct) : [];
        var stored = SubmissionFiles.Store(db, actor, submission, input.File, labels.Draft, options.MaxBytes, now);
        if (!stored.Succeeded)
        {
            db.ChangeTracker.Clear();
            return stored.Error!;
        }

        return await Save(db, actor, clock, submission, input.Version, () =>
        {
            SaveSubmission.StartRevision(db, submission, working, attachments, replaced);
            var file = stored.Value;
            db.Set<SubmissionAttachment>().Add(new SubmissionAttachment
            {
                SubmissionId = submission.Id,
                Revision = submission.WorkingRevision,
                QuestionId = input.QuestionId,
                IsCbi = input.Cbi,
                FileId = file.FileId,
                FileName = file.FileName,
                ContentType = file.ContentType,
                Size = file.Size,
                Sha256 = file.Sha256,
                AddedAt = now,
            });
            SaveSubmission.Relabel(db, submission, labels);
        }, ct);
    }

    public static async Task<Result<SubmissionDto>> Remove(TandemDbContext db, Actor actor, TimeProvider clock, Guid callId, Guid attachmentId, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prepared = await SaveSubmission.Prepare(db, actor, clock, callId, version, ct);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var (organisation, call, submission) = prepared.Value;
        var target = submission is null ? null
            : await db.Set<SubmissionAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.SubmissionId == submission.Id, ct);
        if (submission is null || target is null)
        {
            return Error.NotFound("Attachment");
        }

        var parties = ConsultationAccess.SplitParties(submission.CbiParties).ToList();
        var labels = await SaveSubmission.Labels(db, call, organisation, parties, actor.UserId!.Value, ct);
        var working = await SaveSubmission.WorkingAnswers(db, submission, ct);
        var attachments = await SaveSubmission.WorkingAttachments(db, submission, ct);
        var replaced = submission.HasUnsentChanges ? await SaveSubmission.DraftedAnswers(db, submission, ct) : [];
        if (attachments.All(a => a.FileId != target.FileId))
        {
            return Error.NotFound("Attachment");
        }

        return await Save(db, actor, clock, submission, version, () =>
        {
            var drafting = submission.HasUnsentChanges;
            SaveSubmission.StartRevision(db, submission, working, attachments.Where(a => a.FileId != target.FileId).ToList(), replaced);
            if (drafting)
            {
                // Rows of an unsent revision only; the file itself stays, as sent revisions may refer to it.
                db.Set<SubmissionAttachment>().RemoveRange(attachments.Where(a => a.FileId == target.FileId));
            }

            SaveSubmission.Relabel(db, submission, labels);
        }, ct);
    }

    /// <summary>The bytes of one attachment, if the reader may see the submission and that part of it.</summary>
    public static async Task<Result<DocumentFile>> Download(TandemDbContext db, Actor actor, TimeProvider clock, Guid submissionId, Guid attachmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var found = await ConsultationAccess.FindSubmission(db, actor, clock, submissionId, AuditAction.Download, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var submission = found.Value;
        var own = actor.IsPrivateSector && submission.AgencyId == actor.AgencyId;
        var attachment = await db.Set<SubmissionAttachment>().AsNoTracking().VisibleTo(ConsultationAccess.ViewerOf(actor, clock))
            .FirstOrDefaultAsync(a => a.Id == attachmentId && a.SubmissionId == submissionId && (own || a.Revision == submission.SubmittedRevision), ct);
        if (attachment is null)
        {
            await ConsultationAccess.Deny(db, nameof(SubmissionAttachment), attachmentId, AuditAction.Download, ct);
            return Error.NotFound("Attachment");
        }

        return await SubmissionFiles.Read(db, attachment.FileId, $"attachment {attachmentId:D} of submission {submission.Reference ?? submissionId.ToString("D")}", ct);
    }

    private static Submission NewSubmission(TandemDbContext db, Organisation organisation, CallForInput call, IReadOnlyCollection<string> parties)
    {
        var submission = new Submission
        {
            CallId = call.Id,
            OrganisationId = organisation.Id,
            AgencyId = organisation.AgencyId!.Value,
            State = SubmissionState.Draft,
            WorkingRevision = 0,
            SubmittedRevision = 0,
            CbiParties = ConsultationAccess.JoinParties(parties),
        };
        db.Set<Submission>().Add(submission);
        return submission;
    }

    private static async Task<Result<SubmissionDto>> Save(TandemDbContext db, Actor actor, TimeProvider clock, Submission submission, int? version, Action change, CancellationToken ct)
    {
        try
        {
            if (db.Entry(submission).State == EntityState.Added)
            {
                change();
                await db.SaveChangesAsync(ct);
            }
            else
            {
                var saved = await Concurrency.SaveAsync(db, submission, version!.Value, () =>
                {
                    change();
                    db.Entry(submission).State = EntityState.Modified;
                }, () => true, ct);
                if (!saved.Succeeded)
                {
                    return saved.Error!;
                }
            }
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict("Someone else saved this submission at the same moment. Reload it and try again.");
        }

        return await SubmissionQueries.Get(db, actor, clock, submission.Id, ct, audit: false);
    }
}

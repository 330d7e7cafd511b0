using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

/// <summary>
/// Reads submissions through the one access policy: the submission row decides whether a reader sees
/// the submission at all; each answer and attachment row decides again whether that part is shown.
/// </summary>
public static class SubmissionQueries
{
    public static async Task<Result<SubmissionDto>> Get(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, CancellationToken ct, bool audit = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var found = await ConsultationAccess.FindSubmission(db, actor, clock, id, AuditAction.View, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var submission = found.Value;
        var viewer = ConsultationAccess.ViewerOf(actor, clock);
        var own = actor.IsPrivateSector && submission.AgencyId == actor.AgencyId;

        // The organisation edits its working revision; everyone else reads the last one sent.
        var revision = own ? submission.WorkingRevision : submission.SubmittedRevision;
        var questions = await db.Set<Question>().AsNoTracking().Where(q => q.CallId == submission.CallId).ToDictionaryAsync(q => q.Id, ct);
        var answers = await db.Set<SubmissionAnswer>().AsNoTracking().VisibleTo(viewer)
            .Where(a => a.SubmissionId == id && a.Revision == revision).ToListAsync(ct);
        var attachments = await db.Set<SubmissionAttachment>().AsNoTracking().VisibleTo(viewer)
            .Where(a => a.SubmissionId == id && a.Revision == revision).OrderBy(a => a.AddedAt).ToListAsync(ct);
        var call = await db.Set<CallForInput>().AsNoTracking().IgnoreQueryFilters().Where(c => c.Id == submission.CallId)
            .Select(c => new { c.TitleEn, c.TitleJa }).FirstAsync(ct);
        var organisation = await db.Set<Organisation>().AsNoTracking().IgnoreQueryFilters().FirstAsync(o => o.Id == submission.OrganisationId, ct);

        // Which parts are withheld (by question only, never their content), so a reader knows the submission has more than they see.
        var shownAnswers = answers.Select(a => a.Id).ToList();
        var shownFiles = attachments.Select(a => a.Id).ToList();
        var withheldAnswers = await db.Set<SubmissionAnswer>().AsNoTracking()
            .Where(a => a.SubmissionId == id && a.Revision == revision && !shownAnswers.Contains(a.Id)).Select(a => a.QuestionId).ToListAsync(ct);
        var withheldFiles = await db.Set<SubmissionAttachment>().AsNoTracking()
            .Where(a => a.SubmissionId == id && a.Revision == revision && !shownFiles.Contains(a.Id)).Select(a => a.QuestionId).ToListAsync(ct);
        var withheld = withheldAnswers.Where(questions.ContainsKey).Select(q => questions[q].Number).Order().Select(n => $"Q{n}")
            .Concat(withheldFiles.Select(q => q is { } f && questions.TryGetValue(f, out var question) ? $"Q{question.Number}: file" : "file"))
            .ToList();
        if (audit)
        {
            var cbiShown = answers.Count(a => a.IsCbi) + attachments.Count(a => a.IsCbi);
            db.Audit(AuditAction.View, nameof(Submission), id.ToString("D"), label: Markings.Of(submission.Label),
                details: $"revision {revision}, {answers.Count} answers, {attachments.Count} attachments, {cbiShown} CBI parts shown");
            await db.SaveChangesAsync(ct);
        }

        var government = !actor.IsPrivateSector;
        var partial = own ? new HashSet<int>() : await RevisionsWithWithheldParts(db, viewer, id, ct);
        return new SubmissionDto(submission.Id, submission.CallId, call.TitleEn, call.TitleJa, organisation.Id, organisation.NameEn, organisation.NameJa, organisation.Type,
            submission.Reference, submission.State, revision, submission.SubmittedRevision, own && submission.HasUnsentChanges, submission.SubmittedAt,
            ConsultationAccess.SplitParties(submission.CbiParties), Markings.Of(submission.Label),
            answers.Where(a => questions.ContainsKey(a.QuestionId)).OrderBy(a => questions[a.QuestionId].Number)
                .Select(a => new AnswerDto(a.QuestionId, questions[a.QuestionId].Number, questions[a.QuestionId].Kind, a.Text, a.Number, a.IsCbi, Markings.Of(a.Label))).ToList(),
            attachments.Select(ToDto).ToList(),
            withheld,
            government ? submission.Reviewed : null,
            government ? submission.Tags.OrderBy(t => t.Kind).ThenBy(t => t.Value).Select(t => new TagDto(t.Kind, t.Value)).ToList() : null,
            government ? submission.Links.OrderBy(l => l.LinkedAt).Select(l => new LinkDto(l.TargetType, l.TargetId)).ToList() : null,
            submission.Revisions.OrderBy(r => r.Number).Select(r => new RevisionDto(r.Number, r.SubmittedAt, r.SubmittedByName, partial.Contains(r.Number) ? null : r.Digest)).ToList(),
            submission.Version);
    }

    /// <summary>The submissions of a call the reader may see (a contributor: only their own organisation's).</summary>
    public static async Task<Result<PagedList<SubmissionListItemDto>>> ListForCall(TandemDbContext db, Actor actor, TimeProvider clock, Guid callId,
        bool? reviewed, TagKind? tagKind, string? tag, int? page, int? pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!;
        }

        var call = await ConsultationAccess.FindCall(db, actor, clock, callId, AuditAction.List, ct);
        if (!call.Succeeded)
        {
            return call.Error!;
        }

        var query = ConsultationAccess.VisibleSubmissions(db, actor, ConsultationAccess.ViewerOf(actor, clock)).Where(s => s.CallId == callId);
        if (reviewed is { } r && !actor.IsPrivateSector)
        {
            query = query.Where(s => s.Reviewed == r);
        }

        if (!string.IsNullOrWhiteSpace(tag) && !actor.IsPrivateSector)
        {
            var value = tag.Trim();
            query = tagKind is { } kind
                ? query.Where(s => s.Tags.Any(t => t.Kind == kind && t.Value == value))
                : query.Where(s => s.Tags.Any(t => t.Value == value));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(s => s.Reference == null).ThenBy(s => s.Reference).ThenBy(s => s.Id)
            .Skip(request.Value.Skip).Take(request.Value.PageSize)
            .Select(s => new
            {
                s.Id, s.Reference, s.OrganisationId, s.State, s.SubmittedRevision, s.SubmittedAt, s.Reviewed, s.Label,
                Tags = s.Tags.Select(t => new TagDto(t.Kind, t.Value)).ToList(),
            })
            .ToListAsync(ct);
        var organisations = await Organisations(db, rows.Select(r => r.OrganisationId), ct);
        db.Audit(AuditAction.List, nameof(Submission), callId.ToString("D"), details: $"page {request.Value.Page}, {rows.Count} of {total}");
        await db.SaveChangesAsync(ct);
        var government = !actor.IsPrivateSector;
        var items = rows.Select(r =>
        {
            var o = organisations[r.OrganisationId];
            return new SubmissionListItemDto(r.Id, r.Reference, r.OrganisationId, o.NameEn, o.NameJa, o.Type, r.State, r.SubmittedRevision, r.SubmittedAt,
                government && r.Reviewed, government ? r.Tags : [], Markings.Of(r.Label));
        }).ToList();
        return new PagedList<SubmissionListItemDto>(items, request.Value.Page, request.Value.PageSize, total);
    }

    /// <summary>The receipt of a sent revision (the latest by default): what was sent and when, never the content.</summary>
    public static async Task<Result<ReceiptDto>> Receipt(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, int? revision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var found = await ConsultationAccess.FindSubmission(db, actor, clock, id, AuditAction.View, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var submission = found.Value;
        var number = revision ?? submission.SubmittedRevision;
        var sent = submission.Revisions.FirstOrDefault(r => r.Number == number);
        if (sent is null || submission.Reference is null)
        {
            return Error.Invalid("revision", submission.SubmittedRevision == 0
                ? "The submission has not been sent yet: a receipt is issued when it is."
                : $"revision must be between 1 and {submission.SubmittedRevision}.");
        }

        var viewer = ConsultationAccess.ViewerOf(actor, clock);
        var questions = await db.Set<Question>().AsNoTracking().Where(q => q.CallId == submission.CallId).ToDictionaryAsync(q => q.Id, q => q.Number, ct);

        // The receipt lists the parts the reader may see: the organisation sees all of its own.
        var answers = await db.Set<SubmissionAnswer>().AsNoTracking().VisibleTo(viewer).Where(a => a.SubmissionId == id && a.Revision == number)
            .Select(a => new { a.QuestionId, a.IsCbi }).ToListAsync(ct);
        var files = await db.Set<SubmissionAttachment>().AsNoTracking().VisibleTo(viewer).Where(a => a.SubmissionId == id && a.Revision == number)
            .Select(a => new { a.QuestionId, a.FileName, a.IsCbi, a.Sha256 }).ToListAsync(ct);
        var call = await db.Set<CallForInput>().AsNoTracking().IgnoreQueryFilters().Where(c => c.Id == submission.CallId).Select(c => new { c.TitleEn, c.TitleJa }).FirstAsync(ct);
        var organisation = await db.Set<Organisation>().AsNoTracking().IgnoreQueryFilters().FirstAsync(o => o.Id == submission.OrganisationId, ct);
        db.Audit(AuditAction.View, "SubmissionReceipt", id.ToString("D"), label: Markings.Of(submission.Label), details: $"revision {number}");
        await db.SaveChangesAsync(ct);
        var parts = answers.Select(a => new ReceiptPartDto($"Q{questions.GetValueOrDefault(a.QuestionId)}", a.IsCbi, null))
            .OrderBy(p => p.Part.Length).ThenBy(p => p.Part, StringComparer.Ordinal)
            .Concat(files.Select(f => new ReceiptPartDto(f.QuestionId is { } q ? $"Q{questions.GetValueOrDefault(q)}: {f.FileName}" : f.FileName, f.IsCbi, f.Sha256)))
            .ToList();
        var own = actor.IsPrivateSector && submission.AgencyId == actor.AgencyId;
        var digest = own || !(await RevisionsWithWithheldParts(db, viewer, id, ct)).Contains(number) ? sent.Digest : null;
        return new ReceiptDto(submission.Id, submission.Reference, call.TitleEn, call.TitleJa, organisation.NameEn, number, sent.SubmittedAt, sent.SubmittedByName,
            digest, own ? sent.DigestKey : null, parts, ConsultationAccess.SplitParties(submission.CbiParties));
    }

    /// <summary>
    /// The revisions with a part the reader may not read. Their digests are withheld from the reader: a digest covers
    /// every part, so showing it to someone not cleared for a CBI part would give them something to test guesses against.
    /// </summary>
    internal static async Task<HashSet<int>> RevisionsWithWithheldParts(TandemDbContext db, Viewer viewer, Guid submissionId, CancellationToken ct)
    {
        var answers = db.Set<SubmissionAnswer>().AsNoTracking().Where(a => a.SubmissionId == submissionId);
        var files = db.Set<SubmissionAttachment>().AsNoTracking().Where(a => a.SubmissionId == submissionId);
        var readableAnswers = answers.VisibleTo(viewer).Select(a => a.Id);
        var readableFiles = files.VisibleTo(viewer).Select(a => a.Id);
        var withheld = await answers.Where(a => !readableAnswers.Contains(a.Id)).Select(a => a.Revision)
            .Concat(files.Where(a => !readableFiles.Contains(a.Id)).Select(a => a.Revision))
            .Distinct().ToListAsync(ct);
        return [.. withheld];
    }

    internal static AttachmentDto ToDto(SubmissionAttachment a) =>
        new(a.Id, a.QuestionId, a.FileName, a.ContentType, a.Size, a.Sha256, a.IsCbi, Markings.Of(a.Label));

    internal static async Task<Dictionary<Guid, Organisation>> Organisations(TandemDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Set<Organisation>().AsNoTracking().IgnoreQueryFilters().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
    }
}

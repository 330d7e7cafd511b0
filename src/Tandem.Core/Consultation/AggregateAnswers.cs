using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

/// <summary>
/// Per-question aggregates of a call for the secretariat: counts, choice distributions and numeric
/// summaries, computed only over answers the reader may see — the access policy filters the answer
/// rows in SQL first, so a CBI answer the reader may not read never enters a count, a distribution
/// or a mean, and nothing tells the reader it exists.
/// </summary>
public static class AggregateAnswers
{
    public const string Rule =
        "Aggregates include only answers you may read: confidential business information (CBI) you are not cleared for is left out of every count, distribution and summary.";

    public static async Task<Result<CallAggregateDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid callId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        // A call the reader may not see is "not found" for everyone (the same answer as a missing id);
        // only a reader who sees the call learns that its aggregates are for the secretariat.
        var found = await ConsultationAccess.FindCall(db, actor, clock, callId, AuditAction.View, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        if (!ConsultationAccess.IsSecretariat(actor))
        {
            db.Audit(AuditAction.View, "CallAggregates", callId.ToString("D"), AuditDecision.Denied, details: "aggregates are for the secretariat");
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only the secretariat sees aggregates of submissions.");
        }

        var viewer = ConsultationAccess.ViewerOf(actor, clock);
        var submissions = ConsultationAccess.VisibleSubmissions(db, actor, viewer).Where(s => s.CallId == callId);
        var count = await submissions.CountAsync(ct);
        var answers = await (from answer in db.Set<SubmissionAnswer>().AsNoTracking().VisibleTo(viewer)
                             join submission in submissions on answer.SubmissionId equals submission.Id
                             where answer.Revision == submission.SubmittedRevision
                             select new { answer.QuestionId, answer.Text, answer.Number }).ToListAsync(ct);
        var files = await (from file in db.Set<SubmissionAttachment>().AsNoTracking().VisibleTo(viewer)
                           join submission in submissions on file.SubmissionId equals submission.Id
                           where file.Revision == submission.SubmittedRevision && file.QuestionId != null
                           select new { file.QuestionId, file.SubmissionId }).ToListAsync(ct);

        var questions = found.Value.Questions.OrderBy(q => q.Number).Select(q =>
        {
            var mine = answers.Where(a => a.QuestionId == q.Id).ToList();
            return q.Kind switch
            {
                QuestionKind.Choice => new QuestionAggregateDto(q.Id, q.Number, q.Kind, q.TextEn, q.TextJa, mine.Count,
                    q.Options.Select(o => new ChoiceCountDto(o, mine.Count(a => a.Text == o))).ToList(), null),
                QuestionKind.Numeric => new QuestionAggregateDto(q.Id, q.Number, q.Kind, q.TextEn, q.TextJa, mine.Count, null,
                    Summarise(mine.Where(a => a.Number is not null).Select(a => a.Number!.Value).ToList())),
                QuestionKind.File => new QuestionAggregateDto(q.Id, q.Number, q.Kind, q.TextEn, q.TextJa,
                    files.Where(f => f.QuestionId == q.Id).Select(f => f.SubmissionId).Distinct().Count(), null, null),
                _ => new QuestionAggregateDto(q.Id, q.Number, q.Kind, q.TextEn, q.TextJa, mine.Count, null, null),
            };
        }).ToList();
        db.Audit(AuditAction.View, "CallAggregates", callId.ToString("D"), label: Markings.Of(found.Value.Label), details: $"{count} submissions, {answers.Count} answers");
        await db.SaveChangesAsync(ct);
        return new CallAggregateDto(callId, found.Value.TitleEn, found.Value.TitleJa, count, questions, Rule);
    }

    internal static NumericSummaryDto? Summarise(List<decimal> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new NumericSummaryDto(values.Count, values[0], values[^1], values.Sum() / values.Count, median);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// The secretariat's table of a call's submissions (CSV or XLSX): one row per sent submission the
/// reader may see, one column per question. Parts are filtered by the access policy in SQL, so a CBI
/// answer appears only for readers cleared for it; every text cell is formula-neutralised
/// (SECURITY.md row 12); the export is audited with the combined marking of what it contains.
/// </summary>
public static class ExportSubmissions
{
    public static async Task<Result<ExportFile>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid callId, ExportFormat format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Enum.IsDefined(format))
        {
            return Error.Invalid("format", "format must be csv or xlsx.");
        }

        if (!ConsultationAccess.IsSecretariat(actor))
        {
            db.Audit(AuditAction.Export, nameof(CallForInput), callId.ToString("D"), AuditDecision.Denied, details: "exports are for the secretariat");
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only the secretariat exports submissions.");
        }

        var found = await ConsultationAccess.FindCall(db, actor, clock, callId, AuditAction.Export, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var call = found.Value;
        var viewer = ConsultationAccess.ViewerOf(actor, clock);
        var submissions = await ConsultationAccess.VisibleSubmissions(db, actor, viewer).Where(s => s.CallId == callId)
            .Include(s => s.Tags).Include(s => s.Links).AsSplitQuery()
            .OrderBy(s => s.Reference).ToListAsync(ct);
        var ids = submissions.Select(s => s.Id).ToList();
        var answers = await db.Set<SubmissionAnswer>().AsNoTracking().VisibleTo(viewer).Where(a => ids.Contains(a.SubmissionId)).ToListAsync(ct);
        var files = await db.Set<SubmissionAttachment>().AsNoTracking().VisibleTo(viewer).Where(a => ids.Contains(a.SubmissionId)).OrderBy(a => a.AddedAt).ToListAsync(ct);
        var organisations = await SubmissionQueries.Organisations(db, submissions.Select(s => s.OrganisationId), ct);
        var questions = call.Questions.OrderBy(q => q.Number).ToList();

        var header = new List<SheetColumn>
        {
            new("Reference"), new("Organisation"), new("Organisation type"), new("Party"), new("Submitted (UTC)", ColumnKind.DateTime),
            new("Revision", ColumnKind.Number), new("Reviewed"), new("Tags"), new("Links"), new("Marking"),
        };
        header.AddRange(questions.Select(q => new SheetColumn($"Q{q.Number} {Clip(q.TextEn, 60)}", q.Kind == QuestionKind.Numeric ? ColumnKind.Number : ColumnKind.Text)));
        header.Add(new("Attachments"));
        header.Add(new("CBI parts included"));
        var rows = new List<List<object?>>();
        var labels = new List<Label>();
        var cbiParts = 0;
        foreach (var submission in submissions)
        {
            var organisation = organisations[submission.OrganisationId];
            var mine = answers.Where(a => a.SubmissionId == submission.Id && a.Revision == submission.SubmittedRevision).ToDictionary(a => a.QuestionId);
            var attached = files.Where(f => f.SubmissionId == submission.Id && f.Revision == submission.SubmittedRevision).ToList();
            var parts = mine.Values.Select(a => a.Label.ToLabel()).Concat(attached.Select(f => f.Label.ToLabel())).Append(submission.Label.ToLabel()).ToList();
            var rowLabel = Label.Combine(parts);
            labels.Add(rowLabel);
            var cbi = questions.Where(q => mine.TryGetValue(q.Id, out var a) && a.IsCbi).Select(q => $"Q{q.Number}")
                .Concat(attached.Where(f => f.IsCbi).Select(f => f.FileName)).ToList();
            cbiParts += cbi.Count;
            var row = new List<object?>
            {
                submission.Reference, organisation.NameEn, organisation.Type.ToString(), organisation.Party,
                submission.SubmittedAt, submission.SubmittedRevision,
                submission.Reviewed ? "yes" : "no",
                string.Join("; ", submission.Tags.OrderBy(t => t.Kind).ThenBy(t => t.Value).Select(t => $"{t.Kind}:{t.Value}")),
                string.Join("; ", submission.Links.Select(l => $"{l.TargetType}:{l.TargetId:D}")),
                rowLabel.Marking,
            };
            foreach (var question in questions)
            {
                row.Add(!mine.TryGetValue(question.Id, out var answer) ? null
                    : question.Kind == QuestionKind.Numeric ? answer.Number
                    : answer.Text);
            }

            row.Add(string.Join("; ", attached.Select(f => $"{(f.QuestionId is { } q ? $"Q{questions.FirstOrDefault(x => x.Id == q)?.Number}: " : "")}{f.FileName} (sha256 {f.Sha256})")));
            row.Add(string.Join("; ", cbi));
            rows.Add(row);
        }

        var marking = labels.Count == 0 ? Markings.Of(call.Label) : Label.Combine(labels).Marking;
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var name = $"consultation-{callId:N}-{stamp}.{(format == ExportFormat.Csv ? "csv" : "xlsx")}";
        var content = format == ExportFormat.Csv ? CsvFile.Write(header, rows)
            : Workbook.Write($"Submissions to {call.TitleEn}", clock.GetUtcNow().UtcDateTime, new WorkbookSheet("Submissions", header, rows));
        db.Audit(AuditAction.Export, nameof(CallForInput), callId.ToString("D"), label: marking,
            details: $"{format.ToString().ToLowerInvariant()}, {rows.Count} submissions, {cbiParts} CBI parts");
        await db.SaveChangesAsync(ct);
        return new ExportFile(name, format == ExportFormat.Csv ? CsvFile.ContentType : Workbook.ContentType,
            content, marking, rows.Count);
    }

    public static Result<ExportFormat> ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => Error.Invalid("format", "format must be csv or xlsx."),
    };

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}

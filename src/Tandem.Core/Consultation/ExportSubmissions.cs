using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
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

        var header = new List<string> { "Reference", "Organisation", "Organisation type", "Party", "Submitted (UTC)", "Revision", "Reviewed", "Tags", "Links", "Marking" };
        header.AddRange(questions.Select(q => $"Q{q.Number} {Clip(q.TextEn, 60)}"));
        header.Add("Attachments");
        header.Add("CBI parts included");
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
                submission.SubmittedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), submission.SubmittedRevision,
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
        var content = format == ExportFormat.Csv ? Csv(header, rows) : Xlsx(header, rows);
        db.Audit(AuditAction.Export, nameof(CallForInput), callId.ToString("D"), label: marking,
            details: $"{format.ToString().ToLowerInvariant()}, {rows.Count} submissions, {cbiParts} CBI parts");
        await db.SaveChangesAsync(ct);
        return new ExportFile(name, format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            content, marking, rows.Count);
    }

    public static Result<ExportFormat> ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => Error.Invalid("format", "format must be csv or xlsx."),
    };

    private static byte[] Csv(List<string> header, List<List<object?>> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", header.Select(Common.Csv.Cell))).Append("\r\n");
        foreach (var row in rows)
        {
            // Numbers are written as parsed decimals, which cannot be formulas; everything else is neutralised text.
            text.Append(string.Join(",", row.Select(v => v switch
            {
                null => "",
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => Common.Csv.Cell(Convert.ToString(v, CultureInfo.InvariantCulture)),
            }))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static byte[] Xlsx(List<string> header, List<List<object?>> rows)
    {
        var sheet = rows.Select(row =>
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                var key = Common.Csv.SafeText(header[i]);
                record[record.ContainsKey(key) ? $"{key} ({i})" : key] = row[i] switch
                {
                    null => null,
                    decimal d => d,
                    int n => n,
                    var v => Common.Csv.SafeText(Convert.ToString(v, CultureInfo.InvariantCulture)),
                };
            }

            return record;
        }).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(header.ToDictionary(h => Common.Csv.SafeText(h), _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "Submissions", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}

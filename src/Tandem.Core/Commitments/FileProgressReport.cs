using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Meetings;
using Tandem.Core.Sharing;

namespace Tandem.Core.Commitments;

/// <summary>A responsible agency reports progress: dated narrative, percent, evidence links, under its own label.</summary>
public static class FileProgressReport
{
    public const int MaxEvidenceLinks = 20;

    public static async Task<Result<ProgressReportDto>> Handle(TandemDbContext db, Actor actor, Guid commitmentId, ProgressReportInput input, DateOnly today, CancellationToken ct)
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

        if (actor.UserId is not { } userId || actor.AgencyId is not { } agencyId || !CommitmentRules.IsResponsible(commitment, actor))
        {
            return Error.Forbidden("Only people of an agency responsible for this commitment may report its progress.");
        }

        var validation = new Validation().Required("narrative", input.Narrative, 20_000);
        if (input.ReportedOn is not { } reportedOn)
        {
            validation.Add("reportedOn", "reportedOn is required.");
        }
        else if (reportedOn > today)
        {
            validation.Add("reportedOn", "reportedOn cannot be in the future.");
        }

        if (input.Percent is not { } percent || percent < 0 || percent > 100)
        {
            validation.Add("percent", "percent is required: 0 to 100.");
        }

        var links = (input.EvidenceLinks ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
        if (links.Count > MaxEvidenceLinks)
        {
            validation.Add("evidenceLinks", $"At most {MaxEvidenceLinks} evidence links.");
        }
        else
        {
            for (var i = 0; i < links.Count; i++)
            {
                validation.Url($"evidenceLinks[{i}]", links[i]);
            }
        }

        if (input.Label is null)
        {
            validation.Add("label.level", "label is required: every progress report carries a sharing label.");
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

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var report = new ProgressReport
        {
            CommitmentId = commitment.Id,
            AgencyId = agencyId,
            AuthorId = userId,
            ReportedOn = input.ReportedOn!.Value,
            Narrative = input.Narrative!.Trim(),
            Percent = input.Percent!.Value,
            EvidenceLinks = links,
            Label = LabelData.From(label.Value),
        };
        db.Add(report);
        await db.SaveChangesAsync(ct);
        var agencyCode = await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Code).FirstAsync(ct);
        return new ProgressReportDto(report.Id, report.CommitmentId, agencyCode, report.ReportedOn, report.Narrative, report.Percent, report.EvidenceLinks,
            label.Value.Marking, report.CreatedAt);
    }
}

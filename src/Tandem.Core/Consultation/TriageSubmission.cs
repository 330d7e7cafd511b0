using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Meetings;
using Tandem.Core.Reference;

namespace Tandem.Core.Consultation;

public sealed record TagInput(TagKind? Kind, string? Value);

public sealed record LinkInput(string? TargetType, Guid? TargetId);

/// <summary>The secretariat's triage of a submission. Null lists leave tags or links as they are; a list replaces them.</summary>
public sealed record TriageInput(IReadOnlyList<TagInput>? Tags, IReadOnlyList<LinkInput>? Links, bool? Reviewed, int? Version);

/// <summary>
/// Triage by the secretariat: topic, HS-product and country tags, links to commitments and agenda
/// items (stored as type and id: those records belong to other capabilities), and the reviewed flag.
/// </summary>
public static partial class TriageSubmission
{
    public const int MaxTags = 50;
    public const int MaxLinks = 50;

    public static readonly IReadOnlyList<string> LinkTargets = ["Commitment", "AgendaItem"];

    public static async Task<Result<SubmissionDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, TriageInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(input);
        if (!ConsultationAccess.IsSecretariat(actor))
        {
            // Denied before the record is looked up, so a contributor learns nothing about other submissions.
            db.Audit(AuditAction.Update, nameof(Submission), id.ToString("D"), AuditDecision.Denied, details: "triage is for the secretariat");
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only the secretariat triages submissions.");
        }

        var found = await ConsultationAccess.FindSubmission(db, actor, clock, id, AuditAction.Update, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        if (input.Version is not { } version)
        {
            return Error.Invalid("version", "version is required: the version of the submission you triaged.");
        }

        var validation = new Validation();
        var tags = Tags(validation, input.Tags);
        var links = Links(validation, input.Links);
        var forum = await db.Set<CallForInput>().AsNoTracking().IgnoreQueryFilters().Where(c => c.Id == found.Value.CallId).Select(c => c.ForumId).FirstAsync(ct);
        await CheckTargets(db, validation, forum, input.Links, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var submission = await db.Set<Submission>().Include(s => s.Tags).Include(s => s.Links).AsSplitQuery().FirstAsync(s => s.Id == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await Concurrency.SaveAsync(db, submission, version, () =>
        {
            if (tags is not null)
            {
                submission.Tags.RemoveAll(t => !tags.Any(n => n.Kind == t.Kind && n.Value == t.Value));
                foreach (var tag in tags.Where(n => !submission.Tags.Any(t => t.Kind == n.Kind && t.Value == n.Value)))
                {
                    submission.Tags.Add(new SubmissionTag { SubmissionId = id, Kind = tag.Kind, Value = tag.Value });
                }
            }

            if (links is not null)
            {
                submission.Links.RemoveAll(l => !links.Any(n => n.TargetType == l.TargetType && n.TargetId == l.TargetId));
                foreach (var link in links.Where(n => !submission.Links.Any(l => l.TargetType == n.TargetType && l.TargetId == n.TargetId)))
                {
                    submission.Links.Add(new SubmissionLink { SubmissionId = id, TargetType = link.TargetType, TargetId = link.TargetId, LinkedAt = now, LinkedBy = actor.UserId!.Value });
                }
            }

            if (input.Reviewed is { } reviewed && reviewed != submission.Reviewed)
            {
                submission.Reviewed = reviewed;
                submission.ReviewedAt = reviewed ? now : null;
                submission.ReviewedBy = reviewed ? actor.UserId : null;
            }

            db.Entry(submission).State = EntityState.Modified;
        }, () => true, ct);
        return saved.Succeeded ? await SubmissionQueries.Get(db, actor, clock, id, ct, audit: false) : saved.Error!;
    }

    /// <summary>Adds an error for each link to a commitment or agenda item that is not one of the call's forum.</summary>
    internal static async Task CheckTargets(TandemDbContext db, Validation validation, Guid forumId, IReadOnlyList<LinkInput>? input, CancellationToken ct)
    {
        if (input is null || input.Count == 0 || input.Count > MaxLinks)
        {
            return;
        }

        var ids = input.Select(l => l?.TargetId).OfType<Guid>().Distinct().ToList();
        var commitments = await db.Set<Commitment>().AsNoTracking().Where(c => c.ForumId == forumId && ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var items = await (from item in db.Set<AgendaItem>().AsNoTracking()
                           join meeting in db.Set<Meeting>().AsNoTracking() on item.MeetingId equals meeting.Id
                           where meeting.ForumId == forumId && ids.Contains(item.Id)
                           select item.Id).ToListAsync(ct);
        for (var i = 0; i < input.Count; i++)
        {
            var type = LinkTargets.FirstOrDefault(t => string.Equals(t, input[i]?.TargetType?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (input[i]?.TargetId is not { } target || target == Guid.Empty || type is null)
            {
                continue;
            }

            if (type == "Commitment" && !commitments.Contains(target))
            {
                validation.Add($"links[{i}].targetId", $"No commitment of this forum has the id {target:D}.");
            }
            else if (type == "AgendaItem" && !items.Contains(target))
            {
                validation.Add($"links[{i}].targetId", $"No agenda item of this forum's meetings has the id {target:D}.");
            }
        }
    }

    private static List<(TagKind Kind, string Value)>? Tags(Validation validation, IReadOnlyList<TagInput>? input)
    {
        if (input is null)
        {
            return null;
        }

        if (input.Count > MaxTags)
        {
            validation.Add("tags", $"At most {MaxTags} tags.");
            return null;
        }

        var tags = new List<(TagKind, string)>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"tags[{i}]";
            if (input[i]?.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                validation.Add($"{field}.kind", $"{field}.kind is required: Topic, HsProduct or Country.");
                continue;
            }

            var value = input[i].Value?.Trim() ?? "";
            switch (kind)
            {
                case TagKind.Topic when value.Length is 0 or > SubmissionTag.ValueLength:
                    validation.Add($"{field}.value", $"A topic has 1 to {SubmissionTag.ValueLength} characters.");
                    break;
                case TagKind.HsProduct when !HsCode().IsMatch(value):
                    validation.Add($"{field}.value", $"'{value}' is not an HS code: 2, 4 or 6 digits (e.g. 8541 or 381800).");
                    break;
                case TagKind.Country:
                    value = value.ToUpperInvariant();
                    if (!IsoCountries.IsKnown(value))
                    {
                        validation.Add($"{field}.value", $"'{value}' is not an ISO 3166 alpha-3 country code.");
                    }

                    break;
            }

            if (!tags.Contains((kind, value)))
            {
                tags.Add((kind, value));
            }
        }

        return tags;
    }

    private static List<(string TargetType, Guid TargetId)>? Links(Validation validation, IReadOnlyList<LinkInput>? input)
    {
        if (input is null)
        {
            return null;
        }

        if (input.Count > MaxLinks)
        {
            validation.Add("links", $"At most {MaxLinks} links.");
            return null;
        }

        var links = new List<(string, Guid)>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"links[{i}]";
            var type = LinkTargets.FirstOrDefault(t => string.Equals(t, input[i]?.TargetType?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (type is null)
            {
                validation.Add($"{field}.targetType", $"{field}.targetType must be one of {string.Join(", ", LinkTargets)}.");
            }

            if (input[i]?.TargetId is not { } target || target == Guid.Empty)
            {
                validation.Add($"{field}.targetId", $"{field}.targetId is required.");
                continue;
            }

            if (type is not null && !links.Contains((type, target)))
            {
                links.Add((type, target));
            }
        }

        return links;
    }

    [GeneratedRegex("^([0-9]{2}|[0-9]{4}|[0-9]{6})$")]
    private static partial Regex HsCode();
}

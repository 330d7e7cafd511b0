using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

public sealed record SummaryInput(string? WhatWeHeardEn, string? WhatWeHeardJa, string? WhatWeDidEn, string? WhatWeDidJa, IReadOnlyList<LinkInput>? Links, int? Version);

/// <summary>
/// Publishes "what we heard, what we did" for a closed call (or one past its closing time): the call
/// becomes Summarised, everyone who can see the call can read the summary, and every contributor of
/// an organisation that sent a submission gets a notification. Notification and summary are saved together.
/// </summary>
public static class PublishSummary
{
    public const string NotificationKind = "consultation.summary-published";

    public static async Task<Result<CallDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid callId, SummaryInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(input);
        if (!ConsultationAccess.IsSecretariat(actor))
        {
            return Error.Forbidden("Only the secretariat publishes the summary of a call.");
        }

        var found = await ConsultationAccess.FindCall(db, actor, clock, callId, AuditAction.Update, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        if (input.Version is not { } version)
        {
            return Error.Invalid("version", "version is required: the version of the call you summarised.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var call = await db.Set<CallForInput>().FirstAsync(c => c.Id == callId, ct);
        var over = call.State == CallState.Closed || (call.State == CallState.Open && now >= call.ClosesAt);
        if (!over)
        {
            var message = call.State == CallState.Summarised ? "The summary of this call is already published." : "A summary is published once the call has closed.";
            return new Error(ErrorKind.Conflict, message, new Dictionary<string, string[]> { ["state"] = [message] });
        }

        var validation = new Validation()
            .Required("whatWeHeardEn", input.WhatWeHeardEn, CallSummary.TextLength)
            .Optional("whatWeHeardJa", input.WhatWeHeardJa, CallSummary.TextLength)
            .Required("whatWeDidEn", input.WhatWeDidEn, CallSummary.TextLength)
            .Optional("whatWeDidJa", input.WhatWeDidJa, CallSummary.TextLength);
        var links = new List<(string Type, Guid Id)>();
        var given = input.Links ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var type = TriageSubmission.LinkTargets.FirstOrDefault(t => string.Equals(t, given[i]?.TargetType?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (type is null)
            {
                validation.Add($"links[{i}].targetType", $"links[{i}].targetType must be one of {string.Join(", ", TriageSubmission.LinkTargets)}.");
            }
            else if (given[i]?.TargetId is not { } target || target == Guid.Empty)
            {
                validation.Add($"links[{i}].targetId", $"links[{i}].targetId is required.");
            }
            else if (!links.Contains((type, target)))
            {
                links.Add((type, target));
            }
        }

        await TriageSubmission.CheckTargets(db, validation, call.ForumId, input.Links, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var summary = new CallSummary
        {
            CallId = callId,
            WhatWeHeardEn = input.WhatWeHeardEn!.Trim(),
            WhatWeHeardJa = input.WhatWeHeardJa?.Trim() ?? "",
            WhatWeDidEn = input.WhatWeDidEn!.Trim(),
            WhatWeDidJa = input.WhatWeDidJa?.Trim() ?? "",
            PublishedAt = now,
            PublishedBy = actor.UserId!.Value,
        };
        summary.Links = links.Select(l => new SummaryLink { SummaryId = summary.Id, TargetType = l.Type, TargetId = l.Id }).ToList();
        var agencies = await db.Set<Submission>().Where(s => s.CallId == callId && s.SubmittedRevision > 0).Select(s => s.AgencyId).Distinct().ToListAsync(ct);
        var recipients = new List<Guid>();
        var today = ConsultationAccess.Today(clock);
        foreach (var agency in agencies)
        {
            // The notification names the call: a contributor the call's label does not admit (one not named on a RED
            // call, say) is not told of it, even though a colleague answered it.
            var party = await db.Agencies.Where(a => a.Id == agency).Select(a => a.Party).FirstAsync(ct);
            recipients.AddRange((await ConsultationAccess.ContributorsOf(db, agency, ct))
                .Where(user => AccessPolicy.CanSeeAsAddressee(new Viewer(true, user, agency, party, true, today), call.Label)));
        }

        var saved = await Concurrency.SaveAsync(db, call, version, () =>
        {
            call.State = CallState.Summarised;
            db.Set<CallSummary>().Add(summary);
            NotificationUseCases.Send(db, recipients, NotificationKind,
                $"What we did with your input: {call.TitleEn}",
                string.IsNullOrEmpty(call.TitleJa) ? "" : $"ご意見の反映状況: {call.TitleJa}",
                $"/consultation/{call.Id}/summary", now);
        }, () => true, ct);
        if (!saved.Succeeded)
        {
            return saved.Error!;
        }

        var reloaded = await ConsultationAccess.FindCall(db, actor, clock, callId, AuditAction.View, ct);
        return await CallQueries.ToDto(db, actor, reloaded.Value, ct, clock);
    }

    internal static async Task<PublishedSummaryDto?> Find(TandemDbContext db, Guid callId, CancellationToken ct)
    {
        var summary = await db.Set<CallSummary>().AsNoTracking().Include(s => s.Links).FirstOrDefaultAsync(s => s.CallId == callId, ct);
        return summary is null ? null : new PublishedSummaryDto(summary.Id, summary.WhatWeHeardEn, summary.WhatWeHeardJa, summary.WhatWeDidEn, summary.WhatWeDidJa,
            summary.PublishedAt, summary.Links.Select(l => new LinkDto(l.TargetType, l.TargetId)).ToList());
    }
}

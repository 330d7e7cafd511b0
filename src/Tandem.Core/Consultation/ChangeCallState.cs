using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notifications;

namespace Tandem.Core.Consultation;

/// <summary>
/// Opens a draft call (its questions and label become fixed) and closes an open one early. A call
/// also stops accepting input by itself at its closing time; closing records that it is over.
/// Summarising is <see cref="PublishSummary"/>.
/// </summary>
public static class ChangeCallState
{
    public static Task<Result<CallDto>> Open(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, int? version, CancellationToken ct) =>
        Change(db, actor, clock, id, version, CallState.Open, ct);

    public static Task<Result<CallDto>> Close(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, int? version, CancellationToken ct) =>
        Change(db, actor, clock, id, version, CallState.Closed, ct);

    private static async Task<Result<CallDto>> Change(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, int? version, CallState target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        if (!ConsultationAccess.IsSecretariat(actor))
        {
            return Error.Forbidden("Only the secretariat opens and closes calls for input.");
        }

        var found = await ConsultationAccess.FindCall(db, actor, clock, id, AuditAction.Update, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        if (version is not { } expected)
        {
            return Error.Invalid("version", "version is required: the version of the call you acted on.");
        }

        var call = await db.Set<CallForInput>().Include(c => c.Questions).Include(c => c.Invitations).FirstAsync(c => c.Id == id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = call.State;
        if ((target == CallState.Open && from != CallState.Draft) || (target == CallState.Closed && from != CallState.Open))
        {
            return new Error(ErrorKind.Conflict, $"A call that is {from} cannot become {target}.",
                new Dictionary<string, string[]> { ["state"] = [$"The call is {from}."] });
        }

        if (target == CallState.Open)
        {
            var validation = new Validation();
            if (call.Questions.Count == 0)
            {
                validation.Add("questions", "A call needs at least one question before it opens.");
            }

            if (call.ClosesAt <= now)
            {
                validation.Add("closesAt", "The closing time has passed: move it later before opening the call.");
            }

            if (!validation.IsValid)
            {
                return validation.ToError();
            }
        }

        List<Guid> contributors = [];
        if (target == CallState.Open)
        {
            // The contributors of the organisations the call asks, each only if the call's label admits them.
            var invited = call.Invitations.Select(i => i.OrganisationId).ToList();
            var agencies = await db.Set<Organisation>()
                .Where(o => o.Status == OrganisationStatus.Approved && o.AgencyId != null && (call.Audience == CallAudience.AllRegistered || invited.Contains(o.Id)))
                .Select(o => o.AgencyId!.Value).ToListAsync(ct);
            contributors = await NotificationAudience.WhoMaySee(db, NotificationAudience.OfAgencies(db, agencies).Where(u => NotificationAudience.InRoles(db, Roles.Contributor).Select(c => c.Id).Contains(u.Id)),
                call.Label, ConsultationAccess.Today(clock), ct, addressed: true);
        }

        var result = await Concurrency.SaveAsync(db, call, expected, () =>
        {
            call.State = target;
            NotificationUseCases.Send(db, contributors, NotificationKinds.CallOpened, $"Call for input open until {call.ClosesAt:yyyy-MM-dd}: {call.TitleEn}",
                string.IsNullOrEmpty(call.TitleJa) ? "" : $"意見募集（{call.ClosesAt:yyyy-MM-dd} まで）: {call.TitleJa}", $"/consultation/{call.Id:D}", now,
                NotificationAudience.IsRestricted(call.Label));
        }, () => true, ct);
        return result.Succeeded ? await CallQueries.ToDto(db, actor, call, ct) : result.Error!;
    }
}

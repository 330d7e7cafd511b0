using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

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

        var call = await db.Set<CallForInput>().Include(c => c.Questions).FirstAsync(c => c.Id == id, ct);
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

        var result = await Concurrency.SaveAsync(db, call, expected, () => call.State = target, () => true, ct);
        return result.Succeeded ? await CallQueries.ToDto(db, actor, call, ct) : result.Error!;
    }
}

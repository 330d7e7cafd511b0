using Microsoft.AspNetCore.Mvc;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>The audit log for auditors (SECURITY.md rows 13–15): list with filters, and verify the chain. Both reads are audited.</summary>
public static class AuditApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AuthSchemes.Audit);
        audit.MapGet("/", List).WithName("ListAuditEntries")
            .WithSummary("Audit entries, newest first; filter by from/to (UTC date or date-time), actor, action, objectType, objectId, decision.")
            .Produces<PagedList<AuditEntryDto>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        audit.MapGet("/verify", Verify).WithName("VerifyAuditChain")
            .WithSummary("Verifies the whole chain: sequence, hashes, signed checkpoints, the tail, and the digests witnessed outside the database.")
            .Produces<AuditVerification>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> List(TandemDbContext db, HttpContext http, string? from, string? to, string? actor,
        [FromQuery(Name = "action")] string? auditAction, string? objectType, string? objectId, string? decision, int? page, int? pageSize,
        CancellationToken ct)
    {
        var filter = AuditQueries.ParseFilter(new AuditFilterInput(from, to, actor, auditAction, objectType, objectId, decision));
        if (!filter.Succeeded)
        {
            return filter.Error!.ToProblem();
        }

        return (await AuditQueries.List(db, http.User.ToActor(), filter.Value, page, pageSize, recordRead: true, ct)).ToHttp();
    }

    private static async Task<IResult> Verify(TandemDbContext db, AuditSigner signer, AuditWitness witness, HttpContext http, CancellationToken ct) =>
        (await VerifyAuditChain.HandleAudited(db, signer, witness, http.User.ToActor(), ct)).ToHttp();
}

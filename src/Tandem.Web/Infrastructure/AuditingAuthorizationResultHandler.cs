using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// SECURITY.md row 13: a signed-in user refused by an authorization policy (a role they lack) leaves one
/// audit entry, whether the refusal is a 403 from the API or the denied page.
/// </summary>
public sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var db = context.RequestServices.GetRequiredService<TandemDbContext>();
            var path = context.Request.Path.Value ?? "";
            var reasons = string.Join("; ", authorizeResult.AuthorizationFailure?.FailedRequirements.Select(r => r.ToString()) ?? []);
            var details = $"{context.Request.Method} {path}: {reasons}";
            db.Audit(AuditAction.Access, "Endpoint", path.Length <= 64 ? path : path[..64], AuditDecision.Denied,
                details: details.Length <= 2000 ? details : details[..2000]);
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

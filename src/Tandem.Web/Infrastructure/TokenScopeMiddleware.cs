using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// A token with only the <c>read</c> scope may not change anything: every request other than GET, HEAD or OPTIONS it
/// sends is refused with 403 (and audited) before it reaches an endpoint, whichever endpoint it is.
/// </summary>
public sealed class TokenScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        if (TokenScopeClaims.IsToken(context.User)
            && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
            && !TokenScopes.CanWrite(TokenScopeClaims.Of(context.User)))
        {
            var db = context.RequestServices.GetRequiredService<TandemDbContext>();
            var path = context.Request.Path.Value ?? "";
            db.Audit(AuditAction.Access, "Endpoint", path.Length <= 64 ? path : path[..64], AuditDecision.Denied,
                details: $"{method} refused: the token has the read scope only");
            await db.SaveChangesAsync(context.RequestAborted);
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Token scope too narrow",
                detail: "This token has the 'read' scope only; create a token with the 'write' scope to change records.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}

using Tandem.Core.Audit;

namespace Tandem.Web.Infrastructure;

/// <summary>Fills the request's <see cref="AuditContext"/>: the request id first, the actor once authentication has run.</summary>
public sealed class RequestAuditContextMiddleware(RequestDelegate next, RequestAuditContextMiddleware.Phase phase)
{
    public enum Phase
    {
        Request,
        User,
    }

    public Task InvokeAsync(HttpContext context, AuditContext audit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(audit);
        if (phase == Phase.Request)
        {
            audit.RequestId = context.TraceIdentifier;
        }
        else
        {
            audit.Actor = context.User.ToActor();
            audit.ActorAgencyCode = context.User.FindFirst(TandemClaims.AgencyCode)?.Value ?? "";
        }

        return next(context);
    }
}

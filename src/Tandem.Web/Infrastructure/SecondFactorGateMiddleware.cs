using Microsoft.Extensions.Options;
using Tandem.Core.Accounts;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// SECURITY.md row 6: users whose roles see AMBER and above must enrol a second factor before
/// they can use anything but their account pages.
/// </summary>
public sealed class SecondFactorGateMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
{
    public const string EnrolPath = "/account/two-factor";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (options.Value.RequireSecondFactor
            && user.Identity?.IsAuthenticated == true
            && user.FindFirst(TandemClaims.SecondFactor)?.Value != "true"
            && Roles.RequiresSecondFactor(user.FindAll(System.Security.Claims.ClaimTypes.Role).Concat(user.FindAll(TokenScopeClaims.WithheldRole)).Select(c => c.Value))
            && !IsAllowedBeforeEnrolment(context.Request.Path))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Second factor required",
                    detail: "Your role requires a second factor: enrol an authenticator at " + EnrolPath + " first.").ExecuteAsync(context);
                return;
            }

            context.Response.Redirect(EnrolPath);
            return;
        }

        await next(context);
    }

    private static bool IsAllowedBeforeEnrolment(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/css") || path.StartsWithSegments("/health") || path.StartsWithSegments("/culture");
}

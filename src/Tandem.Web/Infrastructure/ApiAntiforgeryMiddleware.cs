using Microsoft.AspNetCore.Antiforgery;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// SECURITY.md row 8: a state-changing API call carried by the session cookie must also carry an
/// antiforgery token (header X-CSRF-TOKEN); bearer-token calls cannot be forged cross-site and skip it.
/// </summary>
public sealed class ApiAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && AuthSchemes.Select(context) != BearerTokenHandler.SchemeName
            && context.User.Identity?.IsAuthenticated == true)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                    detail: "Cookie-authenticated API calls must send the X-CSRF-TOKEN header from GET /api/v1/antiforgery.").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}

using Microsoft.AspNetCore.Components;
using Tandem.Core.Common;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Components.Shared;

/// <summary>What every server-rendered page needs: the request, the acting user, and the status to answer with.</summary>
public abstract class TandemPageBase : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    protected Actor Actor => HttpContext.User.ToActor();

    protected static string Culture => UiText.Culture;

    protected bool IsPost => HttpMethods.IsPost(HttpContext.Request.Method);

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Answers with the failure's status (404, 403, 409, 400) while still rendering the page with its message.</summary>
    protected void SetStatus(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!HttpContext.Response.HasStarted)
        {
            HttpContext.Response.StatusCode = UiText.Status(error);
        }
    }

    /// <summary>An edit page opened by someone who may not edit: the page explains, the status says 403.</summary>
    protected bool RefuseEditing()
    {
        if (Actor.CanManageForum || IsPost)
        {
            return false;
        }

        if (!HttpContext.Response.HasStarted)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return true;
    }

    protected void SetNotFound()
    {
        if (!HttpContext.Response.HasStarted)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>Post/redirect/get: after a successful form the browser loads the result with a GET.</summary>
    protected void RedirectTo(string url) => Navigation.NavigateTo(url, forceLoad: true);
}

using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Tandem.Web.Components;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// People in a browser get an error page in their language with the header and a way back; scripts and the
/// API (anything under /api, or a request that accepts JSON) keep getting RFC 9457 ProblemDetails.
/// </summary>
public static class ErrorPages
{
    /// <summary>Whether the caller is a person's browser rather than a script.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/health"))
        {
            return false;
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("application/problem+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Renders the error page with the given status, in a fresh scope so that a page which failed half-way does not get in the way.</summary>
    public static async Task Write(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        // Status code pages and the exception handler run outside the localization middleware's scope:
        // take the culture it chose for this request again (or choose it now, for a request it never saw).
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture
            ?? await ChooseCulture(context);
        CultureInfo.CurrentCulture = culture.Culture;
        CultureInfo.CurrentUICulture = culture.UICulture;

        var original = context.RequestServices;
        await using var scope = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        try
        {
            // Whatever a failed page half-wrote goes; when to try again stays.
            var retryAfter = context.Response.Headers.RetryAfter;
            context.Response.Clear();
            context.Response.Headers.RetryAfter = retryAfter;
            var page = new RazorComponentResult<App>(new Dictionary<string, object?> { [nameof(App.ErrorStatus)] = status })
            {
                StatusCode = status,
                PreventStreamingRendering = true,
            };
            await page.ExecuteAsync(context);
        }
        finally
        {
            context.RequestServices = original;
        }
    }

    private static async Task<RequestCulture> ChooseCulture(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;
        foreach (var provider in options.RequestCultureProviders)
        {
            if (await provider.DetermineProviderCultureResult(context) is { } result
                && result.UICultures.Select(c => Supported(options, c.ToString())).FirstOrDefault(c => c is not null) is { } chosen)
            {
                return new RequestCulture(chosen);
            }
        }

        return options.DefaultRequestCulture;
    }

    /// <summary>"ja-JP" is served in "ja", as the localization middleware does by falling back to the parent culture.</summary>
    private static CultureInfo? Supported(RequestLocalizationOptions options, string name) =>
        options.SupportedUICultures?.FirstOrDefault(s => s.Name == name || s.Name == name.Split('-')[0]);

    /// <summary>The status code pages: an empty 4xx/5xx answer becomes a page for browsers, ProblemDetails for everyone else.</summary>
    public static void UseTandemStatusCodePages(this IApplicationBuilder app)
    {
        var problemDetails = new StatusCodePagesOptions().HandleAsync;
        app.UseStatusCodePages(new StatusCodePagesOptions
        {
            HandleAsync = context => WantsHtml(context.HttpContext.Request)
                ? Write(context.HttpContext, context.HttpContext.Response.StatusCode)
                : problemDetails(context),
        });
    }
}

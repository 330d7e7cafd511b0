using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Tandem.Core.Common;

namespace Tandem.Web.Infrastructure;

public static class ProblemDetailsSetup
{
    public static void Configure(ProblemDetailsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        };
    }

    /// <summary>The one mapping of expected failures to RFC 9457 answers (STYLE.md convention 3).</summary>
    public static IResult ToProblem(this Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        };
        if (error.Kind == ErrorKind.NotFound)
        {
            // The same body for "missing" and "not yours" (SECURITY.md row 2): nothing tells them apart.
            return TypedResults.Problem(statusCode: status, title: "Not found", detail: "The record does not exist or you may not see it.");
        }

        if (error.Fields.Count > 0)
        {
            // Field errors keep their kind's status: a duplicate is a 409 naming the field, not a 400.
            return TypedResults.Problem(new HttpValidationProblemDetails(error.Fields.ToDictionary(f => f.Key, f => f.Value))
            {
                Status = status,
                Title = error.Kind == ErrorKind.Conflict ? "Conflict" : "Invalid input",
                Detail = error.Message,
            });
        }

        return TypedResults.Problem(statusCode: status, title: error.Kind switch
        {
            ErrorKind.Forbidden => "Forbidden",
            ErrorKind.Conflict => "Conflict",
            _ => "Invalid input",
        }, detail: error.Message);
    }
}

/// <summary>
/// Turns malformed requests into 400s naming the field, and anything else into a generic 500
/// without a stack trace (SECURITY.md rows 19–20).
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, IHostEnvironment environment, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var problem = exception switch
        {
            BadHttpRequestException bad => BadRequest(bad),
            JsonException json => Invalid(json.Path, json.Message),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path} ({TraceId})", httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
            if (ErrorPages.WantsHtml(httpContext.Request))
            {
                await ErrorPages.Write(httpContext, StatusCodes.Status500InternalServerError);
                return true;
            }

            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong",
                Detail = environment.IsDevelopment() ? exception.Message : "The error has been logged; quote the trace id when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = 413, Title = "Too large", Detail = "The request body is larger than allowed." };
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new ProblemDetails { Status = 415, Title = "Unsupported media type", Detail = "Send the request body as application/json." };
        }

        if (bad.InnerException is JsonException json)
        {
            return Invalid(json.Path, json.Message);
        }

        // "Failed to bind parameter "int? page" from "abc"." and the like: name the parameter as the field.
        var parameter = BoundParameter().Match(bad.Message);
        if (parameter.Success)
        {
            var field = parameter.Groups[1].Value;
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [bad.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid input",
                Detail = bad.Message,
            };
        }

        return new ProblemDetails { Status = 400, Title = "Invalid input", Detail = bad.Message };
    }

    [System.Text.RegularExpressions.GeneratedRegex("Tandem\\.Core\\.[A-Za-z0-9_.]+[A-Za-z0-9_]")]
    private static partial System.Text.RegularExpressions.Regex TandemType();

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]*[ .])?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial System.Text.RegularExpressions.Regex BoundParameter();

    private static HttpValidationProblemDetails Invalid(string? path, string message)
    {
        var field = string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
        var text = message.Split(" Path:", StringSplitOptions.None)[0];
        if (text.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            // Say what is expected instead of naming .NET types: "kind must be one of Ministry, Agency, …".
            var type = TandemType().Match(text) is { Success: true } m ? typeof(Tandem.Core.Common.Entity).Assembly.GetType(m.Value) : null;
            text = type is { IsEnum: true }
                ? $"must be one of {string.Join(", ", Enum.GetNames(type))}."
                : "has the wrong type (for example text where a number, date or list is expected).";
        }

        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"{field}: {text}"] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = $"The request body could not be read at '{field}'.",
        };
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Core.Common;

namespace Tandem.Web.Api;

/// <summary>
/// What an operation answers, written once for the OpenAPI document: the success body with its JSON type and the
/// problems a client must handle. Handlers keep answering through <see cref="ApiSupport"/> and the one error mapping,
/// so these declarations describe the answers without changing them.
/// </summary>
public static class ApiResponses
{
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Zip = "application/zip";
    public const string Pdf = "application/pdf";
    public const string Svg = "image/svg+xml";
    public const string Calendar = "text/calendar";
    private const string ProblemJson = "application/problem+json";

    /// <summary>The kinds of file a document or a submission's attachment can hold: uploads are checked against these.</summary>
    private static readonly string[] StoredFileTypes =
    [
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", Xlsx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/gif", "image/jpeg", "image/png", Csv, "text/plain",
    ];

    /// <summary>
    /// Every signed-in operation can be refused before it runs: 401 without valid credentials, 403 for a token whose
    /// scope is too narrow, a missing second factor or a missing role. Both come as ProblemDetails. Added last, so that
    /// an operation open to anyone (self-registration) is left out.
    /// </summary>
    public static TBuilder ProducesAccessProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [ProblemJson]));
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [ProblemJson]));
        });
        return builder;
    }

    /// <summary>A page of <typeparamref name="T"/>; 400 names a bad page, page size or filter.</summary>
    public static RouteHandlerBuilder ProducesPage<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<PagedList<T>>().ProducesValidationProblem();

    /// <summary>A page of <typeparamref name="T"/> that belongs to one record: also 404 when that record is missing or hidden.</summary>
    public static RouteHandlerBuilder ProducesPageOfRecord<T>(this RouteHandlerBuilder builder) =>
        builder.ProducesPage<T>().ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>One record (or a view computed from it); 404 when it is missing or the caller may not see it.</summary>
    public static RouteHandlerBuilder ProducesRecord<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>().ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A new record, 201 with its location; 400 names invalid fields, 409 a duplicate.</summary>
    public static RouteHandlerBuilder ProducesCreated<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A new record under a parent: as <see cref="ProducesCreated{T}"/>, and 404 when the parent is missing or hidden.</summary>
    public static RouteHandlerBuilder ProducesCreatedUnder<T>(this RouteHandlerBuilder builder) =>
        builder.ProducesCreated<T>().ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// A change to a record, answered with the record as it now is; 400 names invalid fields, 404 a missing or hidden
    /// record, 409 a stale version (someone changed it since the If-Match or body version) or a conflicting state.
    /// </summary>
    public static RouteHandlerBuilder ProducesChange<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A deletion: 204 without a body; 404 for a missing or hidden record, 409 for a stale version or a record still in use.</summary>
    public static RouteHandlerBuilder ProducesDeletion(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A file download of <paramref name="contentType"/> (or one of <paramref name="additionalContentTypes"/>); 404 when its record is missing or hidden.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] additionalContentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType, additionalContentTypes).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A stored file (a document's version, a submission's attachment), sent in the type found when it was uploaded.</summary>
    public static RouteHandlerBuilder ProducesStoredFile(this RouteHandlerBuilder builder) =>
        builder.ProducesFile(Pdf, StoredFileTypes);
}

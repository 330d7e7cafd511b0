using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Sharing;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>The body of PUT /documents/{id}/label: the new label and the version it is based on.</summary>
public sealed record LabelChangeRequest(
    string? Level,
    IReadOnlyList<string>? ReleasableTo = null,
    bool? OriginatorOnly = null,
    IReadOnlyList<string>? RecipientAgencies = null,
    IReadOnlyList<string>? RecipientUsers = null,
    IReadOnlyList<string>? Caveats = null,
    DateOnly? EmbargoedUntil = null,
    int? Version = null)
{
    public LabelRequest ToLabel() => new(Level, ReleasableTo, OriginatorOnly, RecipientAgencies, RecipientUsers, Caveats, EmbargoedUntil);
}

public sealed record BreakGlassRequest(string? Reason);

/// <summary>C5 documents over HTTP. Every read goes through the access policy in Core; refusals answer 404 like missing records.</summary>
public static class DocumentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents").AddEndpointFilter(RefreshAuditActor);
        documents.MapGet("/", List).WithName("ListDocuments").WithSummary("Documents the caller may see, searched, filtered, sorted and paged in the database.")
            .ProducesPage<DocumentListItem>();
        documents.MapGet("/export", Export).WithName("ExportDocuments").WithSummary("CSV of the visible documents matching the filter (formula-safe cells).")
            .Produces<Stream>(StatusCodes.Status200OK, ApiResponses.Csv).ProducesValidationProblem();
        documents.MapGet("/{id:guid}", Get).WithName("GetDocument").ProducesRecord<DocumentDto>();
        documents.MapGet("/{id:guid}/versions", Versions).WithName("ListDocumentVersions").ProducesPageOfRecord<DocumentVersionDto>();
        documents.MapGet("/{id:guid}/download", Download).WithName("DownloadDocument").WithSummary("The current version, as an attachment.")
            .ProducesStoredFile().ProducesProblem(StatusCodes.Status409Conflict);
        documents.MapGet("/{id:guid}/versions/{number:int}/download", DownloadVersion).WithName("DownloadDocumentVersion").ProducesStoredFile().ProducesProblem(StatusCodes.Status409Conflict);
        documents.MapPost("/", Upload).WithName("UploadDocument")
            .WithSummary("multipart/form-data: file, title, description, level, releasableTo, originatorOnly, recipientAgencies, recipientUsers, caveats, embargoedUntil, parentType, parentId.")
            .ProducesCreatedUnder<DocumentDto>().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        documents.MapPost("/{id:guid}/versions", AddVersion).WithName("AddDocumentVersion").WithSummary("multipart/form-data: file, version.")
            .ProducesChange<DocumentDto>().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        documents.MapPut("/{id:guid}/label", ChangeLabel).WithName("ChangeDocumentLabel").ProducesChange<DocumentDto>();
        documents.MapDelete("/{id:guid}", Delete).WithName("DeleteDocument").WithSummary("Soft delete: the document stays restorable.").ProducesDeletion();
        documents.MapPost("/{id:guid}/restore", Restore).WithName("RestoreDocument").ProducesChange<DocumentDto>();
        documents.MapPost("/{id:guid}/break-glass", BreakGlass).WithName("BreakGlassReadDocument")
            .WithSummary("Administrators only: read one document outside your access, for a stated reason; audited.")
            .ProducesStoredFile().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Bearer tokens are authenticated by the authorization step, after the audit context was filled
    /// from the (cookie) principal; take the actor again so audit entries name who acted.
    /// </summary>
    private static async ValueTask<object?> RefreshAuditActor(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var audit = http.RequestServices.GetRequiredService<AuditContext>();
        audit.Actor = http.User.ToActor();
        audit.ActorAgencyCode = http.User.FindFirst(TandemClaims.AgencyCode)?.Value ?? "";
        return await next(context);
    }

    public static DocumentOptions Options(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions();
        return options.MaxBytes > 0 ? options : new DocumentOptions();
    }

    private static async Task<IResult> List(TandemDbContext db, TimeProvider clock, HttpContext http, string? search, string? level, string? agency, string? parentType, Guid? parentId,
        string? sort, bool? deleted, int? page, int? pageSize, CancellationToken ct) =>
        (await ListDocuments.Handle(db, http.User.ToActor(), clock, new DocumentFilter(search, level, agency, parentType, parentId, sort, deleted ?? false), page, pageSize, ct)).ToHttp();

    private static async Task<IResult> Export(TandemDbContext db, TimeProvider clock, HttpContext http, string? search, string? level, string? agency, string? parentType, Guid? parentId,
        string? sort, CancellationToken ct)
    {
        var result = await ListDocuments.Export(db, http.User.ToActor(), clock, new DocumentFilter(search, level, agency, parentType, parentId, sort), ct);
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        http.Response.Headers["X-Tandem-Label"] = result.Value.Marking;
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(result.Value.Csv)).ToArray();
        return AsAttachment(http, TypedResults.File(bytes, "text/csv; charset=utf-8", "documents.csv"));
    }

    private static async Task<IResult> Get(Guid id, TandemDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var result = await GetDocument.Handle(db, http.User.ToActor(), clock, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Versions(Guid id, TandemDbContext db, TimeProvider clock, HttpContext http, int? page, int? pageSize, CancellationToken ct)
    {
        var versions = await GetDocument.Versions(db, http.User.ToActor(), clock, id, ct);
        return versions.Succeeded ? ApiSupport.PageOf(versions.Value, page, pageSize) : versions.Error!.ToProblem();
    }

    private static Task<IResult> Download(Guid id, TandemDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        SendFile(DownloadDocument.Handle(db, http.User.ToActor(), clock, id, null, ct), http);

    private static Task<IResult> DownloadVersion(Guid id, int number, TandemDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        SendFile(DownloadDocument.Handle(db, http.User.ToActor(), clock, id, number, ct), http);

    private static async Task<IResult> BreakGlass(Guid id, BreakGlassRequest request, TandemDbContext db, HttpContext http, CancellationToken ct) =>
        await SendFile(BreakGlassRead.Handle(db, http.User.ToActor(), id, request?.Reason, ct), http);

    private static async Task<IResult> SendFile(Task<Result<DocumentFile>> read, HttpContext http)
    {
        var result = await read;
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        var file = result.Value;
        http.Response.Headers["X-Tandem-Label"] = file.Marking;
        http.Response.Headers["X-Tandem-Sha256"] = file.Sha256;
        return AsAttachment(http, TypedResults.File(file.Bytes, file.ContentType, ContentSniffer.DownloadName(file.FileName)));
    }

    /// <summary>SECURITY.md rows 10–11: files are always attachments, never sniffed, never cached.</summary>
    private static IResult AsAttachment(HttpContext http, IResult result)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return result;
    }

    private static async Task<IResult> Upload(HttpRequest request, TandemDbContext db, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var options = Options(configuration);
        var form = await ReadForm(request, options, ct);
        if (form.Problem is not null)
        {
            return form.Problem;
        }

        var (input, validation) = DocumentForm.Read(form.Form!, form.File);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var result = await UploadDocument.Handle(db, request.HttpContext.User.ToActor(), clock, options, input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/documents/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> AddVersion(Guid id, HttpRequest request, TandemDbContext db, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var options = Options(configuration);
        var form = await ReadForm(request, options, ct);
        if (form.Problem is not null)
        {
            return form.Problem;
        }

        var validation = new Validation();
        var version = DocumentForm.Number(form.Form!, "version", validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var result = await AddDocumentVersion.Handle(db, request.HttpContext.User.ToActor(), clock, options, id, form.File, ApiSupport.ExpectedVersion(request.HttpContext, version), ct);
        return result.ToHttp(request.HttpContext, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ChangeLabel(Guid id, LabelChangeRequest body, TandemDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var result = await ChangeDocumentLabel.Handle(db, http.User.ToActor(), clock, id, body.ToLabel(), ApiSupport.ExpectedVersion(http, body.Version), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Delete(Guid id, int? version, TandemDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var result = await DeleteDocument.Handle(db, http.User.ToActor(), clock, id, ApiSupport.ExpectedVersion(http, version), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    private static async Task<IResult> Restore(Guid id, TandemDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        (await RestoreDocument.Handle(db, http.User.ToActor(), clock, id, ct)).ToHttp();

    private sealed record UploadForm(IFormCollection? Form, FileUpload? File, IResult? Problem);

    /// <summary>Reads a multipart body with the configured size limit: too large is 413, not multipart is 400.</summary>
    private static async Task<UploadForm> ReadForm(HttpRequest request, DocumentOptions options, CancellationToken ct)
    {
        var slack = 1024 * 1024;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBytes + slack;
        }

        if (request.ContentLength > options.MaxBytes + slack)
        {
            return new UploadForm(null, null, TooLarge(options));
        }

        if (!request.HasFormContentType)
        {
            return new UploadForm(null, null, Error.Invalid("file", "The body must be multipart/form-data with a field named file.").ToProblem());
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            return new UploadForm(null, null, Error.Invalid("file", "The multipart body could not be read: " + e.Message).ToProblem());
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return new UploadForm(form, null, null);
        }

        if (file.Length > options.MaxBytes)
        {
            return new UploadForm(null, null, TooLarge(options));
        }

        return new UploadForm(form, await DocumentForm.ReadFile(file, ct), null);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(DocumentOptions options) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
            detail: $"file is larger than the limit of {options.MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes.");
}

/// <summary>Reads document and label fields from a form post (the API's multipart body and the pages' forms alike).</summary>
public static class DocumentForm
{
    public static (UploadDocumentInput Input, Validation Validation) Read(IFormCollection form, FileUpload? file)
    {
        ArgumentNullException.ThrowIfNull(form);
        var validation = new Validation();
        var label = ReadLabel(form, validation);
        Guid? parentId = null;
        if (!string.IsNullOrWhiteSpace(form["parentId"]))
        {
            if (Guid.TryParse(form["parentId"], CultureInfo.InvariantCulture, out var g))
            {
                parentId = g;
            }
            else
            {
                validation.Add("parentId", "parentId must be a record id (a GUID).");
            }
        }

        var parentType = string.IsNullOrWhiteSpace(form["parentType"]) ? null : form["parentType"].ToString().Trim();
        return (new UploadDocumentInput(form["title"], form["description"], label, file, parentType, parentId), validation);
    }

    public static LabelRequest ReadLabel(IFormCollection form, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(validation);
        DateOnly? embargo = null;
        var embargoText = form["embargoedUntil"].ToString().Trim();
        if (embargoText.Length > 0)
        {
            if (DateOnly.TryParseExact(embargoText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                embargo = d;
            }
            else
            {
                validation.Add("embargoedUntil", "embargoedUntil must be a date written yyyy-MM-dd.");
            }
        }

        var originatorOnly = form["originatorOnly"].ToString().Trim().ToLowerInvariant() switch
        {
            "" or "false" or "off" or "0" => false,
            "true" or "on" or "1" => true,
            _ => Invalid(validation, "originatorOnly", "originatorOnly must be true or false."),
        };
        return new LabelRequest(form["level"], List(form, "releasableTo"), originatorOnly, List(form, "recipientAgencies"), List(form, "recipientUsers"), List(form, "caveats"), embargo);
    }

    public static int? Number(IFormCollection form, string field, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(validation);
        var text = form[field].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        validation.Add(field, $"{field} must be a whole number.");
        return null;
    }

    public static async Task<FileUpload> ReadFile(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await file.CopyToAsync(buffer, ct);
        return new FileUpload(file.FileName, buffer.ToArray());
    }

    private static List<string> List(IFormCollection form, string field) =>
        form[field].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();

    private static bool Invalid(Validation validation, string field, string message)
    {
        validation.Add(field, message);
        return false;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Tandem.Core.Common;
using Tandem.Core.Consultation;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>An answer as JSON: <c>value</c> may be a string or a number; it is parsed by the question's kind.</summary>
public sealed record AnswerBody(Guid? QuestionId, JsonElement? Value, bool? Cbi);

public sealed record SubmissionBody(IReadOnlyList<AnswerBody>? Answers, IReadOnlyList<string>? CbiParties, bool? Submit, int? Version);

public sealed record VersionBody(int? Version);

/// <summary>C9 over HTTP: organisations, calls for input, submissions, triage, aggregates, summaries and exports.</summary>
public static class ConsultationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/consultation").WithTags("Consultation").AddEndpointFilter(RefreshAuditActor);

        group.MapGet("/calls", ListCalls).WithName("ListConsultationCalls").WithSummary("Calls for input the reader may see, newest first.")
            .ProducesPage<CallSummaryDto>();
        group.MapGet("/calls/{id:guid}", GetCall).WithName("GetConsultationCall")
            .WithSummary("A call with its questions, its times in every party's capital, and the reader's own submission.")
            .ProducesRecord<CallDto>();
        group.MapPost("/calls", CreateCall).WithName("CreateConsultationCall").WithSummary("Creates a draft call (secretariat).")
            .ProducesCreatedUnder<CallDto>();
        group.MapPut("/calls/{id:guid}", UpdateCall).WithName("UpdateConsultationCall").ProducesChange<CallDto>();
        group.MapPost("/calls/{id:guid}/open", OpenCall).WithName("OpenConsultationCall").ProducesChange<CallDto>();
        group.MapPost("/calls/{id:guid}/close", CloseCall).WithName("CloseConsultationCall").ProducesChange<CallDto>();
        group.MapGet("/calls/{id:guid}/submissions", ListSubmissions).WithName("ListConsultationSubmissions")
            .WithSummary("Sent submissions the reader may see; a contributor sees only their organisation's.")
            .ProducesPageOfRecord<SubmissionListItemDto>();
        group.MapPut("/calls/{id:guid}/submission", SaveSubmissionEndpoint).WithName("SaveConsultationSubmission")
            .WithSummary("The contributor's organisation saves a draft, sends it (submit: true) or amends it while the call accepts input.")
            .ProducesChange<SubmissionDto>();
        group.MapPost("/calls/{id:guid}/submission/attachments", AddAttachment).WithName("AddConsultationAttachment")
            .WithSummary("multipart/form-data: file, questionId (a file question, or none), cbi (true/false), version. Stored as a document of the submission.")
            .ProducesChange<SubmissionDto>().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/calls/{id:guid}/submission/attachments/{attachmentId:guid}", RemoveAttachment).WithName("RemoveConsultationAttachment").ProducesChange<SubmissionDto>();
        group.MapGet("/calls/{id:guid}/aggregates", Aggregates).WithName("GetConsultationAggregates")
            .WithSummary("Per-question counts, distributions and numeric summaries over the answers the reader may see (secretariat).")
            .ProducesRecord<CallAggregateDto>();
        group.MapGet("/calls/{id:guid}/export", Export).WithName("ExportConsultationSubmissions")
            .WithSummary("CSV or XLSX of the submissions, CBI parts only where the reader may see them (secretariat; audited).")
            .ProducesFile(ApiResponses.Csv, ApiResponses.Xlsx).ProducesValidationProblem();
        group.MapPost("/calls/{id:guid}/summary", Summarise).WithName("PublishConsultationSummary")
            .WithSummary("Publishes \"what we heard, what we did\" and notifies the contributors who sent input.")
            .ProducesChange<CallDto>();

        group.MapGet("/submissions/{id:guid}", GetSubmission).WithName("GetConsultationSubmission")
            .WithSummary("A submission with only the parts the reader may see.")
            .ProducesRecord<SubmissionDto>();
        group.MapGet("/submissions/{id:guid}/receipt", GetReceipt).WithName("GetConsultationReceipt").ProducesRecord<ReceiptDto>().ProducesValidationProblem();
        group.MapGet("/submissions/{id:guid}/attachments/{attachmentId:guid}", DownloadAttachment).WithName("DownloadConsultationAttachment")
            .WithSummary("One attachment, as a file, if the reader may see that part.")
            .ProducesStoredFile();
        group.MapPut("/submissions/{id:guid}/triage", Triage).WithName("TriageConsultationSubmission")
            .WithSummary("Tags, links to commitments or agenda items, and the reviewed flag (secretariat).")
            .ProducesChange<SubmissionDto>();

        group.MapGet("/organisations", ListOrganisations).WithName("ListConsultationOrganisations").ProducesPage<OrganisationDto>();
        group.MapGet("/organisations/{id:guid}", GetOrganisation).WithName("GetConsultationOrganisation").ProducesRecord<OrganisationDto>();
        group.MapPost("/organisations", RegisterBySecretariat).WithName("RegisterConsultationOrganisation")
            .WithSummary("The secretariat registers an organisation (approved at once).")
            .ProducesCreated<OrganisationDto>();
        group.MapPost("/organisations/registrations", SelfRegister).WithName("SelfRegisterConsultationOrganisation").AllowAnonymous()
            .WithSummary("Anyone may ask to register an organisation; the secretariat approves it.")
            .Produces<RegistrationReceiptDto>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/organisations/{id:guid}/decision", Decide).WithName("DecideConsultationOrganisation").ProducesChange<OrganisationDto>();
    }

    private static async Task<IResult> ListCalls(TandemDbContext db, HttpContext http, TimeProvider clock, Guid? trackId, CallState? state, int? page, int? pageSize, CancellationToken ct) =>
        (await CallQueries.List(db, http.User.ToActor(), clock, trackId, state, page, pageSize, ct)).ToHttp();

    private static async Task<IResult> GetCall(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await CallQueries.Get(db, http.User.ToActor(), clock, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CreateCall(CallInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await SaveCall.Create(db, http.User.ToActor(), clock, input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/consultation/calls/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateCall(Guid id, CallInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await SaveCall.Update(db, http.User.ToActor(), clock, id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> OpenCall(Guid id, VersionBody? body, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await ChangeCallState.Open(db, http.User.ToActor(), clock, id, ApiSupport.ExpectedVersion(http, body?.Version), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CloseCall(Guid id, VersionBody? body, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await ChangeCallState.Close(db, http.User.ToActor(), clock, id, ApiSupport.ExpectedVersion(http, body?.Version), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ListSubmissions(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, bool? reviewed, TagKind? tagKind, string? tag,
        int? page, int? pageSize, CancellationToken ct) =>
        (await SubmissionQueries.ListForCall(db, http.User.ToActor(), clock, id, reviewed, tagKind, tag, page, pageSize, ct)).ToHttp();

    private static async Task<IResult> SaveSubmissionEndpoint(Guid id, SubmissionBody body, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var answers = new List<AnswerInput>();
        var validation = new Validation();
        var given = body.Answers;
        for (var i = 0; given is not null && i < given.Count; i++)
        {
            var answer = given[i];
            if (answer is null)
            {
                validation.Add($"answers[{i}]", $"answers[{i}] is empty.");
                continue;
            }

            string? value = null;
            switch (answer.Value?.ValueKind)
            {
                case null or JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                case JsonValueKind.String:
                    value = answer.Value.Value.GetString();
                    break;
                case JsonValueKind.Number:
                    value = answer.Value.Value.GetRawText();
                    break;
                default:
                    validation.Add($"answers[{i}].value", $"answers[{i}].value must be a string or a number.");
                    break;
            }

            answers.Add(new AnswerInput(answer.QuestionId, value, answer.Cbi ?? false));
        }

        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var input = new SubmissionInput(given is null ? null : answers, body.CbiParties, body.Submit ?? false, ApiSupport.ExpectedVersion(http, body.Version));
        var result = await SaveSubmission.Handle(db, http.User.ToActor(), clock, id, input, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> AddAttachment(Guid id, HttpRequest request, TandemDbContext db, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var options = DocumentsApi.Options(configuration);
        var slack = 1024 * 1024;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBytes + slack;
        }

        if (request.ContentLength > options.MaxBytes + slack)
        {
            return TooLarge(options);
        }

        if (!request.HasFormContentType)
        {
            return Error.Invalid("file", "The body must be multipart/form-data with a field named file.").ToProblem();
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            return Error.Invalid("file", "The multipart body could not be read: " + e.Message).ToProblem();
        }

        var file = form.Files.GetFile("file");
        if (file is not null && file.Length > options.MaxBytes)
        {
            return TooLarge(options);
        }

        var validation = new Validation();
        Guid? questionId = null;
        if (!string.IsNullOrWhiteSpace(form["questionId"]))
        {
            if (Guid.TryParse(form["questionId"], out var parsed))
            {
                questionId = parsed;
            }
            else
            {
                validation.Add("questionId", "questionId must be a question id.");
            }
        }

        var cbi = false;
        if (!string.IsNullOrWhiteSpace(form["cbi"]) && !bool.TryParse(form["cbi"], out cbi))
        {
            validation.Add("cbi", "cbi must be true or false.");
        }

        var version = DocumentForm.Number(form, "version", validation);
        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var upload = file is null ? null : await DocumentForm.ReadFile(file, ct);
        var result = await SubmissionAttachments.Add(db, request.HttpContext.User.ToActor(), clock, options, id,
            new AttachmentInput(questionId, cbi, upload, ApiSupport.ExpectedVersion(request.HttpContext, version)), ct);
        return result.ToHttp(request.HttpContext, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> RemoveAttachment(Guid id, Guid attachmentId, int? version, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await SubmissionAttachments.Remove(db, http.User.ToActor(), clock, id, attachmentId, ApiSupport.ExpectedVersion(http, version), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> DownloadAttachment(Guid id, Guid attachmentId, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await SubmissionAttachments.Download(db, http.User.ToActor(), clock, id, attachmentId, ct);
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        var file = result.Value;
        http.Response.Headers["X-Tandem-Label"] = file.Marking;
        http.Response.Headers["X-Tandem-Sha256"] = file.Sha256;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file.Bytes, file.ContentType, ContentSniffer.DownloadName(file.FileName));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(DocumentOptions options) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large",
            detail: $"file is larger than the limit of {options.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes.");

    /// <summary>Bearer callers are authenticated after the audit context was first filled; name them in audit entries.</summary>
    private static async ValueTask<object?> RefreshAuditActor(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var audit = http.RequestServices.GetRequiredService<Tandem.Core.Audit.AuditContext>();
        audit.Actor = http.User.ToActor();
        audit.ActorAgencyCode = http.User.FindFirst(TandemClaims.AgencyCode)?.Value ?? "";
        return await next(context);
    }

    private static async Task<IResult> Aggregates(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        (await AggregateAnswers.Handle(db, http.User.ToActor(), clock, id, ct)).ToHttp();

    private static async Task<IResult> Export(Guid id, string? format, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var parsed = ExportSubmissions.ParseFormat(format ?? "csv");
        if (!parsed.Succeeded)
        {
            return parsed.Error!.ToProblem();
        }

        var result = await ExportSubmissions.Handle(db, http.User.ToActor(), clock, id, parsed.Value, ct);
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        http.Response.Headers["X-Tandem-Marking"] = result.Value.Marking;
        return TypedResults.File(result.Value.Content, result.Value.ContentType, result.Value.FileName);
    }

    private static async Task<IResult> Summarise(Guid id, SummaryInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await PublishSummary.Handle(db, http.User.ToActor(), clock, id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> GetSubmission(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await SubmissionQueries.Get(db, http.User.ToActor(), clock, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> GetReceipt(Guid id, int? revision, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        (await SubmissionQueries.Receipt(db, http.User.ToActor(), clock, id, revision, ct)).ToHttp();

    private static async Task<IResult> Triage(Guid id, TriageInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await TriageSubmission.Handle(db, http.User.ToActor(), clock, id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ListOrganisations(TandemDbContext db, HttpContext http, OrganisationStatus? status, string? search, int? page, int? pageSize, CancellationToken ct) =>
        (await OrganisationQueries.List(db, http.User.ToActor(), status, search, page, pageSize, ct)).ToHttp();

    private static async Task<IResult> GetOrganisation(Guid id, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await OrganisationQueries.Get(db, http.User.ToActor(), id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> RegisterBySecretariat(OrganisationInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await RegisterOrganisation.BySecretariat(db, http.User.ToActor(), input, clock.GetUtcNow().UtcDateTime, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/consultation/organisations/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> SelfRegister(OrganisationInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await RegisterOrganisation.SelfRegister(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Accepted((string?)null, result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Decide(Guid id, OrganisationDecisionInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await DecideOrganisation.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) },
            clock.GetUtcNow().UtcDateTime, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }
}

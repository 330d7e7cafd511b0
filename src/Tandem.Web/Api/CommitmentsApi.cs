using Tandem.Core.Commitments;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>C3 over HTTP: commitments, responsibilities, milestones with the weighted roll-up, progress reports and history.</summary>
public static class CommitmentsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var commitments = api.MapGroup("/commitments").WithTags("Commitments");
        commitments.MapGet("/", List).WithName("ListCommitments")
            .WithSummary("Commitments of the caller's forums: filter by forum, track, status, overdue, party, agency, meeting or text; sort by code, due, progress, status or made; paged.")
            .ProducesPage<CommitmentListItemDto>();
        commitments.MapGet("/{id:guid}", Get).WithName("GetCommitment")
            .WithSummary("A commitment with its source, responsibilities, milestones (weights and roll-up rule), the progress reports the caller may see and its history.")
            .ProducesRecord<CommitmentDetailDto>();
        commitments.MapPost("/", Create).WithName("CreateCommitment").ProducesCreatedUnder<CommitmentListItemDto>();
        commitments.MapPut("/{id:guid}", Update).WithName("UpdateCommitment").ProducesChange<CommitmentListItemDto>();
        commitments.MapPut("/{id:guid}/milestones", SetMilestoneList).WithName("SetCommitmentMilestones")
            .WithSummary("Replaces the milestones; progress = Σ weight × progress ÷ Σ weight, a milestone without a value counting as 0.")
            .ProducesChange<CommitmentDetailDto>();
        commitments.MapGet("/{id:guid}/progress-reports", Reports).WithName("ListProgressReports").ProducesPageOfRecord<ProgressReportDto>();
        commitments.MapPost("/{id:guid}/progress-reports", FileReport).WithName("FileProgressReport")
            .WithSummary("A responsible agency reports progress (dated narrative, percent, evidence links) under a label.")
            .ProducesCreatedUnder<ProgressReportDto>();
        commitments.MapPost("/{id:guid}/progress-requests", RequestReport).WithName("RequestProgressReport")
            .WithSummary("The secretariat asks the responsible agencies for a progress report; everyone of them who may see the commitment is notified.")
            .Produces<ProgressRequestDto>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        commitments.MapGet("/{id:guid}/history", History).WithName("GetCommitmentHistory").WithSummary("Every change, from the audit log.")
            .ProducesPageOfRecord<HistoryEntryDto>();
    }

    private static async Task<IResult> List(TandemDbContext db, HttpContext http, TimeProvider clock, Guid? forumId, string? track, CommitmentStatus? status, bool? overdue,
        string? party, string? agency, string? search, Guid? meetingId, string? sort, int? page, int? pageSize, CancellationToken ct)
    {
        if (search is { Length: > 200 })
        {
            return Error.Invalid("search", "search must be at most 200 characters.").ToProblem();
        }

        var filter = new CommitmentFilter(forumId, track, status, overdue, party, agency, search, meetingId, sort);
        return (await CommitmentQueries.Page(db, http.User.ToActor(), filter, MeetingsApi.Today(clock), page, pageSize, ct)).ToHttp();
    }

    private static async Task<IResult> Get(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await CommitmentQueries.Get(db, http.User.ToActor(), id, MeetingsApi.Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Commitment.Version : null);
    }

    private static async Task<IResult> Create(CommitmentInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await CreateCommitment.Handle(db, http.User.ToActor(), input, MeetingsApi.Today(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/commitments/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Update(Guid id, CommitmentInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await UpdateCommitment.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, MeetingsApi.Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> SetMilestoneList(Guid id, MilestonesInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await SetMilestones.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, MeetingsApi.Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Commitment.Version : null);
    }

    private static async Task<IResult> Reports(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, int? page, int? pageSize, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var today = MeetingsApi.Today(clock);
        if (await CommitmentQueries.Find(db, actor, id, today, ct) is null)
        {
            return Error.NotFound("Commitment").ToProblem();
        }

        return ApiSupport.PageOf(await CommitmentQueries.ListReports(db, actor, id, today, ct), page, pageSize);
    }

    private static async Task<IResult> FileReport(Guid id, ProgressReportInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await FileProgressReport.Handle(db, http.User.ToActor(), id, input, MeetingsApi.Today(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/commitments/{id}/progress-reports", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> RequestReport(Guid id, ProgressRequestInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await RequestProgressReport.Handle(db, http.User.ToActor(), id, input, MeetingsApi.Today(clock), clock.GetUtcNow().UtcDateTime, ct);
        return result.Succeeded ? TypedResults.Accepted($"/api/v1/commitments/{id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> History(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, int? page, int? pageSize, CancellationToken ct)
    {
        if (await CommitmentQueries.Find(db, http.User.ToActor(), id, MeetingsApi.Today(clock), ct) is null)
        {
            return Error.NotFound("Commitment").ToProblem();
        }

        return ApiSupport.PageOf(await CommitmentQueries.History(db, id, ct), page, pageSize);
    }
}

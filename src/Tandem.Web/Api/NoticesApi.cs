using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notices;
using Tandem.Web.Exposure;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>C8 over HTTP: disruption notices with their meeting clock and exposure, and economic-coercion incidents.</summary>
public static class NoticesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/notices").WithTags("Notices");
        notices.MapGet("/", List).WithName("ListNotices").WithSummary("Notices the caller may see, newest first, with their deadlines.")
            .ProducesPage<NoticeSummaryDto>();
        notices.MapGet("/due", Due).WithName("ListDueNotices").WithSummary("Notices waiting for an emergency meeting, nearest deadline first; overdue ones flagged.")
            .ProducesPage<NoticeSummaryDto>();
        notices.MapGet("/{id:guid}", Get).WithName("GetNotice").ProducesRecord<NoticeDto>();
        notices.MapPost("/", Submit).WithName("SubmitNotice").WithSummary("Submits a notice: starts the emergency-meeting clock and computes the parties' exposure.")
            .ProducesCreatedUnder<NoticeDto>();
        notices.MapPut("/{id:guid}", Update).WithName("UpdateNotice").ProducesChange<NoticeDto>();
        notices.MapPost("/{id:guid}/acknowledge", Acknowledge).WithName("AcknowledgeNotice").ProducesChange<NoticeDto>();
        notices.MapPost("/{id:guid}/schedule", Schedule).WithName("ScheduleEmergencyMeeting").ProducesChange<NoticeDto>();
        notices.MapPost("/{id:guid}/held", Held).WithName("RecordEmergencyMeetingHeld").ProducesChange<NoticeDto>();
        notices.MapPost("/{id:guid}/close", Close).WithName("CloseNotice").ProducesChange<NoticeDto>();
        notices.MapPost("/{id:guid}/exposure", ComputeExposure).WithName("ComputeNoticeExposure").WithSummary("Computes the exposure again from the trade store.")
            .ProducesChange<NoticeDto>();

        var coercion = api.MapGroup("/coercion-incidents").WithTags("Coercion incidents");
        coercion.MapGet("/", ListIncidents).WithName("ListCoercionIncidents").ProducesPage<CoercionSummaryDto>();
        coercion.MapGet("/{id:guid}", GetIncident).WithName("GetCoercionIncident").ProducesRecord<CoercionDto>();
        coercion.MapPost("/", ReportIncident).WithName("ReportCoercionIncident").ProducesCreatedUnder<CoercionDto>();
        coercion.MapPut("/{id:guid}", UpdateIncident).WithName("UpdateCoercionIncident").ProducesChange<CoercionDto>();
        coercion.MapPost("/{id:guid}/phases", RecordPhase).WithName("RecordCoercionPhase").WithSummary("Adds notes to the current phase or moves to the next one.")
            .ProducesChange<CoercionDto>();
    }

    private static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    private static async Task<IResult> List(TandemDbContext db, HttpContext http, TimeProvider clock, NoticeState? state, bool? overdue, Guid? forumId, string? search,
        int? page, int? pageSize, CancellationToken ct) =>
        (await NoticeUseCases.List(db, http.User.ToActor(), new NoticeFilter(state, overdue, forumId, search), page, pageSize, ProgrammesApi.Today(clock), ct)).ToHttp();

    private static async Task<IResult> Due(TandemDbContext db, HttpContext http, TimeProvider clock, DateOnly? asOf, bool? overdueOnly, int? page, int? pageSize, CancellationToken ct) =>
        ApiSupport.PageOf(await NoticeUseCases.Due(db, http.User.ToActor(), asOf ?? ProgrammesApi.Today(clock), overdueOnly ?? false, ct), page, pageSize);

    private static async Task<IResult> Get(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await NoticeUseCases.Get(db, http.User.ToActor(), id, ProgrammesApi.Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Submit(NoticeInput input, TandemDbContext db, HttpContext http, TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var result = await NoticeUseCases.Submit(db, actor, input, TradeProductCatalog.Instance, Now(clock), ct);
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        await ActivatorUtilities.CreateInstance<NoticeExposureService>(services).ComputeAndRecord(db, actor, result.Value.Id, ct);
        var notice = await NoticeUseCases.Get(db, actor, result.Value.Id, ProgrammesApi.Today(clock), ct, audit: false);
        return TypedResults.Created($"/api/v1/notices/{result.Value.Id}", notice.Value);
    }

    private static async Task<IResult> Update(Guid id, NoticeInput input, TandemDbContext db, HttpContext http, TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var result = await NoticeUseCases.Update(db, actor, id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) },
            TradeProductCatalog.Instance, Now(clock), ct);
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        // The products or the source may have changed: the exposure on the notice must describe the notice as it now reads.
        await ActivatorUtilities.CreateInstance<NoticeExposureService>(services).ComputeAndRecord(db, actor, id, ct);
        var notice = await NoticeUseCases.Get(db, actor, id, ProgrammesApi.Today(clock), ct, audit: false);
        return notice.ToHttp(http, notice.Succeeded ? notice.Value.Version : null);
    }

    private static async Task<IResult> Acknowledge(Guid id, VersionInput? input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await NoticeUseCases.Acknowledge(db, http.User.ToActor(), id, ApiSupport.ExpectedVersion(http, input?.Version), Now(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Schedule(Guid id, ScheduleMeetingInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await NoticeUseCases.ScheduleMeeting(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, Now(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Held(Guid id, RecordHeldInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await NoticeUseCases.RecordHeld(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, Now(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Close(Guid id, CloseNoticeInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await NoticeUseCases.Close(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, Now(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ComputeExposure(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var computed = await ActivatorUtilities.CreateInstance<NoticeExposureService>(services).ComputeAndRecord(db, actor, id, ct);
        if (!computed.Succeeded)
        {
            return computed.Error!.ToProblem();
        }

        var result = await NoticeUseCases.Get(db, actor, id, ProgrammesApi.Today(clock), ct, audit: false);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ListIncidents(TandemDbContext db, HttpContext http, TimeProvider clock, CoercionPhase? phase, int? page, int? pageSize, CancellationToken ct) =>
        (await CoercionUseCases.List(db, http.User.ToActor(), phase, page, pageSize, ProgrammesApi.Today(clock), ct)).ToHttp();

    private static async Task<IResult> GetIncident(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await CoercionUseCases.Get(db, http.User.ToActor(), id, ProgrammesApi.Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ReportIncident(CoercionInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await CoercionUseCases.Report(db, http.User.ToActor(), input, TradeProductCatalog.Instance, Now(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/coercion-incidents/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateIncident(Guid id, CoercionInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await CoercionUseCases.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) },
            TradeProductCatalog.Instance, Now(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> RecordPhase(Guid id, CoercionPhaseInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await CoercionUseCases.RecordPhase(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, Now(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }
}

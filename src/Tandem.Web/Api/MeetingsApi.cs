using System.Text;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>C2 over HTTP: meetings, their lifecycle, agenda, attendance, outcomes, papers and iCalendar.</summary>
public static class MeetingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/meetings").WithTags("Meetings");
        meetings.MapGet("/", List).WithName("ListMeetings").WithSummary("Meetings of the caller's forums, filtered and paged.").ProducesPage<MeetingDto>();
        meetings.MapGet("/feed.ics", Feed).WithName("MeetingsFeed").WithSummary("iCalendar feed of every meeting the caller may see (drafts excluded).")
            .Produces<string>(200, ApiResponses.Calendar);
        meetings.MapGet("/{id:guid}.ics", Calendar).WithName("MeetingCalendar").WithSummary("One meeting as iCalendar.").Produces<string>(200, ApiResponses.Calendar)
            .ProducesProblem(StatusCodes.Status404NotFound);
        meetings.MapGet("/{id:guid}", Get).WithName("GetMeeting").WithSummary("A meeting with agenda, attendance, outcomes, the papers the caller may see, and times in each zone.")
            .ProducesRecord<MeetingDetailDto>();
        meetings.MapPost("/", Create).WithName("CreateMeeting").WithSummary("Creates a draft meeting.").ProducesCreatedUnder<MeetingDto>();
        meetings.MapPut("/{id:guid}", Update).WithName("UpdateMeeting").ProducesChange<MeetingDto>();
        meetings.MapPost("/{id:guid}/status", ChangeStatus).WithName("ChangeMeetingStatus")
            .WithSummary("Draft → Scheduled → Held → Concluded, or Cancelled; reopening a concluded meeting (→ Held) needs a reason.")
            .ProducesChange<MeetingDto>();
        meetings.MapPut("/{id:guid}/agenda", SetAgendaItems).WithName("SetMeetingAgenda").WithSummary("Replaces the ordered agenda; items keep their ids when sent back.")
            .ProducesChange<MeetingDetailDto>();
        meetings.MapPost("/{id:guid}/agenda", AddAgendaItem).WithName("AddMeetingAgendaItem").ProducesChange<MeetingDetailDto>();
        meetings.MapDelete("/{id:guid}/agenda/{itemId:guid}", RemoveAgendaItem).WithName("RemoveMeetingAgendaItem").ProducesChange<MeetingDetailDto>();
        meetings.MapPut("/{id:guid}/attendance", SetAttendance).WithName("SetMeetingAttendance").ProducesChange<MeetingDetailDto>();
        meetings.MapPost("/{id:guid}/outcomes", AddOutcome).WithName("RecordMeetingOutcome")
            .WithSummary("Records a Decision, Information or Action outcome; an Action creates a commitment linked back to it.")
            .ProducesCreatedUnder<OutcomeDto>();
        meetings.MapGet("/{id:guid}/papers", Papers).WithName("ListMeetingPapers").WithSummary("Minutes, joint statements and other papers the caller may see.")
            .ProducesPageOfRecord<MeetingPaperDto>();
        meetings.MapPost("/{id:guid}/papers", AddPaper).WithName("AddMeetingPaper").ProducesCreatedUnder<MeetingPaperDto>();
    }

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<IResult> List(TandemDbContext db, HttpContext http, Guid? forumId, Tier? tier, MeetingStatus? status, int? year, DateOnly? from, DateOnly? to,
        int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new MeetingFilter(forumId, tier, status, year, from, to);
        if (filter.Check() is { } invalid)
        {
            return invalid.ToProblem();
        }

        return (await ApiSupport.Page(MeetingQueries.List(db, http.User.ToActor(), filter), page, pageSize, ct)).ToHttp();
    }

    private static async Task<IResult> Get(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var result = await MeetingQueries.Get(db, actor, id, await ViewerZone.Of(db, actor, ct), Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Meeting.Version : null);
    }

    private static async Task<IResult> Create(MeetingInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await CreateMeeting.Handle(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/meetings/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Update(Guid id, MeetingInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await UpdateMeeting.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ChangeStatus(Guid id, MeetingStatusInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ChangeMeetingStatus.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> SetAgendaItems(Guid id, AgendaInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var result = await SetAgenda.Handle(db, actor, id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, await ViewerZone.Of(db, actor, ct), Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Meeting.Version : null);
    }

    private static async Task<IResult> AddAgendaItem(Guid id, AddAgendaItemInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var result = await SetAgenda.Add(db, actor, id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, await ViewerZone.Of(db, actor, ct), Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Meeting.Version : null);
    }

    private static async Task<IResult> RemoveAgendaItem(Guid id, Guid itemId, int? version, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var result = await SetAgenda.Remove(db, actor, id, itemId, ApiSupport.ExpectedVersion(http, version), await ViewerZone.Of(db, actor, ct), Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Meeting.Version : null);
    }

    private static async Task<IResult> SetAttendance(Guid id, AttendanceInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var result = await RecordAttendance.Handle(db, actor, id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, await ViewerZone.Of(db, actor, ct), Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Meeting.Version : null);
    }

    private static async Task<IResult> AddOutcome(Guid id, OutcomeInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await RecordOutcome.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/meetings/{id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Papers(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, int? page, int? pageSize, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (await MeetingQueries.Find(db, actor, id, ct) is null)
        {
            return Error.NotFound("Meeting").ToProblem();
        }

        return ApiSupport.PageOf(await MeetingQueries.ListPapers(db, actor, id, Today(clock), ct), page, pageSize);
    }

    private static async Task<IResult> AddPaper(Guid id, MeetingPaperInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await AddMeetingPaper.Handle(db, http.User.ToActor(), id, input, Today(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/meetings/{id}/papers", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Calendar(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await MeetingQueries.Find(db, http.User.ToActor(), id, ct);
        if (meeting is null)
        {
            return Error.NotFound("Meeting").ToProblem();
        }

        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var capitals = await CalendarFeeds.Capitals(db, [meeting.ForumId], ct);
        var ics = MeetingCalendar.Write([meeting], meeting.Title(culture), clock.GetUtcNow().UtcDateTime, m => Link(http, m), culture, capitals);
        await db.AuditReadAsync(AuditAction.Download, nameof(Meeting), id.ToString("D"), "", "calendar file", ct);
        return Results.File(Encoding.UTF8.GetBytes(ics), MeetingCalendar.ContentType, $"meeting-{id:N}.ics");
    }

    private static async Task<IResult> Feed(TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var meetings = await MeetingQueries.Feed(db, http.User.ToActor(), ct);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var capitals = await CalendarFeeds.Capitals(db, meetings.Select(m => m.ForumId), ct);
        var name = culture.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? "Tandem 会合" : "Tandem meetings";
        var ics = MeetingCalendar.Write(meetings, name, clock.GetUtcNow().UtcDateTime, m => Link(http, m), culture, capitals);
        return Results.Text(ics, MeetingCalendar.ContentType, Encoding.UTF8);
    }

    private static string Link(HttpContext http, MeetingDto meeting) => $"{http.Request.Scheme}://{http.Request.Host}/meetings/{meeting.Id}";
}

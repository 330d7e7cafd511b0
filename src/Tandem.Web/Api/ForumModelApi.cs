using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>C1 over HTTP: parties, agencies, forums, tracks and participation roles.</summary>
public static class ForumModelApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var parties = api.MapGroup("/parties").WithTags("Parties");
        parties.MapGet("/", ListParties).WithName("ListParties").WithSummary("Parties (countries), paged.").ProducesPage<PartyDto>();
        parties.MapGet("/{id:guid}", GetParty).WithName("GetParty").ProducesRecord<PartyDto>();
        parties.MapPost("/", CreateParty).WithName("CreateParty").ProducesCreated<PartyDto>();
        parties.MapPut("/{id:guid}", UpdateParty).WithName("UpdateParty").ProducesChange<PartyDto>();
        parties.MapDelete("/{id:guid}", DeleteParty).WithName("DeleteParty").WithSummary("Soft-deletes a party without agencies or forums.").ProducesDeletion();

        var agencies = api.MapGroup("/agencies").WithTags("Agencies");
        agencies.MapGet("/", ListAgencies).WithName("ListAgencies").WithSummary("Agencies, filtered by party, kind or text; paged and sorted.").ProducesPage<AgencyDto>();
        agencies.MapGet("/{id:guid}", GetAgency).WithName("GetAgency").WithSummary("An agency with its roles across tracks.").ProducesRecord<AgencyDetailDto>();
        agencies.MapPost("/", CreateAgency).WithName("CreateAgency").ProducesCreated<AgencyDto>();
        agencies.MapPut("/{id:guid}", UpdateAgency).WithName("UpdateAgency").ProducesChange<AgencyDto>();
        agencies.MapDelete("/{id:guid}", DeleteAgency).WithName("DeleteAgency").ProducesDeletion();

        var forums = api.MapGroup("/forums").WithTags("Forums");
        forums.MapGet("/", ListForums).WithName("ListForums").ProducesPage<ForumDto>();
        forums.MapGet("/{id:guid}", GetForum).WithName("GetForum").WithSummary("A forum with its parties and tracks.").ProducesRecord<ForumDetailDto>();
        forums.MapPost("/", CreateForum).WithName("CreateForum").ProducesCreated<ForumDto>();
        forums.MapPut("/{id:guid}", UpdateForum).WithName("UpdateForum").ProducesChange<ForumDto>();
        forums.MapDelete("/{id:guid}", DeleteForum).WithName("DeleteForum").ProducesDeletion();

        var tracks = api.MapGroup("/tracks").WithTags("Tracks");
        tracks.MapGet("/", ListTracks).WithName("ListTracks").ProducesPage<TrackDto>();
        tracks.MapGet("/{id:guid}", GetTrack).WithName("GetTrack").ProducesRecord<TrackDto>();
        tracks.MapPost("/", CreateTrack).WithName("CreateTrack").ProducesCreatedUnder<TrackDto>();
        tracks.MapPut("/{id:guid}", UpdateTrack).WithName("UpdateTrack").ProducesChange<TrackDto>();
        tracks.MapDelete("/{id:guid}", DeleteTrack).WithName("DeleteTrack").ProducesDeletion();
        tracks.MapPut("/{id:guid}/participations", SetParticipation).WithName("SetTrackParticipation")
            .WithSummary("Gives an agency a role (Lead, Partner, Supporting, Observer) in the track.").ProducesChange<TrackDto>();
        tracks.MapDelete("/{id:guid}/participations/{agencyCode}", RemoveParticipation).WithName("RemoveTrackParticipation").ProducesChange<TrackDto>();
    }

    private static async Task<IResult> ListParties(TandemDbContext db, int? page, int? pageSize, CancellationToken ct) =>
        (await ApiSupport.Page(PartyUseCases.Query(db), page, pageSize, ct)).ToHttp();

    private static async Task<IResult> GetParty(Guid id, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await PartyUseCases.Get(db, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CreateParty(PartyInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await PartyUseCases.Create(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/parties/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateParty(Guid id, PartyInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await PartyUseCases.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> DeleteParty(Guid id, int? version, TandemDbContext db, HttpContext http, CancellationToken ct) =>
        NoContentOr(await PartyUseCases.Delete(db, http.User.ToActor(), id, ApiSupport.ExpectedVersion(http, version), ct));

    private static async Task<IResult> ListAgencies(TandemDbContext db, string? party, AgencyKind? kind, string? search, string? sort, int? page, int? pageSize, CancellationToken ct) =>
        (await ApiSupport.Page(AgencyUseCases.Query(db, new AgencyFilter(party, kind, search, sort)), page, pageSize, ct)).ToHttp();

    private static async Task<IResult> GetAgency(Guid id, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await AgencyUseCases.Get(db, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Agency.Version : null);
    }

    private static async Task<IResult> CreateAgency(AgencyInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await AgencyUseCases.Create(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/agencies/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateAgency(Guid id, AgencyInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await AgencyUseCases.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> DeleteAgency(Guid id, int? version, TandemDbContext db, HttpContext http, CancellationToken ct) =>
        NoContentOr(await AgencyUseCases.Delete(db, http.User.ToActor(), id, ApiSupport.ExpectedVersion(http, version), ct));

    private static async Task<IResult> ListForums(TandemDbContext db, int? page, int? pageSize, CancellationToken ct) =>
        ApiSupport.PageOf(await ForumUseCases.List(db, ct), page, pageSize);

    private static async Task<IResult> GetForum(Guid id, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ForumUseCases.Get(db, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Forum.Version : null);
    }

    private static async Task<IResult> CreateForum(ForumInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ForumUseCases.Create(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/forums/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateForum(Guid id, ForumInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ForumUseCases.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> DeleteForum(Guid id, int? version, TandemDbContext db, HttpContext http, CancellationToken ct) =>
        NoContentOr(await ForumUseCases.Delete(db, http.User.ToActor(), id, ApiSupport.ExpectedVersion(http, version), ct));

    private static async Task<IResult> ListTracks(TandemDbContext db, Guid? forumId, int? page, int? pageSize, CancellationToken ct) =>
        ApiSupport.PageOf(await TrackUseCases.ListForForum(db, forumId, ct), page, pageSize);

    private static async Task<IResult> GetTrack(Guid id, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await TrackUseCases.Get(db, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CreateTrack(TrackInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await TrackUseCases.Create(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/tracks/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateTrack(Guid id, TrackInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await TrackUseCases.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> DeleteTrack(Guid id, int? version, TandemDbContext db, HttpContext http, CancellationToken ct) =>
        NoContentOr(await TrackUseCases.Delete(db, http.User.ToActor(), id, ApiSupport.ExpectedVersion(http, version), ct));

    private static async Task<IResult> SetParticipation(Guid id, ParticipationInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await TrackUseCases.SetParticipation(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> RemoveParticipation(Guid id, string agencyCode, int? version, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await TrackUseCases.RemoveParticipation(db, http.User.ToActor(), id, agencyCode, ApiSupport.ExpectedVersion(http, version), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static IResult NoContentOr(Result<bool> result) => result.Succeeded ? TypedResults.NoContent() : result.Error!.ToProblem();
}

using System.Text;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Programmes;
using Tandem.Core.Sharing;
using Tandem.Web.Components.Pages.Programmes;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>C7 over HTTP: the programme registry, the coordination views, joint projects, the taxonomy and exchange rates.</summary>
public static class ProgrammesApi
{
    /// <summary>CSV uploads larger than this are refused: a registry or a rate table is far smaller.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes").WithTags("Programmes");
        programmes.MapGet("/", List).WithName("ListProgrammes").WithSummary("Programmes the caller may see, filtered and paged.")
            .ProducesPage<ProgrammeSummaryDto>();
        programmes.MapGet("/{id:guid}", Get).WithName("GetProgramme").ProducesRecord<ProgrammeDto>();
        programmes.MapPost("/", Create).WithName("CreateProgramme").ProducesCreatedUnder<ProgrammeDto>();
        programmes.MapPut("/{id:guid}", Update).WithName("UpdateProgramme").WithSummary("Edits a programme; send the version you loaded (409 if it changed).")
            .ProducesChange<ProgrammeDto>();
        programmes.MapDelete("/{id:guid}", Delete).WithName("DeleteProgramme").ProducesDeletion();
        programmes.MapPost("/import", Import).WithName("ImportProgrammes").WithSummary("Registers or updates programmes from CSV (text/csv body); all rows or none.")
            .Produces<ImportReport>().ProducesValidationProblem();
        programmes.MapGet("/matrix", Matrix).WithName("GetProgrammeMatrix").WithSummary("Technology × stage × party totals in one currency, with overlaps and gaps.")
            .Produces<MatrixDto>().ProducesValidationProblem();
        programmes.MapGet("/profile", Profile).WithName("GetProgrammeProfile").WithSummary("Yearly amounts per party in one currency.")
            .Produces<ProfileDto>().ProducesValidationProblem();
        programmes.MapGet("/profile.svg", ProfileSvg).WithName("GetProgrammeProfileChart").WithSummary("The yearly profile as an SVG chart.")
            .Produces<string>(StatusCodes.Status200OK, ApiResponses.Svg).ProducesValidationProblem();
        programmes.MapGet("/compare", Compare).WithName("CompareProgrammes").WithSummary("One technology's programmes side by side per party, in one currency.")
            .Produces<ComparisonDto>().ProducesValidationProblem();
        programmes.MapGet("/technologies", async (TandemDbContext db, int? page, int? pageSize, CancellationToken ct) =>
                ApiSupport.PageOf(await TechnologyUseCases.List(db, ct), page, pageSize))
            .WithName("ListTechnologies").ProducesPage<TechnologyDto>();
        programmes.MapPost("/technologies", CreateTechnology).WithName("CreateTechnology").ProducesCreated<TechnologyDto>();
        programmes.MapPut("/technologies/{id:guid}", UpdateTechnology).WithName("UpdateTechnology").ProducesChange<TechnologyDto>();
        programmes.MapGet("/joint-projects", ListJointProjects).WithName("ListJointProjects").ProducesPage<JointProjectDto>();
        programmes.MapGet("/joint-projects/{id:guid}", GetJointProject).WithName("GetJointProject").ProducesRecord<JointProjectDto>();
        programmes.MapPost("/joint-projects", CreateJointProject).WithName("CreateJointProject").ProducesCreatedUnder<JointProjectDto>();

        var rates = api.MapGroup("/fx-rates").WithTags("Exchange rates");
        rates.MapGet("/", ListRates).WithName("ListExchangeRates").WithSummary("Dated rates: units of a currency per U.S. dollar.")
            .ProducesPage<ExchangeRateDto>();
        rates.MapGet("/{id:guid}", GetRate).WithName("GetExchangeRate").ProducesRecord<ExchangeRateDto>();
        rates.MapPost("/", CreateRate).WithName("CreateExchangeRate").ProducesCreated<ExchangeRateDto>();
        rates.MapPut("/{id:guid}", UpdateRate).WithName("UpdateExchangeRate").ProducesChange<ExchangeRateDto>();
        rates.MapDelete("/{id:guid}", DeleteRate).WithName("DeleteExchangeRate").ProducesDeletion();
        rates.MapPost("/import", ImportRates).WithName("ImportExchangeRates").WithSummary("Adds or updates rates from CSV: date,currency,per_usd[,basis].")
            .Produces<ImportReport>().ProducesValidationProblem();
        rates.MapGet("/convert", Convert).WithName("ConvertAmount").WithSummary("Converts an amount with the rates of one date.")
            .Produces<ConversionDto>().ProducesValidationProblem();
    }

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<IResult> List(TandemDbContext db, HttpContext http, TimeProvider clock, string? party, string? technology, ValueChainStage? stage,
        Instrument? instrument, ProgrammeStatus? status, string? search, int? page, int? pageSize, CancellationToken ct) =>
        (await ProgrammeUseCases.List(db, http.User.ToActor(), new ProgrammeFilter(party, technology, stage, instrument, status, search), page, pageSize, Today(clock), ct)).ToHttp();

    private static async Task<IResult> Get(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await ProgrammeUseCases.Get(db, http.User.ToActor(), id, Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Create(ProgrammeInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await ProgrammeUseCases.Create(db, http.User.ToActor(), input, Today(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/programmes/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Update(Guid id, ProgrammeInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await ProgrammeUseCases.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Delete(Guid id, int? version, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await ProgrammeUseCases.Delete(db, http.User.ToActor(), id, ApiSupport.ExpectedVersion(http, version), Today(clock), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    private static async Task<IResult> Import(HttpRequest request, TandemDbContext db, HttpContext http, TimeProvider clock, Tlp? label, CancellationToken ct)
    {
        var text = await ReadCsv(request, ct);
        if (!text.Succeeded)
        {
            return text.Error!.ToProblem();
        }

        using var reader = new StringReader(text.Value);
        return ReportToHttp(await ImportProgrammes.Handle(db, http.User.ToActor(), reader, label ?? Tlp.Green, Today(clock), ct));
    }

    private static async Task<IResult> Matrix(TandemDbContext db, HttpContext http, TimeProvider clock, string? currency, DateOnly? rateDate, int? fromYear, int? toYear,
        string? technology, CancellationToken ct) =>
        (await ProgrammeCoordination.Matrix(db, http.User.ToActor(), new CoordinationQuery(currency, rateDate, fromYear, toYear, technology), Today(clock), ct)).ToHttp();

    private static async Task<IResult> Profile(TandemDbContext db, HttpContext http, TimeProvider clock, string? currency, DateOnly? rateDate, int? fromYear, int? toYear,
        string? technology, CancellationToken ct) =>
        (await ProgrammeCoordination.Profile(db, http.User.ToActor(), new CoordinationQuery(currency, rateDate, fromYear, toYear, technology), Today(clock), ct)).ToHttp();

    private static async Task<IResult> ProfileSvg(TandemDbContext db, HttpContext http, TimeProvider clock, string? currency, DateOnly? rateDate, int? fromYear, int? toYear,
        string? technology, CancellationToken ct)
    {
        var profile = await ProgrammeCoordination.Profile(db, http.User.ToActor(), new CoordinationQuery(currency, rateDate, fromYear, toYear, technology), Today(clock), ct);
        if (!profile.Succeeded)
        {
            return profile.Error!.ToProblem();
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(ProfileChart.Svg(profile.Value, "Yearly programme amounts"), "image/svg+xml", Encoding.UTF8);
    }

    private static async Task<IResult> Compare(TandemDbContext db, HttpContext http, TimeProvider clock, string? technology, string? currency, DateOnly? rateDate, CancellationToken ct) =>
        (await ProgrammeCoordination.Compare(db, http.User.ToActor(), new CoordinationQuery(currency, rateDate, Technology: technology), Today(clock), ct)).ToHttp();

    private static async Task<IResult> CreateTechnology(TechnologyInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await TechnologyUseCases.Create(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/programmes/technologies/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateTechnology(Guid id, TechnologyInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await TechnologyUseCases.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> ListJointProjects(TandemDbContext db, HttpContext http, TimeProvider clock, int? page, int? pageSize, CancellationToken ct) =>
        ApiSupport.PageOf(await JointProjectUseCases.List(db, http.User.ToActor(), Today(clock), ct), page, pageSize);

    private static async Task<IResult> GetJointProject(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await JointProjectUseCases.Get(db, http.User.ToActor(), id, Today(clock), ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CreateJointProject(JointProjectInput input, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await JointProjectUseCases.Create(db, http.User.ToActor(), input, Today(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/programmes/joint-projects/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> ListRates(TandemDbContext db, string? currency, int? page, int? pageSize, CancellationToken ct) =>
        (await ApiSupport.Page(ExchangeRates.Query(db, currency), page, pageSize, ct)).ToHttp();

    private static async Task<IResult> GetRate(Guid id, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ExchangeRates.Get(db, id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CreateRate(ExchangeRateInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ExchangeRates.Create(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/fx-rates/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateRate(Guid id, ExchangeRateInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ExchangeRates.Update(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> DeleteRate(Guid id, int? version, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ExchangeRates.Delete(db, http.User.ToActor(), id, ApiSupport.ExpectedVersion(http, version), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    private static async Task<IResult> ImportRates(HttpRequest request, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var text = await ReadCsv(request, ct);
        if (!text.Succeeded)
        {
            return text.Error!.ToProblem();
        }

        using var reader = new StringReader(text.Value);
        return ReportToHttp(await ExchangeRates.Import(db, http.User.ToActor(), reader, ct));
    }

    private static async Task<IResult> Convert(TandemDbContext db, decimal? amount, string? from, string? to, DateOnly? date, CancellationToken ct)
    {
        var validation = new Validation();
        if (amount is null)
        {
            validation.Add("amount", "amount is required.");
        }

        foreach (var (field, code) in new[] { ("from", from), ("to", to) })
        {
            if (string.IsNullOrWhiteSpace(code) || !ProgrammeRules.IsCurrency(code.Trim().ToUpperInvariant()))
            {
                validation.Add(field, $"{field} must be an ISO 4217 currency code.");
            }
        }

        if (date is null)
        {
            validation.Add("date", "date is required (yyyy-MM-dd): the rate date.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError().ToProblem();
        }

        var fx = await ExchangeRates.LoadTable(db, ct);
        var result = fx.Convert(amount!.Value, from!.Trim().ToUpperInvariant(), to!.Trim().ToUpperInvariant(), date!.Value, "date");
        return result.Map(v => new ConversionDto(amount.Value, from.Trim().ToUpperInvariant(), v, to.Trim().ToUpperInvariant(), date.Value)).ToHttp();
    }

    private static IResult ReportToHttp(Result<ImportReport> result)
    {
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        return result.Value.Succeeded
            ? TypedResults.Ok(result.Value)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. result.Value.Problems] },
                detail: $"{result.Value.Problems.Count} problem(s) in the file; nothing was imported.", title: "Invalid input");
    }

    internal static async Task<Result<string>> ReadCsv(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxCsvBytes)
        {
            return Error.Invalid("file", $"The file is larger than {MaxCsvBytes / 1024 / 1024} MB.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxCsvBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read > MaxCsvBytes)
        {
            return Error.Invalid("file", $"The file is larger than {MaxCsvBytes / 1024 / 1024} MB.");
        }

        return read == 0 ? Error.Invalid("file", "The request body is empty: send the CSV file as text/csv.") : new string(buffer, 0, read);
    }
}

public sealed record ConversionDto(decimal Amount, string From, decimal Converted, string To, DateOnly RateDate);

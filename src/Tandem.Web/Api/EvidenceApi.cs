using Microsoft.AspNetCore.Http.HttpResults;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Screening;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Evidence;
using Tandem.Web.Evidence;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

public sealed record LinkRequest(string? TargetType, Guid? TargetId);

public sealed record TradeStoreStatus(bool HasData, IReadOnlyList<int> Years, IReadOnlyList<string> DataVersions, IReadOnlyList<string> Baskets);

/// <summary>C6 over HTTP: run screenings and scenarios on the trade store; saved analyses are labelled records (C5).</summary>
public static class EvidenceApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var evidence = api.MapGroup("/evidence").WithTags("Evidence");
        evidence.MapGet("/store", Store).WithName("GetTradeStoreStatus").WithSummary("Years and data versions in the trade store, and the product baskets.");
        evidence.MapPost("/screenings", Screen).WithName("RunScreening").WithSummary("Screens dependencies and saves the result as a labelled analysis.")
            .Produces<EvidenceRun>(StatusCodes.Status201Created).ProducesValidationProblem();
        evidence.MapPost("/scenarios", Scenario).WithName("RunScenario").WithSummary("Runs a disruption scenario and saves the result as a labelled analysis.")
            .Produces<EvidenceRun>(StatusCodes.Status201Created).ProducesValidationProblem();

        var analyses = api.MapGroup("/analyses").WithTags("Evidence");
        analyses.MapGet("/", List).WithName("ListAnalyses").WithSummary("Saved analyses the reader may see, newest first.")
            .ProducesPage<AnalysisSummaryDto>();
        analyses.MapGet("/{id:guid}", Get).WithName("GetAnalysis").ProducesRecord<AnalysisDto>();
        analyses.MapGet("/{id:guid}/download", Download).WithName("DownloadAnalysis").WithSummary("The result table as CSV (default) or XLSX.")
            .ProducesFile(ApiResponses.Csv, ApiResponses.Xlsx).ProducesValidationProblem();
        analyses.MapGet("/{id:guid}/chart", Chart).WithName("GetAnalysisChart").WithSummary("Supplier shares of one product (SVG).")
            .Produces<string>(StatusCodes.Status200OK, ApiResponses.Svg).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        analyses.MapPost("/{id:guid}/links", Link).WithName("LinkAnalysis").WithSummary("Attaches the analysis to an agenda item, commitment, meeting, notice or document.")
            .ProducesChange<AnalysisDto>();
    }

    private static async Task<Ok<TradeStoreStatus>> Store(TradeStoreAccess trade, CancellationToken ct)
    {
        var baskets = ProductBaskets.All.Select(b => b.Name).ToList();
        var status = await trade.Use(store => Tandem.Analytics.Result<TradeStoreStatus>.Ok(new TradeStoreStatus(true, store.ListYears(),
            store.ListImports().Select(i => $"{i.FileName} ({i.DataVersion})").ToList(), baskets)), ct);
        return TypedResults.Ok(status.IsSuccess ? status.Value : new TradeStoreStatus(false, [], [], baskets));
    }

    private static async Task<IResult> Screen(ScreeningForm form, TandemDbContext db, TradeStoreAccess trade, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await RunEvidence.Screen(db, http.User.ToActor(), trade, form, Today(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/analyses/{result.Value.Analysis.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Scenario(ScenarioForm form, TandemDbContext db, TradeStoreAccess trade, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var result = await RunEvidence.Scenario(db, http.User.ToActor(), trade, form, Today(clock), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/analyses/{result.Value.Analysis.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> List(TandemDbContext db, HttpContext http, TimeProvider clock, string? search, AnalysisKind? kind, int? page, int? pageSize, CancellationToken ct)
    {
        var request = PageRequest.Create(page, pageSize);
        if (!request.Succeeded)
        {
            return request.Error!.ToProblem();
        }

        return TypedResults.Ok(await AnalysisUseCases.List(db, http.User.ToActor(), search, kind, request.Value, Today(clock), ct));
    }

    private static async Task<IResult> Get(Guid id, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        (await AnalysisUseCases.Get(db, http.User.ToActor(), id, Today(clock), ct)).ToHttp();

    private static async Task<IResult> Download(Guid id, string? format, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "xlsx"))
        {
            return Error.Invalid("format", "format must be csv or xlsx.").ToProblem();
        }

        var result = await AnalysisUseCases.Download(db, http.User.ToActor(), id, Today(clock), ct);
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        var (title, csv, _) = result.Value;
        var name = $"analysis-{id:N}";
        if (kind == "csv")
        {
            return TypedResults.File(AnalysisFiles.Csv(csv), CsvFile.ContentType, name + ".csv");
        }

        return TypedResults.File(AnalysisFiles.Xlsx(title, csv, clock.GetUtcNow().UtcDateTime), Workbook.ContentType, name + ".xlsx");
    }

    private static async Task<IResult> Chart(Guid id, string? party, string? hs6, int? year, TandemDbContext db, TradeStoreAccess trade, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var analysis = await AnalysisUseCases.Get(db, http.User.ToActor(), id, Today(clock), ct, audit: false);
        if (!analysis.Succeeded)
        {
            return analysis.Error!.ToProblem();
        }

        if (string.IsNullOrWhiteSpace(party) || string.IsNullOrWhiteSpace(hs6) || year is null)
        {
            return Error.Invalid("hs6", "party, hs6 and year are required.").ToProblem();
        }

        var shares = await trade.Use(store => SupplierShares.Run(store, party.Trim().ToUpperInvariant(), hs6.Trim(), year.Value), ct);
        if (!shares.IsSuccess)
        {
            return Error.Invalid("hs6", shares.Failure!.Message).ToProblem();
        }

        return TypedResults.Text(EvidenceCharts.SupplierShares(shares.Value), "image/svg+xml");
    }

    private static async Task<IResult> Link(Guid id, LinkRequest request, TandemDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        (await AnalysisUseCases.Link(db, http.User.ToActor(), id, request.TargetType, request.TargetId, Today(clock), ct)).ToHttp();

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Tandem.Core.Common;
using Tandem.Core.Compliance;
using Tandem.Core.Data;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>C4 over HTTP: assessment cycles, scores, aggregates, trends, the partnership index, exports and the import of historical scores.</summary>
public static class ComplianceApi
{
    /// <summary>Large enough for the whole G7 history (about 0.5 MB) many times over.</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var compliance = api.MapGroup("/compliance").WithTags("Compliance");
        compliance.MapGet("/cycles", ListCycles).WithName("ListAssessmentCycles").ProducesPage<CycleDto>();
        compliance.MapGet("/cycles/{id:guid}", GetCycle).WithName("GetAssessmentCycle").ProducesRecord<CycleDto>();
        compliance.MapPost("/cycles", CreateCycleEndpoint).WithName("CreateAssessmentCycle").ProducesCreatedUnder<CycleDto>();
        compliance.MapPut("/cycles/{id:guid}", UpdateCycleEndpoint).WithName("UpdateAssessmentCycle")
            .WithSummary("Window, kind, unscored rule (Exclude or CountAsZero), percent convention (Current or Historic), assessed parties.")
            .ProducesChange<CycleDto>();
        compliance.MapPost("/cycles/{id:guid}/commitments", AddCommitments).WithName("AddCycleCommitments").ProducesChange<CycleDto>();
        compliance.MapPut("/cycles/{id:guid}/scores", Score).WithName("ScoreCommitment")
            .WithSummary("Sets one cell: G7 value −1, 0 or +1; OGP level; neither = not scored. Recalibrations keep the cell's history.")
            .ProducesChange<CellDto>();
        compliance.MapGet("/cycles/{id:guid}/scores/history", CellHistory).WithName("GetScoreHistory").ProducesPageOfRecord<ScoreRevisionDto>();
        compliance.MapGet("/cycles/{id:guid}/dashboard", Dashboard).WithName("GetComplianceDashboard")
            .WithSummary("Averages per party, per track, overall (mean over all scored cells) and mean of party averages, with one page of the grid.")
            .ProducesRecord<ComplianceDashboardDto>().ProducesValidationProblem();
        compliance.MapGet("/cycles/{id:guid}/export.csv", (Guid id, string? table, TandemDbContext db, HttpContext http, CancellationToken ct) => Export(id, ExportFormat.Csv, table, db, http, ct))
            .WithName("ExportComplianceCsv").WithSummary("One table as CSV: the scores (default) or, with table=aggregates, the averages per party and track.")
            .ProducesFile(ApiResponses.Csv).ProducesValidationProblem();
        compliance.MapGet("/cycles/{id:guid}/export.xlsx", (Guid id, TandemDbContext db, HttpContext http, CancellationToken ct) => Export(id, ExportFormat.Xlsx, null, db, http, ct))
            .WithName("ExportComplianceXlsx").WithSummary("A workbook with a Scores and an Aggregates sheet.").ProducesFile(ApiResponses.Xlsx);
        compliance.MapGet("/cycles/{id:guid}/export.zip", (Guid id, TandemDbContext db, HttpContext http, CancellationToken ct) => Export(id, ExportFormat.Zip, null, db, http, ct))
            .WithName("ExportComplianceZip").WithSummary("Both tables as CSV files (scores and aggregates) in one ZIP.").ProducesFile(ApiResponses.Zip);
        compliance.MapGet("/forums/{forumId:guid}/trends", Trends).WithName("GetComplianceTrends");
        compliance.MapGet("/forums/{forumId:guid}/trends.svg", TrendChart).WithName("GetComplianceTrendChart").Produces<string>(StatusCodes.Status200OK, ApiResponses.Svg);
        compliance.MapGet("/partnership", Partnership).WithName("GetPartnershipIndex")
            .WithSummary("Per agency over a period: tracks led/co-led/partnered/supported, agenda items presented, meetings attended, commitments owned and delivered.")
            .ProducesRecord<PartnershipDto>().ProducesValidationProblem();
        compliance.MapGet("/partnership.svg", PartnershipChart).WithName("GetPartnershipChart").Produces<string>(StatusCodes.Status200OK, ApiResponses.Svg)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        // The body is a file (multipart field "file", or text/csv); cookie callers are checked by ApiAntiforgeryMiddleware like every other change.
        compliance.MapPost("/import", Import).WithName("ImportComplianceScores").DisableAntiforgery()
            .WithSummary("Imports historical scores (area,id,year,text,average,<members>); reports rows whose average disagrees with the file.")
            .Produces<ComplianceImportReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<IResult> ListCycles(TandemDbContext db, HttpContext http, Guid? forumId, int? page, int? pageSize, CancellationToken ct) =>
        (await ApiSupport.Page(CycleQueries.List(db, http.User.ToActor(), forumId), page, pageSize, ct)).ToHttp();

    private static async Task<IResult> GetCycle(Guid id, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await CycleQueries.Get(db, http.User.ToActor(), id, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CreateCycleEndpoint(CycleInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await CreateCycle.Handle(db, http.User.ToActor(), input, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/compliance/cycles/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<IResult> UpdateCycleEndpoint(Guid id, CycleInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await UpdateCycle.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> AddCommitments(Guid id, CycleCommitmentsInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await UpdateCycle.AddCommitments(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> Score(Guid id, ScoreInput input, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await ScoreCommitment.Handle(db, http.User.ToActor(), id, input with { Version = ApiSupport.ExpectedVersion(http, input.Version) }, ct);
        return result.ToHttp(http, result.Succeeded ? result.Value.Version : null);
    }

    private static async Task<IResult> CellHistory(Guid id, Guid commitmentId, string party, int? page, int? pageSize, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var history = await CycleQueries.CellHistory(db, http.User.ToActor(), id, commitmentId, party, ct);
        return history.Succeeded ? ApiSupport.PageOf(history.Value, page, pageSize) : history.Error!.ToProblem();
    }

    private static async Task<IResult> Dashboard(Guid id, TandemDbContext db, HttpContext http, int? page, int? pageSize, string? group, CancellationToken ct) =>
        (await ComplianceDashboard.Handle(db, http.User.ToActor(), id, page, pageSize, group, ct)).ToHttp();

    private static async Task<IResult> Export(Guid id, ExportFormat format, string? table, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var which = ComplianceExport.ParseTable(table);
        if (!which.Succeeded)
        {
            return which.Error!.ToProblem();
        }

        var result = await ComplianceExport.Handle(db, http.User.ToActor(), id, format, ct, which.Value);
        return result.Succeeded ? Results.File(result.Value.Content, result.Value.ContentType, result.Value.FileName) : result.Error!.ToProblem();
    }

    private static async Task<Ok<List<TrendPointDto>>> Trends(Guid forumId, TandemDbContext db, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await ComplianceTrends.Handle(db, http.User.ToActor(), forumId, ct));

    private static async Task<IResult> TrendChart(Guid forumId, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var points = await ComplianceTrends.Handle(db, http.User.ToActor(), forumId, ct);
        return Results.Text(ComplianceCharts.Trend(points), "image/svg+xml", Encoding.UTF8);
    }

    private static async Task<IResult> Partnership(Guid forumId, DateOnly? from, DateOnly? to, TandemDbContext db, HttpContext http, CancellationToken ct) =>
        (await PartnershipIndex.Handle(db, http.User.ToActor(), forumId, from, to, ct)).ToHttp();

    private static async Task<IResult> PartnershipChart(Guid forumId, DateOnly? from, DateOnly? to, TandemDbContext db, HttpContext http, CancellationToken ct)
    {
        var result = await PartnershipIndex.Handle(db, http.User.ToActor(), forumId, from, to, ct);
        return result.Succeeded ? Results.Text(ComplianceCharts.Partnership(result.Value), "image/svg+xml", Encoding.UTF8) : result.Error!.ToProblem();
    }

    private static async Task<IResult> Import(HttpContext http, TandemDbContext db, Guid? forumId, string? prefix, UnscoredRule? unscored, PercentConvention? percent,
        CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxImportBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"The file is larger than {MaxImportBytes / 1024 / 1024} MB.");
        }

        using var reader = await OpenUpload(http, ct);
        if (reader is null)
        {
            return Error.Invalid("file", "Send the CSV as multipart field 'file' or as a text/csv body.").ToProblem();
        }

        var options = new ComplianceImportOptions(forumId, prefix ?? "G7", unscored ?? UnscoredRule.Exclude, percent ?? PercentConvention.Current);
        var result = await ImportComplianceScores.Handle(db, http.User.ToActor(), options, reader, ct);
        if (!result.Succeeded)
        {
            return result.Error!.ToProblem();
        }

        return result.Value.Succeeded
            ? TypedResults.Ok(result.Value)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. result.Value.Problems] }, detail: "The file cannot be imported.", title: "Invalid input");
    }

    /// <summary>Reads at most <see cref="MaxImportBytes"/>; a longer body is cut off and fails as malformed rather than filling memory.</summary>
    internal static async Task<TextReader?> OpenUpload(HttpContext http, CancellationToken ct)
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0 || file.Length > MaxImportBytes)
            {
                return null;
            }

            using var copy = new MemoryStream();
            await using (var upload = file.OpenReadStream())
            {
                await upload.CopyToAsync(copy, ct);
            }

            return new StringReader(Encoding.UTF8.GetString(copy.ToArray()).TrimStart('\uFEFF'));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxImportBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? null : new StringReader(Encoding.UTF8.GetString(buffer.ToArray()).TrimStart('\uFEFF'));
    }
}

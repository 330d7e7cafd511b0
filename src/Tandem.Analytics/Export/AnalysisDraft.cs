using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tandem.Analytics.Scenario;
using Tandem.Analytics.Screening;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Export;

/// <summary>
/// A result as the platform saves it as an analysis (Tandem.Core.Evidence): its kind (a name of
/// <c>AnalysisKind</c>), a default title, a one-line summary, the parameters as JSON, the data versions read
/// and the table as CSV. The web app and the command line both save through this, so a result reads the
/// same whichever way it was saved.
/// </summary>
public sealed record AnalysisDraft(string Kind, string Title, string Summary, string ParametersJson, string DataSources, string Csv, int Rows);

public static class AnalysisDrafts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static AnalysisDraft ToDraft(this ScreeningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = result.Request;
        var preset = request.Parameters.Preset;
        var who = request.Bloc is { Count: > 0 } bloc ? string.Join("+", bloc) : Parties(request.Parties);
        var scope = request.Basket is null ? "" : ", basket " + request.Basket;
        scope += request.Products is { Count: > 0 } products ? string.Create(CultureInfo.InvariantCulture, $", {products.Count} HS6 codes") : "";
        var dependent = result.Rows.Count(r => r.Dependent);
        var persistent = result.Rows.Count(r => r.Persistent);
        var parameters = new
        {
            request.Year,
            request.Parties,
            request.Bloc,
            request.Basket,
            request.Products,
            request.Parameters,
            Source = TradeStore.SourceName(result.Source),
        };
        return new AnalysisDraft(
            request.Bloc is { Count: > 0 } ? "JointScreening" : "Screening",
            string.Create(CultureInfo.InvariantCulture, $"{preset} screening of {who}, {request.Year}{scope}"),
            string.Create(CultureInfo.InvariantCulture, $"{result.Rows.Count} products screened, {dependent} dependent, {persistent} persistent ({preset})."),
            JsonSerializer.Serialize(parameters, Json),
            DataSources(result.DataVersions),
            Csv(result.ToTable()),
            result.Rows.Count);
    }

    public static AnalysisDraft ToDraft(this ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var request = result.Request;
        var parameters = new
        {
            request.Year,
            request.Suppliers,
            request.Targets,
            request.Products,
            request.Basket,
            request.Cut,
            request.Redirect,
            result.Allies,
            Source = TradeStore.SourceName(result.Source),
        };
        var rows = result.Rows;
        return new AnalysisDraft(
            "Scenario",
            string.Create(CultureInfo.InvariantCulture,
                $"Scenario: {string.Join(",", request.Suppliers)} cut {request.Cut * 100:0.#}% to {string.Join(",", request.Targets)}, {request.Year}{(request.Basket is null ? "" : ", basket " + request.Basket)}"),
            string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count} target × product rows ranked by residual gap: lost {rows.Sum(r => r.LostValue):N0}, substitutable {rows.Sum(r => r.SubstitutionCapacity):N0}, residual gap {rows.Sum(r => r.ResidualGap):N0} (thousand USD)."),
            JsonSerializer.Serialize(parameters, Json),
            DataSources(result.DataVersions),
            Csv(result.ToTable()),
            rows.Count);
    }

    private static string Parties(IReadOnlyList<string>? parties) => parties switch
    {
        null or { Count: 0 } => "all importers",
        { Count: <= 5 } => string.Join(",", parties),
        _ => string.Create(CultureInfo.InvariantCulture, $"{parties.Count} parties"),
    };

    private static string DataSources(IEnumerable<ImportRecord> imports) =>
        string.Join("\n", imports.Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i.FileName} sha256:{i.Sha256} {i.DataVersion} years {string.Join(",", i.Years)} rows {i.Rows}")));

    private static string Csv(ResultTable table)
    {
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        {
            ResultWriter.WriteCsv(table, writer);
        }

        return text.ToString();
    }
}

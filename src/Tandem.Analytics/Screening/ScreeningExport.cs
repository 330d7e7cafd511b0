using System.Globalization;
using Tandem.Analytics.Export;
using Tandem.Analytics.Store;

namespace Tandem.Analytics.Screening;

/// <summary>A screening as an exportable table, in the fixed column order of <see cref="ScreeningResult.Columns"/>.</summary>
public static class ScreeningExport
{
    private static readonly CellKind[] Kinds =
    [
        CellKind.Text, CellKind.WholeNumber, CellKind.Text, CellKind.Text, CellKind.Number, CellKind.WholeNumber, CellKind.Number,
        CellKind.Text, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number, CellKind.Number,
        CellKind.Boolean, CellKind.Boolean,
    ];

    public static ResultTable ToTable(this ScreeningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var columns = ScreeningResult.Columns.Select((name, i) => new TableColumn(name, Kinds[i])).ToList();
        var rows = new ProjectedRows<ScreeningRow>(result.Rows, r =>
        [
            r.Party, r.Year, r.Hs6, r.Description, r.Imports, r.Suppliers, r.HhiImports, r.TopSupplier, r.TopShare,
            r.ConcernShare, r.AllyShare, r.Exports, r.ImportExportRatio, r.HhiWorld, r.Dependent, r.Persistent,
        ]);
        var request = result.Request;
        var p = request.Parameters;
        var about = new List<KeyValuePair<string, string>>
        {
            new("analysis", "dependency screening"),
            new("preset", p.Preset == ScreeningPreset.GeoDep ? "geodep" : "eu2021"),
            new("year", request.Year.ToString(CultureInfo.InvariantCulture)),
            new("parties", request.Parties is { Count: > 0 } ? string.Join(",", request.Parties) : "all importers"),
            new("bloc", request.Bloc is { Count: > 0 } ? string.Join(",", request.Bloc) : string.Empty),
            new("basket", request.Basket ?? string.Empty),
            new("products", request.Products is { Count: > 0 } ? string.Join(",", request.Products) : string.Empty),
            new("countries of concern", string.Join(",", p.ConcernCountries)),
            new("forum parties", string.Join(",", p.ForumParties)),
            new("like-minded", string.Join(",", p.LikeMinded)),
            new("import concentration threshold", ResultWriter.FormatValue(p.ImportConcentration)),
            new("world concentration threshold", ResultWriter.FormatValue(p.WorldConcentration)),
            new("import/export ratio threshold", ResultWriter.FormatValue(p.ImportExportRatio)),
            new("extra-bloc share threshold", ResultWriter.FormatValue(p.ExtraBlocShare)),
            new("ratio when no exports", ResultWriter.FormatValue(p.RatioWhenNoExports)),
            new("persistence", $"{p.PersistenceMinYears} of {p.PersistenceWindow} years ending in {request.Year}"),
            new("source", TradeStore.SourceName(result.Source)),
            new("years read", string.Join(",", result.YearsRead)),
            new("computed at (UTC)", result.ComputedAtUtc.ToString("O", CultureInfo.InvariantCulture)),
        };
        about.AddRange(DataVersionLines(result.DataVersions));
        var provenance = new
        {
            request.Year,
            request.Parties,
            request.Bloc,
            request.Basket,
            request.Products,
            Parameters = p,
            Source = TradeStore.SourceName(result.Source),
            result.YearsRead,
            result.DataVersions,
            result.ComputedAtUtc,
        };
        return new ResultTable("screening", columns, rows, about, provenance);
    }

    public static IEnumerable<KeyValuePair<string, string>> DataVersionLines(IEnumerable<ImportRecord> imports) =>
        imports.Select(i => new KeyValuePair<string, string>(
            $"data version (import {i.ImportId})",
            $"{i.DataVersion}; {i.FileName}; years {string.Join(",", i.Years)}; sha256 {i.Sha256}"));
}

using System.Globalization;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Import;
using Tandem.Analytics.Store;

namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>
/// Saved analyses (C6): each record is a screening over a small trade store (gallium, 2022), saved under the
/// row's label with the row's title.
/// </summary>
internal sealed class AnalysisSubject : MatrixSubject
{
    public override string Name => "Analyses";

    public override bool NeedsDemo => false;

    // Analyses are run by analysts or the secretariat: each row's analysis is run by an analyst of the table
    // creator's agency (same originator, same table); MOFA's officer is secretariat and runs it herself.
    // A company contributor runs none, so the CBI row is left out.
    public override string? Creator(string row, string tableCreator) => tableCreator switch
    {
        "company" => null,
        "mofa" => "mofa",
        _ => tableCreator + "Analyst",
    };

    /// <summary>
    /// RED reaches its author and the named METI member. Here the author is Commerce's analyst, who is not a
    /// reader, so the Commerce member — the author in the table — does not see it.
    /// </summary>
    public override IReadOnlyDictionary<string, string> ExpectedOverrides { get; } = new Dictionary<string, string>
    {
        //        dos doc meti metiA mofa comp aud adm
        ["RED"] = "  -   -   Y    -     -    -    -   -",
    };

    /// <summary>Gallium (811292) in 2022: Japan buys 90 from China and 10 from the U.S.; China also sells 100 to the U.S.</summary>
    public override async Task Prepare(MatrixWorld world)
    {
        var folder = Path.Combine(world.Factory.Database.Folder, "flows");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "BACI_TEST_2022.csv");
        static int Code(string iso3) => TradeCodeLists.Default.BaciCountries.First(c => c.Iso3 == iso3 && !c.Name.Contains("(...", StringComparison.Ordinal)).Code;
        await File.WriteAllTextAsync(file, string.Create(CultureInfo.InvariantCulture,
            $"t,i,j,k,v,q\n2022,{Code("CHN")},{Code("JPN")},811292,90,1\n2022,{Code("USA")},{Code("JPN")},811292,10,1\n2022,{Code("CHN")},{Code("USA")},811292,100,1\n"));
        using var store = TradeStore.Open(world.Factory.Settings["Tandem:Trade:Store"]!).Value;
        var imported = await ImportTradeFile.RunAsync(store, new ImportRequest(file, TradeFileFormat.Baci));
        Assert.True(imported.IsSuccess, imported.Failure?.Message);
    }

    public override Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title) =>
        world.PostForId(creator, "/api/v1/evidence/screenings", new { party = "JPN", year = 2022, preset = "geodep", title, label = label.AsRequest() }, wrapper: "analysis");

    public override IReadOnlyList<Probe> Probes { get; } =
    [
        .. Probe.EverySearch,
        Probe.Detail("/api/v1/analyses/{id:guid}", "API detail", r => $"/api/v1/analyses/{r.Id}"),
        Probe.Detail("/api/v1/analyses/{id:guid}/download", "API download", r => $"/api/v1/analyses/{r.Id}/download"),
        Probe.Detail("/api/v1/analyses/{id:guid}/chart", "API chart", r => $"/api/v1/analyses/{r.Id}/chart?party=JPN&hs6=811292&year=2022"),
        Probe.Listing("/api/v1/analyses", "API list", "/api/v1/analyses?pageSize=200"),
        Probe.Search("/api/v1/analyses", "API search", r => $"/api/v1/analyses?search={Uri.EscapeDataString(r.Title)}"),
        Probe.Listing("/evidence", "UI list", "/evidence", byTitle: true),
        Probe.Page("/evidence/analyses/{Id:guid}", "UI detail", r => $"/evidence/analyses/{r.Id}"),
    ];
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Import;
using Tandem.Analytics.Store;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Evidence;
using Tandem.Core.Sharing;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Evidence;

/// <summary>C6 through the platform: a screening run over HTTP becomes a labelled analysis that only its audience sees.</summary>
public sealed class EvidenceTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] China = ["CHN"];
    private static readonly string[] Japan = ["JPN"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Screening_HandMadeFlows_SavesLabelledAnalysisWithExactNumbers(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var anonymous = factory.CreateClient();
        await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
        await ImportFlows(factory);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        var meti = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(analyst);

        var response = await client.PostAsJsonAsync(new Uri("/api/v1/evidence/screenings", UriKind.Relative),
            new { party = "JPN", year = 2022, preset = "geodep", label = new { level = "Amber" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        var id = run.GetProperty("analysis").GetProperty("id").GetGuid();
        Assert.Equal("TLP:AMBER", run.GetProperty("analysis").GetProperty("marking").GetString());
        Assert.Contains("\"preset\":\"GeoDep\"", run.GetProperty("analysis").GetProperty("parametersJson").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("BACI_TEST_2022.csv", run.GetProperty("analysis").GetProperty("dataSources").GetString(), StringComparison.Ordinal);

        var csv = await client.GetStringAsync(new Uri($"/api/v1/analyses/{id}/download", UriKind.Relative));
        using var reader = new StringReader(csv);
        var row = Csv.ReadRecords(reader).Single(r => r["hs6"] == "811292");
        Assert.Equal("JPN", row["party"]);
        Assert.Equal(0.82, double.Parse(row["hhi_imports"], CultureInfo.InvariantCulture), 12);
        Assert.Equal("CHN", row["top_supplier"]);
        Assert.Equal(0.9, double.Parse(row["top_share"], CultureInfo.InvariantCulture), 12);
        Assert.Equal(9999, double.Parse(row["import_export_ratio"], CultureInfo.InvariantCulture));
        Assert.Equal(0.905, double.Parse(row["hhi_world"], CultureInfo.InvariantCulture), 12);
        Assert.Equal("true", row["dependent"], ignoreCase: true);

        using var other = factory.ClientFor(meti);
        var denied = await other.GetAsync(new Uri($"/api/v1/analyses/{id}", UriKind.Relative));
        var missing = await other.GetAsync(new Uri($"/api/v1/analyses/{Guid.NewGuid()}", UriKind.Relative));
        var list = await other.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/analyses", UriKind.Relative), Json);
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var download = await other.GetAsync(new Uri($"/api/v1/analyses/{id}/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task Screening_BadInput_AnswersBadRequestNamingTheFields()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        var member = await factory.CreateUser("member@doc.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(analyst);

        var noParty = await client.PostAsJsonAsync(new Uri("/api/v1/evidence/screenings", UriKind.Relative), new { year = 2022, preset = "nonsense" });
        var problem = await noParty.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(HttpStatusCode.BadRequest, noParty.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("party", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("preset", out _));

        var emptyStore = await client.PostAsJsonAsync(new Uri("/api/v1/evidence/screenings", UriKind.Relative), new { party = "JPN", year = 2022 });
        Assert.Equal(HttpStatusCode.BadRequest, emptyStore.StatusCode);
        Assert.Contains("tandem trade import", await emptyStore.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badCut = await client.PostAsJsonAsync(new Uri("/api/v1/evidence/scenarios", UriKind.Relative), new { suppliers = China, targets = Japan, year = 2022, cut = 1.5 });
        Assert.Equal(HttpStatusCode.BadRequest, badCut.StatusCode);
        Assert.Contains("cut", await badCut.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var memberClient = factory.ClientFor(member);
        var forbidden = await memberClient.PostAsJsonAsync(new Uri("/api/v1/evidence/screenings", UriKind.Relative), new { party = "JPN", year = 2022 });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Save_CitingUsaOnlyAnalysis_DerivedAnalysisIsUsaOnly(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        var jpAnalyst = await factory.CreateUser("analyst@meti.test", "METI", Roles.Analyst);
        var actor = new Actor(analyst.Id, analyst.Email, await AgencyId(factory, "DOC"), "USA", new HashSet<string> { Roles.Analyst });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var derived = await factory.WithDb(async db =>
        {
            var usaOnly = Label.Create(new LabelInput(Tlp.Green, OriginatorOnly: true), actor.AgencyId!.Value, "USA", analyst.Id).Value;
            var source = await AnalysisUseCases.Save(db, actor, new AnalysisInput("USA-only source", AnalysisKind.Screening, "", "{}", "", "a\n1\n", 1, usaOnly), today, CancellationToken.None);
            return await AnalysisUseCases.Save(db, actor, new AnalysisInput("Derived", AnalysisKind.Screening, "", "{}", "", "a\n1\n", 1, null, [source.Value.Id]), today, CancellationToken.None);
        });

        Assert.True(derived.Succeeded);
        Assert.Contains("USA ONLY", derived.Value.Marking, StringComparison.Ordinal);
        using var japan = factory.ClientFor(jpAnalyst);
        var response = await japan.GetAsync(new Uri($"/api/v1/analyses/{derived.Value.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Chart_AndXlsx_ForVisibleAnalysis_AreSvgAndSpreadsheet()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        await ImportFlows(factory);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        using var client = factory.ClientFor(analyst);
        var created = await client.PostAsJsonAsync(new Uri("/api/v1/evidence/screenings", UriKind.Relative), new { party = "JPN", year = 2022 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("analysis").GetProperty("id").GetGuid();

        var chart = await client.GetAsync(new Uri($"/api/v1/analyses/{id}/chart?party=JPN&hs6=811292&year=2022", UriKind.Relative));
        var xlsx = await client.GetAsync(new Uri($"/api/v1/analyses/{id}/download?format=xlsx", UriKind.Relative));
        var page = await client.GetStringAsync(new Uri($"/evidence/analyses/{id}", UriKind.Relative));

        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await chart.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("attachment", xlsx.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
        Assert.Contains("811292", page, StringComparison.Ordinal);
        Assert.Contains("TLP:GREEN", page, StringComparison.Ordinal);
    }

    private static async Task<Guid> AgencyId(TandemFactory factory, string code) =>
        await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Agencies.Where(a => a.Code == code).Select(a => a.Id)));

    /// <summary>Gallium (811292) in 2022: Japan buys 90 from China and 10 from the U.S.; China also sells 100 to the U.S.</summary>
    private static async Task ImportFlows(TandemFactory factory)
    {
        var folder = Path.Combine(factory.Database.Folder, "flows");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "BACI_TEST_2022.csv");
        static int Code(string iso3) => TradeCodeLists.Default.BaciCountries.First(c => c.Iso3 == iso3 && !c.Name.Contains("(...", StringComparison.Ordinal)).Code;
        await File.WriteAllTextAsync(file, string.Create(CultureInfo.InvariantCulture,
            $"t,i,j,k,v,q\n2022,{Code("CHN")},{Code("JPN")},811292,90,1\n2022,{Code("USA")},{Code("JPN")},811292,10,1\n2022,{Code("CHN")},{Code("USA")},811292,100,1\n"));
        using var store = TradeStore.Open(factory.Settings["Tandem:Trade:Store"]!).Value;
        var imported = await ImportTradeFile.RunAsync(store, new ImportRequest(file, TradeFileFormat.Baci));
        Assert.True(imported.IsSuccess, imported.Failure?.Message);
    }
}

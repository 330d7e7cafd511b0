using Microsoft.EntityFrameworkCore;
using Tandem.Analytics.Import;
using Tandem.Analytics.Store;
using Tandem.Core.Accounts;
using Tandem.Core.Evidence;
using Tandem.Core.Notices;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Invest.InvestKit;

namespace Tandem.Web.Tests.Invest;

public sealed class ExposureTests
{
    /// <summary>
    /// BACI-shaped flows of 2023 in thousand USD (BACI codes: 156 CHN, 842 USA, 392 JPN, 276 DEU, 124 CAN, 410 KOR, 251 FRA).
    /// 811292: USA imports 600 CHN + 300 DEU + 100 CAN; JPN imports 200 CHN + 200 KOR + 50 DEU; DEU also sells 100 to FRA.
    /// 811299: USA imports 80 CHN + 20 JPN; JPN imports 90 CHN.
    /// </summary>
    private const string Flows = """
        t,i,j,k,v,q
        2023,156,842,811292,600,1
        2023,276,842,811292,300,1
        2023,124,842,811292,100,1
        2023,156,392,811292,200,1
        2023,410,392,811292,200,1
        2023,276,392,811292,50,1
        2023,276,251,811292,100,1
        2023,156,842,811299,80,1
        2023,392,842,811299,20,1
        2023,156,392,811299,90,1
        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Submit_TradeStoreHasData_ExposureEqualsHandComputedSharesAndCarriesTheNoticeLabel(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        await LoadStore(factory.Settings["Tandem:Trade:Store"]!);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        var us = await factory.CreateUser("officer@doc.test", "DOC", Roles.Analyst);
        using var client = factory.ClientFor(jp);
        using var usClient = factory.ClientFor(us);

        var notice = await (await client.Post("/api/v1/notices",
            NoticeTests.NoticeBody(label: new { level = "AmberStrict", recipientAgencies = Array.Empty<Guid>() }))).Read<NoticeDto>();

        Assert.Equal(ExposureStatus.Computed, notice.ExposureStatus);
        var exposure = notice.Exposure!;
        Assert.Equal(2023, exposure.Year);
        var rows = exposure.Rows.ToDictionary(r => (r.Party, r.Hs6));
        Assert.Equal(4, rows.Count);
        AssertRow(rows[("USA", "811292")], imports: 1000, from: 600, share: 0.6, hhi: 0.36 + 0.09 + 0.01, lost: 600, capacity: 0.25 * (150 + 200), gap: 600 - 87.5);
        AssertRow(rows[("JPN", "811292")], imports: 450, from: 200, share: 200.0 / 450, hhi: 33.0 / 81, lost: 200, capacity: 0.25 * (400 + 100), gap: 75);
        AssertRow(rows[("USA", "811299")], imports: 100, from: 80, share: 0.8, hhi: 0.64 + 0.04, lost: 80, capacity: 0, gap: 80);
        AssertRow(rows[("JPN", "811299")], imports: 90, from: 90, share: 1, hhi: 1, lost: 90, capacity: 0, gap: 90);
        var usa = exposure.Totals.Single(t => t.Party == "USA");
        Assert.Equal(680.0 / 1100, usa.SourceShare, 9);

        var analysis = await factory.WithDb(db => db.Set<Analysis>().Include(a => a.Links).SingleAsync(a => a.Id == exposure.AnalysisId));
        var stored = await factory.WithDb(db => db.Set<DisruptionNotice>().SingleAsync(n => n.Id == notice.Id));
        Assert.Equal(AnalysisKind.Exposure, analysis.Kind);
        Assert.Equal(stored.Label.ToLabel(), analysis.Label.ToLabel());
        Assert.StartsWith("TLP:AMBER+STRICT", analysis.Label.ToLabel().Marking, StringComparison.Ordinal);
        Assert.Contains(analysis.Links, l => l.TargetType == "Notice" && l.TargetId == notice.Id);

        // Whoever may not read the notice may not read its exposure either.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await usClient.GetAsync(U($"/api/v1/notices/{notice.Id}"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await usClient.PostAsync(U($"/api/v1/notices/{notice.Id}/exposure"), null)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Recompute_AfterDataArrives_ReplacesNoDataWithTheExposure(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);
        var notice = await (await client.Post("/api/v1/notices", NoticeTests.NoticeBody())).Read<NoticeDto>();
        Assert.Equal(ExposureStatus.NoTradeData, notice.ExposureStatus);
        Assert.Null(notice.Exposure);

        await LoadStore(factory.Settings["Tandem:Trade:Store"]!);
        var again = await (await client.PostAsync(U($"/api/v1/notices/{notice.Id}/exposure"), null)).Read<NoticeDto>();

        Assert.Equal(ExposureStatus.Computed, again.ExposureStatus);
        Assert.Equal(0.6, again.Exposure!.Rows.Single(r => r.Party == "USA" && r.Hs6 == "811292").SourceShare, 9);
    }

    private static void AssertRow(ExposureRow row, double imports, double from, double share, double hhi, double lost, double capacity, double gap)
    {
        Assert.Equal(imports, row.Imports, 6);
        Assert.Equal(from, row.FromSource, 6);
        Assert.Equal(share, row.SourceShare, 9);
        Assert.Equal(hhi, row.Hhi, 9);
        Assert.Equal(lost, row.LostValue, 6);
        Assert.Equal(capacity, row.SubstitutionCapacity, 6);
        Assert.Equal(gap, row.ResidualGap, 6);
    }

    private static async Task LoadStore(string path)
    {
        var folder = Path.Combine(Path.GetDirectoryName(path)!, "baci");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "BACI_HS22_Y2023_V202501.csv");
        await File.WriteAllTextAsync(file, Flows.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        using var store = TradeStore.Open(path).Value;
        var imported = await ImportTradeFile.RunAsync(store, new ImportRequest(file, TradeFileFormat.Baci));
        Assert.True(imported.IsSuccess, imported.Failure?.Message);
    }
}

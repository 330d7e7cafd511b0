using System.Net;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using Tandem.Core.Compliance;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

public sealed class ComplianceTests
{
    /// <summary>
    /// Three commitments, two parties. P1: A (USA +1, JPN +1), B (USA 0, JPN unscored); P3: C (USA −1, JPN +1).
    /// </summary>
    private static async Task<(Guid Cycle, Dictionary<string, Guid> Commitments)> Grid(CycleKit kit, string unscored = "Exclude", string percent = "Current")
    {
        var ids = new Dictionary<string, Guid>
        {
            ["A"] = (Guid)(await kit.Commitment("AGG-A", track: "P1"))["id"]!,
            ["B"] = (Guid)(await kit.Commitment("AGG-B", track: "P1"))["id"]!,
            ["C"] = (Guid)(await kit.Commitment("AGG-C", track: "P3"))["id"]!,
        };
        var cycle = await Post(kit.Secretariat, "/api/v1/compliance/cycles", new
        {
            forumId = kit.ForumId,
            name = "Hand-computed " + unscored + percent,
            kind = "Interim",
            windowStart = "2025-01-01",
            windowEnd = "2025-06-30",
            unscored,
            percent,
        }, HttpStatusCode.Created);
        var id = (Guid)cycle["id"]!;
        Assert.Equal(new[] { "JPN", "USA" }, cycle["parties"]!.AsArray().Select(p => (string)p!).ToArray());
        await Post(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/commitments", new { commitmentIds = ids.Values, version = (int)cycle["version"]! });
        foreach (var (key, party, value) in new[] { ("A", "USA", 1), ("A", "JPN", 1), ("B", "USA", 0), ("C", "USA", -1), ("C", "JPN", 1) })
        {
            await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores", new { commitmentId = ids[key], party, value, rationale = $"{key}/{party}" });
        }

        return (id, ids);
    }

    private static double Mean(JsonNode aggregate) => (double)aggregate["mean"]!;

    private static double Percent(JsonNode aggregate) => (double)aggregate["percent"]!;

    private static JsonNode Group(JsonNode dashboard, string list, string key) => dashboard[list]!.AsArray().Single(g => (string)g!["key"]! == key)!["aggregate"]!;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Aggregates_UnscoredExcluded_MatchHandComputedMeans(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, ids) = await Grid(kit);

        var d = await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/dashboard");

        // Overall: (1 + 1 + 0 − 1 + 1) ÷ 5 scored cells = 0.4 → (0.4 + 1) ÷ 2 × 100 = 70 %.
        Assert.Equal(0.4, Mean(d["overall"]!), 6);
        Assert.Equal(70, Percent(d["overall"]!), 6);
        Assert.Equal(5, (int)d["overall"]!["scored"]!);
        Assert.Equal(6, (int)d["overall"]!["cells"]!);
        Assert.Equal(0, Mean(Group(d, "byParty", "USA")), 6);
        Assert.Equal(50, Percent(Group(d, "byParty", "USA")), 6);
        Assert.Equal(1, Mean(Group(d, "byParty", "JPN")), 6);

        // The mean of party averages differs from the mean over cells: (0 + 1) ÷ 2 = 0.5 → 75 %.
        Assert.Equal(0.5, (double)d["meanOfPartyAverages"]!, 6);
        Assert.Equal(75, (double)d["meanOfPartyAveragesPercent"]!, 6);
        Assert.Equal(2.0 / 3, Mean(Group(d, "byTrack", "P1")), 6);
        Assert.Equal(0, Mean(Group(d, "byTrack", "P3")), 6);
        var rowB = d["grid"]!["items"]!.AsArray().Single(r => (Guid)r!["commitmentId"]! == ids["B"])!;
        Assert.Equal(0, Mean(rowB["average"]!), 6);
        Assert.Equal(1, (int)rowB["average"]!["scored"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Aggregates_UnscoredCountedAsZero_AndHistoricPercent(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, ids) = await Grid(kit, "CountAsZero", "Historic");

        var d = await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/dashboard");

        // Overall: 2 ÷ 6 cells; historic percent s × 100.
        Assert.Equal(2.0 / 6, Mean(d["overall"]!), 6);
        Assert.Equal(100.0 / 3, Percent(d["overall"]!), 6);
        Assert.Equal(2.0 / 3, Mean(Group(d, "byParty", "JPN")), 6);
        Assert.Equal(0.5, Mean(Group(d, "byTrack", "P1")), 6);
        var rowB = d["grid"]!["items"]!.AsArray().Single(r => (Guid)r!["commitmentId"]! == ids["B"])!;
        Assert.Equal(0, Mean(rowB["average"]!), 6);
        Assert.Equal(2, (int)rowB["average"]!["cells"]!);
        Assert.Contains("count as 0", (string)d["unscoredRule"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Settings_SwitchTheUnscoredRuleOfACycle_ChangesTheAverages(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, _) = await Grid(kit);
        var before = await Get(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}");

        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}", new
        {
            name = (string)before["name"]!,
            kind = "Interim",
            windowStart = "2025-01-01",
            windowEnd = "2025-06-30",
            unscored = "CountAsZero",
            version = (int)before["version"]!,
        });
        var d = await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/dashboard");

        Assert.Equal(2.0 / 6, Mean(d["overall"]!), 6);
        Assert.Equal("Current", (string)d["cycle"]!["percent"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Grid_FilteredByTrackAndPaged_RowsInCodeOrderWithTheirCells_TotalCountsTheTrack(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, ids) = await Grid(kit);

        var p1Second = await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/dashboard?group=P1&page=2&pageSize=1");
        var allSecond = await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/dashboard?page=2&pageSize=2");
        var p3 = await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/dashboard?group=P3");

        // P1 holds AGG-A and AGG-B: its second page of one is AGG-B, scored by USA only.
        Assert.Equal(2, (int)p1Second["grid"]!["total"]!);
        var rowB = p1Second["grid"]!["items"]!.AsArray().Single()!;
        Assert.Equal(ids["B"], (Guid)rowB["commitmentId"]!);
        Assert.Equal("P1", (string)rowB["group"]!);
        Assert.Equal(new[] { "", "0" }, rowB["cells"]!.AsArray().Select(c => (string)c!["display"]!).ToArray());
        Assert.Equal("B/USA", (string)rowB["cells"]!.AsArray().Single(c => (string)c!["party"]! == "USA")!["rationale"]!);

        // Unfiltered, the second page of two holds the last code, AGG-C.
        Assert.Equal(3, (int)allSecond["grid"]!["total"]!);
        Assert.Equal(ids["C"], (Guid)allSecond["grid"]!["items"]!.AsArray().Single()!["commitmentId"]!);
        Assert.Equal(new[] { ids["C"] }, p3["grid"]!["items"]!.AsArray().Select(r => (Guid)r!["commitmentId"]!).ToArray());
        Assert.Equal(1, (int)p3["grid"]!["total"]!);

        // The filter pages the grid only: the aggregates still cover the whole cycle.
        Assert.Equal(5, (int)p3["overall"]!["scored"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadInput_ScoreOutsideTheSchemeOrWindowEndBeforeStart_400NamingTheField_NothingChanges(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, ids) = await Grid(kit);

        var window = await Post(kit.Secretariat, "/api/v1/compliance/cycles",
            new { forumId = kit.ForumId, name = "Backwards", kind = "Final", windowStart = "2025-06-30", windowEnd = "2025-01-01" }, HttpStatusCode.BadRequest);
        var two = await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores",
            new { commitmentId = ids["B"], party = "JPN", value = 2 }, HttpStatusCode.BadRequest);
        var level = await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores",
            new { commitmentId = ids["B"], party = "JPN", level = "Complete" }, HttpStatusCode.BadRequest);
        var party = await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores",
            new { commitmentId = ids["B"], party = "FRA", value = 1 }, HttpStatusCode.BadRequest);
        var unknownEnum = await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores",
            new { commitmentId = ids["B"], party = "JPN", level = "Brilliant" }, HttpStatusCode.BadRequest);

        Assert.Contains("windowEnd", Fields(window));
        Assert.Contains("value", Fields(two));
        Assert.Contains("level", Fields(level));
        Assert.Contains("party", Fields(party));
        Assert.Contains("level", Fields(unknownEnum));
        var d = await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/dashboard");
        Assert.Equal(5, (int)d["overall"]!["scored"]!);
        var cycles = await Get(kit.Meti, $"/api/v1/compliance/cycles?forumId={kit.ForumId}");
        Assert.DoesNotContain(cycles["items"]!.AsArray(), c => (string)c!["name"]! == "Backwards");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Recalibration_KeepsTheCellsHistory_AndAStaleVersionAnswers409(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, ids) = await Grid(kit);
        var row = (await Get(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/dashboard"))["grid"]!["items"]!.AsArray()
            .Single(r => (Guid)r!["commitmentId"]! == ids["C"])!;
        var version = (int)row["cells"]!.AsArray().Single(c => (string)c!["party"]! == "USA")!["version"]!;

        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores", new { commitmentId = ids["C"], party = "USA", value = 0, rationale = "New evidence", version });
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores", new { commitmentId = ids["C"], party = "USA", value = 1, version }, HttpStatusCode.Conflict);
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores", new { commitmentId = ids["C"], party = "USA", value = 1 }, HttpStatusCode.BadRequest);

        var history = (await Get(kit.Meti, $"/api/v1/compliance/cycles/{cycle}/scores/history?commitmentId={ids["C"]}&party=USA"))["items"]!.AsArray();
        Assert.Equal(new[] { "-1", "0" }, history.Select(h => (string)h!["display"]!).ToArray());
        Assert.Equal("New evidence", (string)history[1]!["rationale"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OgpScheme_MapsCompletionLevels_AndNoEvidenceCountsAsUnscored(string provider)
    {
        await using var kit = await Start(provider);
        var a = (Guid)(await kit.Commitment("OGP-A"))["id"]!;
        var b = (Guid)(await kit.Commitment("OGP-B"))["id"]!;
        var cycle = await Post(kit.Secretariat, "/api/v1/compliance/cycles", new
        {
            forumId = kit.ForumId, name = "OGP", kind = "Final", windowStart = "2025-01-01", windowEnd = "2025-12-31", scheme = "Ogp",
        }, HttpStatusCode.Created);
        var id = (Guid)cycle["id"]!;
        await Post(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/commitments", new { codes = new[] { "OGP-A", "OGP-B" }, version = (int)cycle["version"]! });
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores", new { commitmentId = a, party = "USA", level = "Complete" });
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores", new { commitmentId = a, party = "JPN", level = "Limited" });
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores", new { commitmentId = b, party = "USA", level = "NoEvidence" });
        var bad = await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{id}/scores", new { commitmentId = b, party = "JPN", value = 5 }, HttpStatusCode.BadRequest);

        var d = await Get(kit.Meti, $"/api/v1/compliance/cycles/{id}/dashboard");

        Assert.Contains("value", Fields(bad));
        Assert.Equal((1 + (1.0 / 3)) / 2, Mean(d["overall"]!), 6);
        Assert.Equal(2, (int)d["overall"]!["scored"]!);
        Assert.Equal(100, Percent(Group(d, "byParty", "USA")), 6);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exports_CsvAndXlsx_NeutraliseFormulas(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, ids) = await Grid(kit);
        await Put(kit.Secretariat, $"/api/v1/compliance/cycles/{cycle}/scores",
            new { commitmentId = ids["B"], party = "JPN", value = 1, rationale = "=HYPERLINK(\"https://evil.example\",\"click\")", evidence = "@SUM(A1)" });

        var csv = await kit.Meti.GetStringAsync(new Uri($"/api/v1/compliance/cycles/{cycle}/export.csv", UriKind.Relative));
        using var xlsx = await kit.Meti.GetAsync(new Uri($"/api/v1/compliance/cycles/{cycle}/export.xlsx", UriKind.Relative));

        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", csv, StringComparison.Ordinal);
        var textFields = csv.Split("\r\n").SelectMany(Tandem.Core.Common.Csv.SplitLine)
            .Where(f => !double.TryParse(f, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.All(textFields, f => Assert.False(f.Length > 0 && f[0] is '=' or '+' or '-' or '@', f));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal(new[] { "Scores", "Aggregates" }, sheets.ToArray());
        var rows = stream.Query(useHeaderRow: true, sheetName: "Scores").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(6, rows.Count);
        Assert.Contains(rows, r => (string?)r["rationale"] == "'=HYPERLINK(\"https://evil.example\",\"click\")");
        Assert.All(rows.SelectMany(r => r.Values).OfType<string>()
            .Where(v => !double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)),
            v => Assert.False(v.Length > 0 && v[0] is '=' or '+' or '-' or '@', v));
        var audit = await kit.Factory.WithDb(db => Task.FromResult(db.AuditEntries.Count(e => e.Action == "export" && e.ObjectId == cycle.ToString("D"))));
        Assert.Equal(2, audit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Trends_AcrossCycles_AreServedAsDataAndAsAnSvgChart(string provider)
    {
        await using var kit = await Start(provider);
        var (cycle, _) = await Grid(kit);

        var trends = (await Get(kit.Meti, $"/api/v1/compliance/forums/{kit.ForumId}/trends")).AsArray();
        using var svg = await kit.Meti.GetAsync(new Uri($"/api/v1/compliance/forums/{kit.ForumId}/trends.svg", UriKind.Relative));

        var point = trends.Single(t => (Guid)t!["cycleId"]! == cycle)!;
        Assert.Equal(70, Percent(point["overall"]!), 6);
        Assert.Equal(100, Percent(point["byParty"]!["JPN"]!), 6);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

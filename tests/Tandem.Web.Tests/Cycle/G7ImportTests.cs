using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tandem.Core.Compliance;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

public sealed class G7ImportTests
{
    /// <summary>
    /// Rows of compliance2020.csv whose average disagrees with its scores beyond its own rounding, found by hand
    /// (physical line where each record starts; some texts span several lines).
    /// </summary>
    private static readonly int[] InconsistentLines = [75, 95, 99, 295, 414, 438, 537, 643, 645, 649];

    public static string FixturePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Tandem.Web.Tests", "Cycle", "Fixtures", "compliance2020.csv");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("compliance2020.csv fixture not found above " + AppContext.BaseDirectory);
        }
    }

    private static async Task<JsonNode> Import(CycleKit kit, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(FixturePath));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "compliance2020.csv");
        using var response = await kit.Secretariat.PostAsync(new Uri($"/api/v1/compliance/import?forumId={kit.ForumId}&prefix=G7", UriKind.Relative), form);
        return await Read(response, expected);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_G7History_AveragesMatchTheFileExceptTheReportedRows(string provider)
    {
        await using var kit = await Start(provider);

        var report = await Import(kit);

        Assert.Equal(640, (int)report["rows"]!);
        Assert.Equal(640, (int)report["commitmentsAdded"]!);
        Assert.Equal(41, (int)report["cyclesAdded"]!);
        Assert.Equal(InconsistentLines, report["inconsistent"]!.AsArray().Select(i => (int)i!["line"]!).Order().ToArray());
        Assert.Contains(report["warnings"]!.AsArray(), w => (int)w!["line"]! == 645 && ((string)w["message"]!).Contains("'-'", StringComparison.Ordinal));

        // Every consistent row: Tandem's average of the imported cells equals the file's average (within the file's rounding).
        using var reader = new StreamReader(FixturePath, Encoding.UTF8);
        var records = CsvRecords.Read(reader).ToList();
        var header = records[0].Fields;
        var rows = records.Skip(1).Select(r =>
        {
            var row = header.Select((h, i) => (h, v: i < r.Fields.Count ? r.Fields[i] : "")).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal);
            row["__line"] = r.Line.ToString(CultureInfo.InvariantCulture);
            return row;
        }).ToList();
        Assert.Equal(640, rows.Count);
        var computed = new Dictionary<string, double?>(StringComparer.Ordinal);
        var cycles = await Get(kit.Meti, $"/api/v1/compliance/cycles?forumId={kit.ForumId}&pageSize=100");
        foreach (var cycle in cycles["items"]!.AsArray().Where(c => ((string)c!["name"]!).StartsWith("G7 ", StringComparison.Ordinal)))
        {
            for (var page = 1; ; page++)
            {
                var d = await Get(kit.Meti, $"/api/v1/compliance/cycles/{(Guid)cycle!["id"]!}/dashboard?page={page}&pageSize=200");
                foreach (var row in d["grid"]!["items"]!.AsArray())
                {
                    computed[(string)row!["code"]! + "|" + (string)cycle["name"]!] = (double?)row["average"]!["mean"];
                }

                if (page >= (int)d["grid"]!["pageCount"]!)
                {
                    break;
                }
            }
        }

        var checkedRows = 0;
        var codes = report["warnings"]!.AsArray();
        foreach (var row in rows.Where(r => !InconsistentLines.Contains(int.Parse(r["__line"], CultureInfo.InvariantCulture))))
        {
            var code = CodeOf(row, codes);
            var mean = computed[code + "|G7 " + row["year"].Trim()];
            var text = row["average"].Trim();
            var decimals = text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
            var tolerance = (0.5 * Math.Pow(10, -Math.Max(2, decimals))) + 1e-9;
            Assert.True(mean is not null && Math.Abs(mean.Value - double.Parse(text, CultureInfo.InvariantCulture)) <= tolerance,
                $"line {row["__line"]} ({row["id"]}): file {text}, Tandem {mean}");
            checkedRows++;
        }

        Assert.Equal(630, checkedRows);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_Twice_ChangesNothing_AndAFileWithoutMemberColumnsIsRefused(string provider)
    {
        await using var kit = await Start(provider);
        await Import(kit);

        var again = await Import(kit);
        using var bad = new StringContent("area,id,year,text,average,martians\nX,1,2020,Text,1,1\n", Encoding.UTF8, "text/csv");
        using var refused = await kit.Secretariat.PostAsync(new Uri($"/api/v1/compliance/import?forumId={kit.ForumId}", UriKind.Relative), bad);
        var problem = await Read(refused, HttpStatusCode.BadRequest);

        Assert.Equal(0, (int)again["commitmentsAdded"]!);
        Assert.Equal(640, (int)again["commitmentsReused"]!);
        Assert.Equal(0, (int)again["scoresWritten"]!);
        Assert.Contains("file", Fields(problem));
        await kit.Meti.PostAsync(new Uri($"/api/v1/compliance/import?forumId={kit.ForumId}", UriKind.Relative), new StringContent("x")).ContinueWith(t =>
            Assert.Equal(HttpStatusCode.Forbidden, t.Result.StatusCode), TaskScheduler.Default);
    }

    /// <summary>The code Tandem gave the row: its id upper-cased, or the renamed code the import's warnings report.</summary>
    private static string CodeOf(Dictionary<string, string> row, JsonArray warnings)
    {
        var line = int.Parse(row["__line"], CultureInfo.InvariantCulture);
        var renamed = warnings.FirstOrDefault(w => (int)w!["line"]! == line && ((string)w["message"]!).Contains("imported as ", StringComparison.Ordinal));
        if (renamed is not null)
        {
            var message = (string)renamed["message"]!;
            return message[(message.LastIndexOf("imported as ", StringComparison.Ordinal) + 12)..].TrimEnd('.');
        }

        return row["id"].Trim().ToUpperInvariant();
    }
}

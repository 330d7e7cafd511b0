using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing.Matrix;

namespace Tandem.Web.Tests.Sharing;

/// <summary>
/// SECURITY.md row 1 for consultation submissions, which have an access model of their own (ADR-0701):
/// readers × submissions of every CBI kind × every read path of a submission. Each cell observes two
/// things: whether the submission is shown (its reference appears) and whether its distinctive free-text
/// answer appears — for the CBI rows that answer is the CBI part. The expected answers are written by hand
/// from ADR-0701 and SECURITY.md, never computed from the access code under test.
/// </summary>
public sealed class ConsultationMatrixTests
{
    /// <summary>
    /// The readers, in the column order of the tables: the matrix's own readers (<see cref="AccessMatrixTests.Readers"/>),
    /// then the U.S. secretariat officer, then the contributors of four approved organisations — the demo company
    /// (JPN), "ORG-B" (USA), "ORG-C" (JPN), and "ORG-OUT" (USA), which sends nothing. The matrix's own "company" is a
    /// private agency with no organisation profile.
    /// </summary>
    private static readonly (string Key, string Agency, string Role)[] Readers =
    [
        .. AccessMatrixTests.Readers,
        ("dosSec", "DOS", Roles.Secretariat),
        ("semi", "DEMO-SEMI", Roles.Contributor),
        ("orgB", "ORG-B", Roles.Contributor),
        ("orgC", "ORG-C", Roles.Contributor),
        ("outsider", "ORG-OUT", Roles.Contributor),
    ];

    private static readonly string[] Registered = ["ORG-B", "ORG-C", "ORG-OUT"];

    /// <summary>
    /// The submissions to the demo call (GREEN, community-only), each by another organisation (one submission per
    /// organisation and call): its Q3 free-text answer is marked CBI for the named parties, or not marked.
    /// </summary>
    private static readonly (string Row, string Author, string[]? CbiParties)[] Records =
    [
        ("CBI US", "semi", ["USA"]),
        ("CBI BOTH", "orgB", ["USA", "JPN"]),
        ("NO CBI", "orgC", null),
    ];

    /// <summary>
    /// Who sees the submission at all (its reference). The non-CBI parts take the call's GREEN label, community-only,
    /// with the organisation as originator: every government reader of the forum (members, analyst, both secretariats,
    /// auditor, administrator) sees it; of private accounts only the submitting organisation's contributor does —
    /// never another organisation's, nor the matrix's company, which is no organisation.
    /// </summary>
    private static readonly Dictionary<string, string> Shown = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["CBI US"] =     "  Y   Y   Y    Y     Y    -    Y   Y    Y     Y    -    -    -",
        ["CBI BOTH"] =   "  Y   Y   Y    Y     Y    -    Y   Y    Y     -    Y    -    -",
        ["NO CBI"] =     "  Y   Y   Y    Y     Y    -    Y   Y    Y     -    -    Y    -",
    };

    /// <summary>
    /// Who reads the Q3 answer. A CBI part is TLP:RED to the organisation's contributors and the Secretariat-role
    /// officers of government agencies of the chosen parties: for "USA" the U.S. secretariat officer (not MOFA's);
    /// for both parties also MOFA's officer. Never an administrator, auditor, member or analyst (ADR-0701: people,
    /// not agencies). A part without CBI follows the submission.
    /// </summary>
    private static readonly Dictionary<string, string> Text = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["CBI US"] =     "  -   -   -    -     -    -    -   -    Y     Y    -    -    -",
        ["CBI BOTH"] =   "  -   -   -    -     Y    -    -   -    Y     -    Y    -    -",
        ["NO CBI"] =     "  Y   Y   Y    Y     Y    -    Y   Y    Y     -    -    Y    -",
    };

    /// <summary>Exports are for the secretariat only (Admin or Secretariat role, never a private account); everyone else is refused.</summary>
    private static readonly Dictionary<string, string> ExportShown = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["CBI US"] =     "  -   -   -    -     Y    -    -   Y    Y     -    -    -    -",
        ["CBI BOTH"] =   "  -   -   -    -     Y    -    -   Y    Y     -    -    -    -",
        ["NO CBI"] =     "  -   -   -    -     Y    -    -   Y    Y     -    -    -    -",
    };

    /// <summary>An export carries the answers its secretariat reader may read: CBI only for the cleared officers, as in <see cref="Text"/>.</summary>
    private static readonly Dictionary<string, string> ExportText = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["CBI US"] =     "  -   -   -    -     -    -    -   -    Y     -    -    -    -",
        ["CBI BOTH"] =   "  -   -   -    -     Y    -    -   -    Y     -    -    -    -",
        ["NO CBI"] =     "  -   -   -    -     Y    -    -   Y    Y     -    -    -    -",
    };

    /// <summary>Receipts and the submission list never carry an answer's content, to anyone.</summary>
    private static readonly Dictionary<string, string> NoText = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["CBI US"] =     "  -   -   -    -     -    -    -   -    -     -    -    -    -",
        ["CBI BOTH"] =   "  -   -   -    -     -    -    -   -    -     -    -    -    -",
        ["NO CBI"] =     "  -   -   -    -     -    -    -   -    -     -    -    -    -",
    };

    private static readonly ConsultationProbe[] Probes =
    [
        ConsultationProbe.Detail("/api/v1/consultation/submissions/{id:guid}", "API detail", r => $"/api/v1/consultation/submissions/{r.Id}", Shown, Text),
        ConsultationProbe.Detail("/api/v1/consultation/submissions/{id:guid}/receipt", "API receipt", r => $"/api/v1/consultation/submissions/{r.Id}/receipt", Shown, NoText),
        ConsultationProbe.Listing("/api/v1/consultation/calls/{id:guid}/submissions", "API list", c => $"/api/v1/consultation/calls/{c}/submissions?pageSize=100", Shown, NoText),
        ConsultationProbe.Listing("/api/v1/consultation/calls/{id:guid}/export", "API export", c => $"/api/v1/consultation/calls/{c}/export?format=csv", ExportShown, ExportText),
        ConsultationProbe.Detail("/consultation/submissions/{Id:guid}", "UI detail", r => $"/consultation/submissions/{r.Id}", Shown, Text),
        ConsultationProbe.Detail("/consultation/submissions/{Id:guid}/receipt", "UI receipt", r => $"/consultation/submissions/{r.Id}/receipt", Shown, NoText),
    ];

    /// <summary>The read paths this test covers, for <see cref="EndpointCoverageTests"/>.</summary>
    internal static readonly IReadOnlySet<string> Routes = Probes.Select(p => p.Route).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Providers()
    {
        var cases = new TheoryData<string> { TestDatabase.Sqlite };
        if (!string.IsNullOrEmpty(TestDatabase.PostgresAdmin))
        {
            cases.Add(TestDatabase.PostgreSQL);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EverySubmissionReadPath_EveryReaderAndCbiKind_AnswersAsTheTablesSay(string provider)
    {
        var government = Readers.Where(r => !r.Key.StartsWith("org", StringComparison.Ordinal) && r.Key != "outsider");
        await using var world = await MatrixWorld.Start(provider, demo: true, government);
        var index = 0;
        foreach (var code in Registered)
        {
            await world.PostOk("dosSec", "/api/v1/consultation/organisations", new
            {
                code, nameEn = $"Matrix organisation {code}", party = index++ % 2 == 0 ? "USA" : "JPN", type = "Company", contactEmail = $"{code.ToLowerInvariant()}@matrix.test",
            });
        }

        foreach (var (key, agency, role) in Readers.Where(r => Registered.Contains(r.Agency)))
        {
            world.Users[key] = await world.Factory.CreateUser($"{key}@matrix.test", agency, role);
        }

        // Every reader exists before any CBI is sent: named CBI audiences are resolved when a revision is sent (ADR-0701).
        var calls = await world.Client("semi").GetFromJsonAsync<JsonNode>(new Uri("/api/v1/consultation/calls", UriKind.Relative));
        var callId = calls!["items"]!.AsArray().Single(c => (string?)c!["titleEn"] == "Semiconductor supply-chain risks")!["id"]!.GetValue<Guid>();
        var call = await world.Client("semi").GetFromJsonAsync<JsonNode>(new Uri($"/api/v1/consultation/calls/{callId}", UriKind.Relative));
        var questions = call!["questions"]!.AsArray().ToDictionary(q => q!["number"]!.GetValue<int>(), q => q!["id"]!.GetValue<Guid>());

        var token = Guid.NewGuid().ToString("N")[..8];
        var records = new List<SubmissionRecord>();
        foreach (var (row, author, parties) in Records)
        {
            var text = $"Matrix answer {row.Replace(' ', '-')} {token}";
            using var response = await world.Client(author).PutAsJsonAsync(new Uri($"/api/v1/consultation/calls/{callId}/submission", UriKind.Relative), new
            {
                answers = new object[]
                {
                    new { questionId = questions[1], value = "Somewhat exposed" },
                    new { questionId = questions[2], value = "40" },
                    new { questionId = questions[3], value = text, cbi = parties is not null },
                },
                cbiParties = parties,
                submit = true,
            }, MatrixWorld.Json);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{author} sending {row}: {(int)response.StatusCode} {body}");
            var sent = JsonNode.Parse(body)!;
            records.Add(new SubmissionRecord(row, sent["id"]!.GetValue<Guid>(), (string)sent["reference"]!, text));
        }

        var perReader = await Task.WhenAll(Readers.Select((reader, column) => Observe(records, callId, reader.Key, column, world.Client(reader.Key))));
        var failures = perReader.SelectMany(f => f).ToList();

        Assert.True(failures.Count == 0, $"Consultation submissions on {provider}: {failures.Count} cells differ from the tables:\n" + string.Join("\n", failures));
    }

    private static async Task<List<string>> Observe(List<SubmissionRecord> records, Guid callId, string reader, int column, HttpClient client)
    {
        var failures = new List<string>();
        var fetched = new Dictionary<string, (HttpStatusCode, string)>();
        foreach (var record in records)
        {
            foreach (var probe in Probes)
            {
                var cell = $"{reader} × {record.Row} × {probe.Name}";
                var (shown, text) = await probe.Observe(client, fetched, record, callId, message => failures.Add($"{cell}: {message}"));
                var expectShown = Cell(probe.Shown, record.Row, column);
                var expectText = Cell(probe.Text, record.Row, column);
                if (shown != expectShown)
                {
                    failures.Add($"{cell}: expected {(expectShown ? "visible" : "hidden")}, was {(shown ? "visible" : "hidden")}");
                }

                if (text != expectText)
                {
                    failures.Add($"{cell}: expected the Q3 answer {(expectText ? "shown" : "absent")}, was {(text ? "shown" : "absent")}");
                }
            }
        }

        return failures;
    }

    private static bool Cell(Dictionary<string, string> table, string row, int column) =>
        table[row].Split(' ', StringSplitOptions.RemoveEmptyEntries)[column] == "Y";

    private sealed record SubmissionRecord(string Row, Guid Id, string Reference, string Text);

    /// <summary>One read path of a submission: shown when the reference appears; the answer when its Q3 text appears.</summary>
    private sealed record ConsultationProbe(string Route, string Name, Dictionary<string, string> Shown, Dictionary<string, string> Text,
        Func<HttpClient, Dictionary<string, (HttpStatusCode, string)>, SubmissionRecord, Guid, Action<string>, Task<(bool Shown, bool Text)>> Observe)
    {
        /// <summary>One address per submission: 200 with the reference, or 404 without it (and without the answer).</summary>
        public static ConsultationProbe Detail(string route, string name, Func<SubmissionRecord, string> path, Dictionary<string, string> shown, Dictionary<string, string> text) =>
            new(route, name, shown, text, async (client, _, record, _, fail) =>
            {
                using var response = await client.GetAsync(new Uri(path(record), UriKind.Relative));
                var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                var hasReference = body.Contains(record.Reference, StringComparison.Ordinal);
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound) || hasReference != (response.StatusCode == HttpStatusCode.OK))
                {
                    fail($"{path(record)} answered {(int)response.StatusCode} with the reference {(hasReference ? "shown" : "not shown")}");
                }

                return (response.StatusCode == HttpStatusCode.OK && hasReference, body.Contains(record.Text, StringComparison.Ordinal));
            });

        /// <summary>One address for the call's submissions, fetched once per reader; a reader it is not for is refused (403, or 404 for a call it may not see).</summary>
        public static ConsultationProbe Listing(string route, string name, Func<Guid, string> path, Dictionary<string, string> shown, Dictionary<string, string> text) =>
            new(route, name, shown, text, async (client, fetched, record, callId, fail) =>
            {
                var url = path(callId);
                if (!fetched.TryGetValue(url, out var answer))
                {
                    using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                    answer = (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
                    fetched[url] = answer;
                }

                var (status, body) = answer;
                if (status is not (HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    fail($"{url} answered {(int)status}");
                }

                var ok = status == HttpStatusCode.OK;
                return (ok && body.Contains(record.Reference, StringComparison.Ordinal), body.Contains(record.Text, StringComparison.Ordinal));
            });
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
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
        ConsultationProbe.Download("/api/v1/consultation/submissions/{id:guid}/attachments/{attachmentId:guid}", "API attachment download", Text),
    ];

    /// <summary>The read paths this test covers, for <see cref="EndpointCoverageTests"/>.</summary>
    internal static IReadOnlySet<string> Routes => Probes.Select(p => p.Route).Concat(CallProbes.Select(p => p.Route)).ToHashSet(StringComparer.Ordinal);

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
        var (world, _) = await StartWorld(provider);
        await using var disposeWorld = world;

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
            var fileText = $"Matrix file {row.Replace(' ', '-')} {token}";

            // The Q4 file carries the same CBI choice as the Q3 answer, so its download follows the Text table.
            using var file = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {fileText}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var form = new MultipartFormDataContent
            {
                { file, "file", "matrix.pdf" },
                { new StringContent(questions[4].ToString("D")), "questionId" },
                { new StringContent(parties is null ? "false" : "true"), "cbi" },
            };
            using var uploaded = await world.Client(author).PostAsync(new Uri($"/api/v1/consultation/calls/{callId}/submission/attachments", UriKind.Relative), form);
            var draft = await uploaded.Content.ReadAsStringAsync();
            Assert.True(uploaded.StatusCode == HttpStatusCode.OK, $"{author} attaching a file to {row}: {(int)uploaded.StatusCode} {draft}");

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
                version = (int)JsonNode.Parse(draft)!["version"]!,
            }, MatrixWorld.Json);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{author} sending {row}: {(int)response.StatusCode} {body}");
            var sent = JsonNode.Parse(body)!;
            var attachment = sent["attachments"]!.AsArray().Single()!["id"]!.GetValue<Guid>();
            records.Add(new SubmissionRecord(row, sent["id"]!.GetValue<Guid>(), (string)sent["reference"]!, text, attachment, fileText));
        }

        var perReader = await Task.WhenAll(Readers.Select((reader, column) => Observe(records, callId, reader.Key, column, world.Client(reader.Key))));
        var failures = perReader.SelectMany(f => f).ToList();

        Assert.True(failures.Count == 0, $"Consultation submissions on {provider}: {failures.Count} cells differ from the tables:\n" + string.Join("\n", failures));
    }

    /// <summary>The demo with the matrix's readers, the three registered organisations and their contributors; the organisations' ids by code.</summary>
    private static async Task<(MatrixWorld World, Dictionary<string, Guid> Organisations)> StartWorld(string provider)
    {
        var government = Readers.Where(r => !Registered.Contains(r.Agency));
        var world = await MatrixWorld.Start(provider, demo: true, government);
        var organisations = new Dictionary<string, Guid>();
        var index = 0;
        foreach (var code in Registered)
        {
            var organisation = await world.PostOk("dosSec", "/api/v1/consultation/organisations", new
            {
                code, nameEn = $"Matrix organisation {code}", party = index++ % 2 == 0 ? "USA" : "JPN", type = "Company", contactEmail = $"{code.ToLowerInvariant()}@matrix.test",
            });
            organisations[code] = organisation["id"]!.GetValue<Guid>();
        }

        foreach (var (key, agency, role) in Readers.Where(r => Registered.Contains(r.Agency)))
        {
            world.Users[key] = await world.Factory.CreateUser($"{key}@matrix.test", agency, role);
        }

        return (world, organisations);
    }

    /// <summary>
    /// Calls as organisations see them: only when the call's audience includes their organisation and its label admits
    /// them, the audience counting as the community of a GREEN call (ADR-0701). Each call of the demo's consultation track
    /// is created by the U.S. secretariat officer — GREEN unless the row names another label; the open ones are answered
    /// by one organisation (if any may), closed and summarised, which notifies that organisation's contributors.
    /// </summary>
    private static readonly (string Row, string Audience, string? Answerer, bool Open)[] Calls =
    [
        ("ALL", "AllRegistered", "orgB", true),
        ("INVITED C", "Invited", "orgC", true),
        ("DRAFT", "AllRegistered", null, false),
        ("RED MOFA", "AllRegistered", null, true),
        ("REL TO USA", "AllRegistered", "orgB", true),
        ("AMBER ORG-C", "AllRegistered", "orgC", true),
    ];

    /// <summary>The label a row's call is created with: RED to MOFA's secretariat officer, GREEN releasable to the USA, AMBER to ORG-C; null is the default GREEN.</summary>
    private static async Task<object?> CallLabel(MatrixWorld world, string row) => row switch
    {
        "RED MOFA" => new { level = "Red", recipientUsers = new[] { world.Users["mofa"].Id } },
        "REL TO USA" => new { level = "Green", releasableTo = new[] { "USA" } },
        "AMBER ORG-C" => new { level = "Amber", recipientAgencies = new[] { await world.Factory.WithDb(db => db.Agencies.Where(a => a.Code == "ORG-C").Select(a => a.Id).SingleAsync()) } },
        _ => null,
    };

    /// <summary>
    /// Who sees the call (list, detail, its page, its summary page). Government readers through the label — a draft
    /// only the secretariat (Secretariat role or administrator); organisations when the audience includes them and the
    /// label admits them, never a draft; the matrix's company, which is no organisation, never. The RED call reaches
    /// its author and MOFA's named officer only — no contributor, though every organisation is in its audience; the
    /// GREEN call releasable to the USA only the U.S. organisations; the AMBER call only ORG-C of the organisations.
    /// </summary>
    private static readonly Dictionary<string, string> CallShown = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["ALL"] =        "  Y   Y   Y    Y     Y    -    Y   Y    Y     Y    Y    Y    Y",
        ["INVITED C"] =  "  Y   Y   Y    Y     Y    -    Y   Y    Y     -    -    Y    -",
        ["DRAFT"] =      "  -   -   -    -     Y    -    -   Y    Y     -    -    -    -",
        ["RED MOFA"] =   "  -   -   -    -     Y    -    -   -    Y     -    -    -    -",
        ["REL TO USA"] = "  Y   Y   -    -     -    -    Y   Y    Y     -    Y    -    Y",
        ["AMBER ORG-C"] = " Y   -   -    -     -    -    Y   Y    Y     -    -    Y    -",
    };

    /// <summary>The answer of the aggregates (API and page): the secretariat's; 403 to others who see the call; 404 to those who do not.</summary>
    private static readonly Dictionary<string, string> AggregatesStatus = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["ALL"] =        "403 403 403  403  200  404  403 200  200  403  403  403  403",
        ["INVITED C"] =  "403 403 403  403  200  404  403 200  200  404  404  403  404",
        ["DRAFT"] =      "404 404 404  404  200  404  404 200  200  404  404  404  404",
        ["RED MOFA"] =   "404 404 404  404  200  404  404 404  200  404  404  404  404",
        ["REL TO USA"] = "403 403 404  404  404  404  403 200  200  404  403  404  403",
        ["AMBER ORG-C"] = "403 404 404 404  404  404  403 200  200  404  404  403  404",
    };

    /// <summary>
    /// The answer of the export: refused (403) to everyone but the secretariat, whatever the call; to the secretariat a
    /// file of the calls it sees, "not found" for the others.
    /// </summary>
    private static readonly Dictionary<string, string> ExportStatus = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["ALL"] =        "403 403 403  403  200  403  403 200  200  403  403  403  403",
        ["INVITED C"] =  "403 403 403  403  200  403  403 200  200  403  403  403  403",
        ["DRAFT"] =      "403 403 403  403  200  403  403 200  200  403  403  403  403",
        ["RED MOFA"] =   "403 403 403  403  200  403  403 404  200  403  403  403  403",
        ["REL TO USA"] = "403 403 403  403  404  403  403 200  200  403  403  403  403",
        ["AMBER ORG-C"] = "403 403 403 403  404  403  403 200  200  403  403  403  403",
    };

    /// <summary>
    /// Whose inbox names the call: contributors who may see an opened call (told it opened), the secretariat officers who
    /// may read its submissions (told one arrived), and the organisation that answered (told the summary is published).
    /// Nobody is told of a call they may not see: the RED call, the draft and the releasability-bound calls stay out of
    /// the other inboxes.
    /// </summary>
    private static readonly Dictionary<string, string> Notified = new()
    {
        //                 dos doc meti metiA mofa comp aud adm dosSec semi orgB orgC out
        ["ALL"] =        "  -   -   -    -     Y    -    -   -    Y     Y    Y    Y    Y",
        ["INVITED C"] =  "  -   -   -    -     Y    -    -   -    Y     -    -    Y    -",
        ["DRAFT"] =      "  -   -   -    -     -    -    -   -    -     -    -    -    -",
        ["RED MOFA"] =   "  -   -   -    -     -    -    -   -    -     -    -    -    -",
        ["REL TO USA"] = "  -   -   -    -     -    -    -   -    Y     -    Y    -    Y",
        ["AMBER ORG-C"] = " -   -   -    -     -    -    -   -    Y     -    -    Y    -",
    };

    private static readonly CallProbe[] CallProbes =
    [
        new("/api/v1/consultation/calls", "API list", _ => "/api/v1/consultation/calls?pageSize=100", CallShown, CallProbeKind.Listing),
        new("/api/v1/consultation/calls/{id:guid}", "API detail", c => $"/api/v1/consultation/calls/{c.Id}", CallShown, CallProbeKind.Detail),
        new("/api/v1/consultation/calls/{id:guid}/aggregates", "API aggregates", c => $"/api/v1/consultation/calls/{c.Id}/aggregates", AggregatesStatus, CallProbeKind.Status),
        new("/api/v1/consultation/calls/{id:guid}/export", "API export", c => $"/api/v1/consultation/calls/{c.Id}/export?format=csv", ExportStatus, CallProbeKind.File),
        new("/consultation", "UI list", _ => "/consultation", CallShown, CallProbeKind.Listing),
        new("/consultation/{Id:guid}", "UI call", c => $"/consultation/{c.Id}", CallShown, CallProbeKind.Detail),
        new("/consultation/{Id:guid}/aggregates", "UI aggregates", c => $"/consultation/{c.Id}/aggregates", AggregatesStatus, CallProbeKind.Status),
        new("/consultation/{Id:guid}/summary", "UI summary", c => $"/consultation/{c.Id}/summary", CallShown, CallProbeKind.Detail),
        new("/api/v1/notifications", "API notifications", _ => "/api/v1/notifications?pageSize=100", Notified, CallProbeKind.Listing),
        new("/notifications", "UI notifications", _ => "/notifications", Notified, CallProbeKind.Listing),
    ];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EveryCallReadPath_EveryReaderAndAudience_AnswersAsTheTablesSay(string provider)
    {
        var (world, organisations) = await StartWorld(provider);
        await using var disposeWorld = world;
        var track = await CallSubject.DemoTrack(world.Client("dosSec"));

        var token = Guid.NewGuid().ToString("N")[..8];
        var records = new List<CallRecord>();
        foreach (var (row, audience, answerer, open) in Calls)
        {
            var title = $"Matrix call {row.Replace(' ', '-')} {token}";
            var call = await world.PostOk("dosSec", "/api/v1/consultation/calls", new
            {
                trackId = track,
                titleEn = title,
                opensAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                closesAt = DateTimeOffset.UtcNow.AddDays(10),
                audience,
                invitedOrganisations = audience == "Invited" ? new[] { organisations["ORG-C"] } : null,
                questions = new object[] { new { kind = "FreeText", textEn = "What should the forum know?", required = true } },
                label = await CallLabel(world, row),
            });
            var id = call["id"]!.GetValue<Guid>();
            records.Add(new CallRecord(row, id, title));
            if (!open)
            {
                continue;
            }

            call = await world.PostOk("dosSec", $"/api/v1/consultation/calls/{id}/open", new { version = (int)call["version"]! });
            if (answerer is not null)
            {
                using var answered = await world.Client(answerer).PutAsJsonAsync(new Uri($"/api/v1/consultation/calls/{id}/submission", UriKind.Relative), new
                {
                    answers = new object[] { new { questionId = call["questions"]![0]!["id"]!.GetValue<Guid>(), value = "Matrix answer" } },
                    submit = true,
                }, MatrixWorld.Json);
                Assert.True(answered.IsSuccessStatusCode, $"{answerer} answering {row}: {(int)answered.StatusCode} {await answered.Content.ReadAsStringAsync()}");
            }

            call = await world.Client("dosSec").GetFromJsonAsync<JsonNode>(new Uri($"/api/v1/consultation/calls/{id}", UriKind.Relative));
            call = await world.PostOk("dosSec", $"/api/v1/consultation/calls/{id}/close", new { version = (int)call!["version"]! });
            await world.PostOk("dosSec", $"/api/v1/consultation/calls/{id}/summary", new
            {
                whatWeHeardEn = "Matrix: what we heard.",
                whatWeDidEn = "Matrix: what we did.",
                version = (int)call["version"]!,
            });
        }

        var perReader = await Task.WhenAll(Readers.Select((reader, column) => ObserveCalls(records, reader.Key, column, world.Client(reader.Key))));
        var failures = perReader.SelectMany(f => f).ToList();

        Assert.True(failures.Count == 0, $"Calls for input on {provider}: {failures.Count} cells differ from the tables:\n" + string.Join("\n", failures));
    }

    private static async Task<List<string>> ObserveCalls(List<CallRecord> records, string reader, int column, HttpClient client)
    {
        var failures = new List<string>();
        var fetched = new Dictionary<string, (HttpStatusCode Status, string Body)>();
        foreach (var record in records)
        {
            foreach (var probe in CallProbes)
            {
                var cell = $"{reader} × {record.Row} × {probe.Name}";
                var url = probe.Path(record);
                var expected = probe.Table[record.Row].Split(' ', StringSplitOptions.RemoveEmptyEntries)[column];
                if (probe.Kind == CallProbeKind.Listing && fetched.TryGetValue(url, out var listing))
                {
                    Compare(listing.Status, listing.Body);
                    continue;
                }

                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                if (probe.Kind == CallProbeKind.Listing)
                {
                    fetched[url] = (response.StatusCode, body);
                }

                Compare(response.StatusCode, body);

                void Compare(HttpStatusCode status, string text)
                {
                    var shown = text.Contains(record.Title, StringComparison.Ordinal);
                    switch (probe.Kind)
                    {
                        case CallProbeKind.Status or CallProbeKind.File:
                            var answered = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
                            if (answered != expected || (probe.Kind == CallProbeKind.Status ? shown != (status == HttpStatusCode.OK) : shown && status != HttpStatusCode.OK))
                            {
                                failures.Add($"{cell}: expected {expected}{(expected == "200" ? " with the title" : " without it")}, was {answered} with the title {(shown ? "shown" : "absent")}");
                            }

                            break;
                        case CallProbeKind.Detail:
                            if (status is not (HttpStatusCode.OK or HttpStatusCode.NotFound) || shown != (status == HttpStatusCode.OK))
                            {
                                failures.Add($"{cell}: {url} answered {(int)status} with the title {(shown ? "shown" : "absent")}");
                            }
                            else if (shown != (expected == "Y"))
                            {
                                failures.Add($"{cell}: expected {(expected == "Y" ? "visible" : "hidden")}, was {(shown ? "visible" : "hidden")}");
                            }

                            break;
                        default:
                            if (status != HttpStatusCode.OK)
                            {
                                failures.Add($"{cell}: {url} answered {(int)status}");
                            }
                            else if (shown != (expected == "Y"))
                            {
                                failures.Add($"{cell}: expected {(expected == "Y" ? "listed" : "absent")}, was {(shown ? "listed" : "absent")}");
                            }

                            break;
                    }
                }
            }
        }

        return failures;
    }

    private sealed record CallRecord(string Row, Guid Id, string Title);

    private enum CallProbeKind
    {
        /// <summary>A list fetched once per reader: the title is listed or not.</summary>
        Listing,

        /// <summary>One address per call: 200 with the title, or 404 without it.</summary>
        Detail,

        /// <summary>The exact status the table states; a 200 shows the title, nothing else does.</summary>
        Status,

        /// <summary>The exact status the table states, for a file that need not name its call; only a 200 may show the title.</summary>
        File,
    }

    private sealed record CallProbe(string Route, string Name, Func<CallRecord, string> Path, Dictionary<string, string> Table, CallProbeKind Kind);

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

    private sealed record SubmissionRecord(string Row, Guid Id, string Reference, string Text, Guid Attachment, string FileText);

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

        /// <summary>
        /// The Q4 file of a submission: 200 with its bytes (attachment disposition, nosniff) or 404. It carries its part's
        /// label, as the Q3 answer does, so both its being served and its content follow the table of the Q3 answer.
        /// </summary>
        public static ConsultationProbe Download(string route, string name, Dictionary<string, string> text) =>
            new(route, name, text, text, async (client, _, record, _, fail) =>
            {
                var url = $"/api/v1/consultation/submissions/{record.Id}/attachments/{record.Attachment}";
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                var hasFile = body.Contains(record.FileText, StringComparison.Ordinal);
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound) || hasFile != (response.StatusCode == HttpStatusCode.OK))
                {
                    fail($"{url} answered {(int)response.StatusCode} with the file {(hasFile ? "served" : "not served")}");
                }

                if (response.StatusCode == HttpStatusCode.OK && (response.Content.Headers.ContentDisposition?.DispositionType != "attachment"
                    || !response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) || sniff.Single() != "nosniff"))
                {
                    fail($"{url} served the file without Content-Disposition: attachment and X-Content-Type-Options: nosniff");
                }

                return (response.StatusCode == HttpStatusCode.OK && hasFile, hasFile);
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

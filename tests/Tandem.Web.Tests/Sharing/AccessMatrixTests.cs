using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing.Matrix;

namespace Tandem.Web.Tests.Sharing;

/// <summary>
/// SECURITY.md row 1: one access policy decides every read path. Readers of two parties, several
/// agencies and roles (a company contributor and an auditor among them) × records of every label
/// kind × every read endpoint of the API and the UI, for every kind of labelled record
/// (<see cref="Subjects"/>). The expected answers come from the table below, written by hand from
/// SECURITY.md — never from the access policy under test. A kind may leave out a row its creation
/// rules forbid, or state a different answer for a row, each with its reason in the subject.
/// </summary>
public sealed class AccessMatrixTests
{
    /// <summary>The readers, in the column order of <see cref="Expected"/>.</summary>
    internal static readonly (string Key, string Agency, string Role)[] Readers =
    [
        ("dos", "DOS", Roles.Member),
        ("doc", "DOC", Roles.Member),
        ("meti", "METI", Roles.Member),
        ("metiAnalyst", "METI", Roles.Analyst),
        ("mofa", "MOFA", Roles.Secretariat),
        ("company", "SEMI", Roles.Contributor),
        ("auditor", "DOS", Roles.Auditor),
        ("admin", "DOS", Roles.Admin),
    ];

    /// <summary>
    /// Creators who are not readers, for kinds whose creation needs a role the table's creator lacks
    /// (an analysis needs an analyst, a meeting paper or a call for input the secretariat). Same agency
    /// as the table's creator, so the record's originator — and the table — stay the same.
    /// </summary>
    internal static readonly (string Key, string Agency, string Role)[] Creators =
    [
        ("dosAnalyst", "DOS", Roles.Analyst),
        ("docAnalyst", "DOC", Roles.Analyst),
        ("dosSecretariat", "DOS", Roles.Secretariat),
        ("docSecretariat", "DOC", Roles.Secretariat),
        ("metiSecretariat", "METI", Roles.Secretariat),
    ];

    /// <summary>Each record: who creates it, with which label fields.</summary>
    private static readonly (string Kind, string Creator, Dictionary<string, string> Label)[] Records =
    [
        ("CLEAR", "dos", new() { ["level"] = "Clear" }),
        ("GREEN", "meti", new() { ["level"] = "Green" }),
        ("AMBER", "doc", new() { ["level"] = "Amber", ["recipientAgencies"] = "METI" }),
        ("AMBER+STRICT", "mofa", new() { ["level"] = "AmberStrict" }),
        ("RED", "doc", new() { ["level"] = "Red", ["recipientUsers"] = "meti@matrix.test" }),
        ("REL TO JPN", "mofa", new() { ["level"] = "Green", ["releasableTo"] = "JPN" }),
        ("USA ONLY", "dos", new() { ["level"] = "Green", ["originatorOnly"] = "true" }),
        ("CBI", "company", new() { ["level"] = "Amber", ["recipientAgencies"] = "METI", ["caveats"] = "CBI" }),
        ("EMBARGOED", "meti", new() { ["level"] = "Green", ["embargoedUntil"] = "2099-01-01" }),
    ];

    /// <summary>Who may see what (Y) — the promise, written out. Columns follow <see cref="Readers"/>.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        //                     dos doc meti metiA mofa comp aud adm
        ["CLEAR"] =          "  Y   Y   Y    Y     Y    Y    Y   Y",
        ["GREEN"] =          "  Y   Y   Y    Y     Y    -    Y   Y",
        ["AMBER"] =          "  -   Y   Y    Y     -    -    -   -",
        ["AMBER+STRICT"] =   "  -   -   -    -     Y    -    -   -",
        ["RED"] =            "  -   Y   Y    -     -    -    -   -",
        ["REL TO JPN"] =     "  -   -   Y    Y     Y    -    -   -",
        ["USA ONLY"] =       "  Y   Y   -    -     -    -    Y   Y",
        ["CBI"] =            "  -   -   Y    Y     -    Y    -   -",
        ["EMBARGOED"] =      "  -   -   Y    Y     -    -    -   -",
    };

    /// <summary>Every kind of labelled record, each with all its read paths.</summary>
    private static readonly MatrixSubject[] Subjects =
    [
        new DocumentSubject(),
        new ProgrammeSubject(),
        new NoticeSubject(),
        new CoercionSubject(),
        new MeetingPaperSubject(),
        new AnalysisSubject(),
        new ProgressReportSubject(),
        new CallSubject(),
    ];

    /// <summary>Every read path the matrix exercises (with the consultation submission paths of <see cref="ConsultationMatrixTests"/>); <see cref="EndpointCoverageTests"/> fails for a GET endpoint in neither this set nor its allow-list.</summary>
    public static readonly IReadOnlySet<string> CoveredEndpoints = Subjects.SelectMany(s => s.Probes).Select(p => p.Route)
        .Concat(ConsultationMatrixTests.Routes).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var subject in Subjects)
        {
            foreach (var provider in string.IsNullOrEmpty(TestDatabase.PostgresAdmin) ? [TestDatabase.Sqlite] : new[] { TestDatabase.Sqlite, TestDatabase.PostgreSQL })
            {
                cases.Add(subject.Name, provider);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryReadEndpoint_EveryReaderAndLabel_AnswersAsTheTableSays(string kind, string provider)
    {
        var subject = Subjects.Single(s => s.Name == kind);
        var rows = Records.Select(r => (r.Kind, Creator: subject.Creator(r.Kind, r.Creator), Label: new RecordLabel(r.Label))).Where(r => r.Creator is not null).ToList();
        var creators = rows.Select(r => r.Creator!).Where(c => Readers.All(reader => reader.Key != c)).Distinct()
            .Select(c => Creators.Single(k => k.Key == c));
        await using var world = await MatrixWorld.Start(provider, subject.NeedsDemo, Readers.Concat(creators));
        await subject.Prepare(world);

        var token = Guid.NewGuid().ToString("N")[..8];
        var records = new List<MatrixRecord>();
        foreach (var (row, creator, label) in rows)
        {
            var title = $"Matrix {row} {token}";
            records.Add(new MatrixRecord(row, await subject.Create(world, creator!, label, title), title));
        }

        // The readers look at the same records at the same time, each with a client of its own: the cells do not
        // depend on each other, and the app must answer concurrent readers the same as one at a time.
        var clients = Readers.Select(r => world.Client(r.Key)).ToList();
        var perReader = await Task.WhenAll(Readers.Select((reader, column) => Observe(subject, records, reader.Key, column, clients[column])));
        var failures = perReader.SelectMany(f => f).ToList();

        Assert.True(failures.Count == 0, $"{kind} on {provider}: {failures.Count} cells differ from the table:\n" + string.Join("\n", failures));
    }

    /// <summary>Every probe of the subject for every record, as one reader; the cells that differ from the table.</summary>
    private static async Task<List<string>> Observe(MatrixSubject subject, List<MatrixRecord> records, string reader, int column, HttpClient client)
    {
        var failures = new List<string>();
        var context = new ProbeContext(client, [], failures.Add);
        var probes = subject.Probes;
        foreach (var record in records)
        {
            var table = subject.ExpectedOverrides.TryGetValue(record.Row, out var overridden) ? overridden : Expected[record.Row];
            var expected = table.Split(' ', StringSplitOptions.RemoveEmptyEntries)[column] == "Y";
            context.Record = record;
            foreach (var probe in probes)
            {
                var before = failures.Count;
                var shown = await probe.Observe(context);
                for (var i = before; i < failures.Count; i++)
                {
                    failures[i] = $"{reader} × {record.Row} × {probe.Name}: {failures[i]}";
                }

                if (shown != expected)
                {
                    failures.Add($"{reader} × {record.Row} × {probe.Name}: expected {(expected ? "visible" : "hidden")}, was {(shown ? "visible" : "hidden")}");
                }
            }
        }

        return failures;
    }
}

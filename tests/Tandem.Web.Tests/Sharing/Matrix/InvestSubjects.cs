using System.Globalization;

namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>
/// Programmes (C7). Each record gets a technology of its own and a one-year amount no other programme has,
/// so the coordination views (matrix, profile, chart, comparison) filtered to that technology show the
/// amount exactly when the reader may see the programme.
/// </summary>
internal sealed class ProgrammeSubject : MatrixSubject
{
    public override string Name => "Programmes";

    // Programmes are registered by officers of the party's agencies; a company contributor registers none.
    public override string? Creator(string row, string tableCreator) => tableCreator == "company" ? null : tableCreator;

    private static readonly RecordLabel Clear = new(new Dictionary<string, string> { ["level"] = "Clear" });

    /// <summary>Programme codes of the CLEAR partner programmes, by party.</summary>
    private readonly Dictionary<string, string> _partners = [];

    /// <summary>The CLEAR joint project that links each record to a partner programme of the other party.</summary>
    private readonly Dictionary<Guid, Guid> _joint = [];

    /// <summary>A CLEAR programme of each party, for joint projects to link each record to.</summary>
    public override async Task Prepare(MatrixWorld world)
    {
        foreach (var (party, creator) in new[] { ("USA", "dos"), ("JPN", "meti") })
        {
            var title = $"Partner {party} {Guid.NewGuid().ToString("N")[..8]}";
            await Register(world, creator, Clear, title);
            _partners[party] = Technology(title).ToUpperInvariant();
        }
    }

    /// <summary>
    /// Registers the programme, then — as its creator — a CLEAR joint project linking it to the other party's partner
    /// programme. Everyone sees the joint project; it lists the record's programme only to whom may see that programme.
    /// </summary>
    public override async Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title)
    {
        var id = await Register(world, creator, label, title);
        var other = MatrixWorld.PartyOf(world.Users[creator].AgencyCode) == "USA" ? "JPN" : "USA";
        _joint[id] = await world.PostForId(creator, "/api/v1/programmes/joint-projects", new
        {
            nameEn = $"Joint {Guid.NewGuid():N}",
            objective = "Matrix",
            programmeCodes = new[] { Technology(title).ToUpperInvariant(), _partners[other] },
            label = Clear.AsInput(world),
        });
        return id;
    }

    private static async Task<Guid> Register(MatrixWorld world, string creator, RecordLabel label, string title)
    {
        var technology = Technology(title);
        await world.PostForId("metiAnalyst", "/api/v1/programmes/technologies", new { code = technology, nameEn = technology });
        var agency = world.Users[creator].AgencyCode;
        return await world.PostForId(creator, "/api/v1/programmes", new
        {
            code = technology.ToUpperInvariant(),
            party = MatrixWorld.PartyOf(agency),
            agencyCode = agency,
            nameEn = title,
            instrument = "Grant",
            technology,
            stage = "Fabrication",
            amount = Amount(title),
            currency = "USD",
            startYear = 2025,
            endYear = 2025,
            source = "matrix",
            confidence = "seen",
            label = label.AsInput(world),
        });
    }

    /// <summary>A technology code of the record's own, from its unique title.</summary>
    private static string Technology(string title) =>
        new string(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Replace("--", "-", StringComparison.Ordinal);

    /// <summary>An amount no other programme has (a demo programme could not collide by chance): digits of the title's hash.</summary>
    private static string Amount(string title) =>
        (7_000_000_000L + (Math.Abs((long)StableHash(title)) % 999_999_999L)).ToString(CultureInfo.InvariantCulture);

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private static string Coordination(string view, MatrixRecord r) => $"/api/v1/programmes/{view}?technology={Technology(r.Title)}&currency=USD&fromYear=2025&toYear=2025";

    private static Probe AmountIn(string route, string name, string view) =>
        new(route, name, async c =>
        {
            var url = Coordination(view, c.Record);
            using var response = await c.Client.GetAsync(new Uri(url, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                c.Fail($"{url} answered {(int)response.StatusCode}");
            }

            return body.Contains(Amount(c.Record.Title), StringComparison.Ordinal);
        });

    public override IReadOnlyList<Probe> Probes =>
    [
        .. Probe.EverySearch,
        Probe.Detail("/api/v1/programmes/{id:guid}", "API detail", r => $"/api/v1/programmes/{r.Id}"),
        Probe.Listing("/api/v1/programmes/joint-projects", "API joint projects", "/api/v1/programmes/joint-projects"),
        Probe.Search("/api/v1/programmes/joint-projects/{id:guid}", "API joint project detail", r => $"/api/v1/programmes/joint-projects/{_joint[r.Id]}"),
        Probe.Listing("/api/v1/programmes", "API list", "/api/v1/programmes?pageSize=200"),
        Probe.Search("/api/v1/programmes", "API search", r => $"/api/v1/programmes?search={Uri.EscapeDataString(r.Title)}"),
        Probe.Search("/api/v1/programmes/compare", "API compare", r => $"/api/v1/programmes/compare?technology={Technology(r.Title)}&currency=USD"),
        AmountIn("/api/v1/programmes/matrix", "API matrix", "matrix"),
        AmountIn("/api/v1/programmes/profile", "API profile", "profile"),
        new("/api/v1/programmes/profile.svg", "API profile chart", async c =>
        {
            // The chart prints no numbers; its axis reads "USD billion" only when a bar of the record's billions is drawn.
            var svg = await c.Client.GetStringAsync(new Uri(Coordination("profile.svg", c.Record), UriKind.Relative));
            return svg.Contains("USD billion", StringComparison.Ordinal);
        }),
        Probe.Listing("/programmes", "UI list", "/programmes", byTitle: true),
        Probe.Page("/programmes/{Id:guid}", "UI detail", r => $"/programmes/{r.Id}"),
        Probe.Guarded("/programmes/{Id:guid}/edit", "UI edit page", r => $"/programmes/{r.Id}/edit"),
        Probe.Guarded("/programmes/{Id:guid}/delete", "UI delete page", r => $"/programmes/{r.Id}/delete"),
        new("/programmes/matrix", "UI matrix", async c =>
        {
            // The record's technology has a row only with a programme the reader may see, and then it shows the record's billions.
            var (_, html) = await c.Fetch("/programmes/matrix?currency=USD&fromYear=2025&toYear=2025");
            var start = html.IndexOf(">" + Technology(c.Record.Title) + "<", StringComparison.Ordinal);
            if (start < 0)
            {
                return false;
            }

            var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
            return row.Contains(" bn", StringComparison.Ordinal);
        }),
    ];
}

/// <summary>Disruption notices (C8): submitted by an officer of either party to the EPCC.</summary>
internal sealed class NoticeSubject : MatrixSubject
{
    public override string Name => "Notices";

    // Notices are submitted by government officers; a company contributor submits none.
    public override string? Creator(string row, string tableCreator) => tableCreator == "company" ? null : tableCreator;

    private static readonly string[] Products = ["811292"];
    private static readonly string[] Sectors = ["semiconductors"];

    public override Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title) =>
        world.PostForId(creator, "/api/v1/notices", new
        {
            forumCode = "EPCC",
            title,
            products = Products,
            sectors = Sectors,
            sourceCountry = "CHN",
            cause = "Export licences required",
            impact = "Four weeks of stock",
            expectedDuration = "six months",
            measuresTaken = "Stock release",
            label = label.AsInput(world),
        });

    public override IReadOnlyList<Probe> Probes { get; } =
    [
        .. Probe.EverySearch,
        Probe.Detail("/api/v1/notices/{id:guid}", "API detail", r => $"/api/v1/notices/{r.Id}"),
        Probe.Listing("/api/v1/notices", "API list", "/api/v1/notices?pageSize=200"),
        Probe.Search("/api/v1/notices", "API search", r => $"/api/v1/notices?search={Uri.EscapeDataString(r.Title)}"),
        Probe.Listing("/api/v1/notices/due", "API due", "/api/v1/notices/due"),
        Probe.Listing("/notices", "UI list", "/notices", byTitle: true),
        Probe.Page("/notices/{Id:guid}", "UI detail", r => $"/notices/{r.Id}"),
    ];
}

/// <summary>Economic-coercion incidents (C8): reported by an officer of the targeted party's side.</summary>
internal sealed class CoercionSubject : MatrixSubject
{
    public override string Name => "Coercion incidents";

    // Incidents are reported by government officers; a company contributor reports none.
    public override string? Creator(string row, string tableCreator) => tableCreator == "company" ? null : tableCreator;

    private static readonly string[] ImportBan = ["ImportBan"];
    private static readonly string[] Seafood = ["030389"];

    public override Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title) =>
        world.PostForId(creator, "/api/v1/coercion-incidents", new
        {
            forumCode = "EPCC",
            title,
            targetParty = MatrixWorld.PartyOf(world.Users[creator].AgencyCode),
            coercingParty = "CHN",
            measures = ImportBan,
            products = Seafood,
            description = "Import suspension",
            startedOn = "2023-08-24",
            label = label.AsInput(world),
        });

    public override IReadOnlyList<Probe> Probes { get; } =
    [
        .. Probe.EverySearch,
        Probe.Detail("/api/v1/coercion-incidents/{id:guid}", "API detail", r => $"/api/v1/coercion-incidents/{r.Id}"),
        Probe.Listing("/api/v1/coercion-incidents", "API list", "/api/v1/coercion-incidents?pageSize=200"),
        Probe.Listing("/coercion", "UI list", "/coercion", byTitle: true),
        Probe.Page("/coercion/{Id:guid}", "UI detail", r => $"/coercion/{r.Id}"),
    ];
}

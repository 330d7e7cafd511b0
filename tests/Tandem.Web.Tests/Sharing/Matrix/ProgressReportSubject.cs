namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>
/// Progress reports (C3): labelled records inside an unlabelled commitment. The commitment is made once per world
/// by the secretariat, with every creator's agency responsible; each report, with the record's title as its
/// narrative, is filed by the table's creator. The commitment's API and page show the reports the reader may see.
/// </summary>
internal sealed class ProgressReportSubject : MatrixSubject
{
    private static readonly string[] Doc = ["DOC"];
    private static readonly string[] Mofa = ["MOFA"];

    private Guid _commitment;

    public override string Name => "Progress reports";

    // Progress reports are filed by the responsible government agencies; a company contributor files none.
    public override string? Creator(string row, string tableCreator) => tableCreator == "company" ? null : tableCreator;

    /// <summary>
    /// A report is read inside its commitment, and commitments are for the forum's government members: the company
    /// contributor sees no commitment (404), so not even a CLEAR report.
    /// </summary>
    public override IReadOnlyDictionary<string, string> ExpectedOverrides { get; } = new Dictionary<string, string>
    {
        //          dos doc meti metiA mofa comp aud adm
        ["CLEAR"] = "  Y   Y   Y    Y     Y    -    Y   Y",
    };

    public override async Task Prepare(MatrixWorld world)
    {
        _commitment = await world.PostForId("mofa", "/api/v1/commitments", new
        {
            forumId = world.ForumId,
            code = "MATRIX-1",
            textEn = "Matrix commitment",
            trackCode = "P3",
            status = "InProgress",
            responsibilities = new Dictionary<string, object>
            {
                ["USA"] = new { lead = "DOS", supporting = Doc },
                ["JPN"] = new { lead = "METI", supporting = Mofa },
            },
        });
    }

    public override Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title) =>
        world.PostForId(creator, $"/api/v1/commitments/{_commitment}/progress-reports", new
        {
            reportedOn = "2025-06-30",
            narrative = title,
            percent = 20,
            label = label.AsInput(world),
        });

    public override IReadOnlyList<Probe> Probes =>
    [
        .. Probe.EverySearch,
        Probe.Container("/api/v1/commitments/{id:guid}", "API commitment detail", () => $"/api/v1/commitments/{_commitment}"),
        Probe.Container("/api/v1/commitments/{id:guid}/progress-reports", "API progress reports", () => $"/api/v1/commitments/{_commitment}/progress-reports"),
        Probe.Container("/commitments/{Id:guid}", "UI commitment detail", () => $"/commitments/{_commitment}", byTitle: true),
    ];
}

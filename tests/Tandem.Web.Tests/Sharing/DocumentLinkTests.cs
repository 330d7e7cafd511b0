using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tandem.Web.Tests.Cycle;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Ui;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Sharing;

/// <summary>
/// A record that points at a document is never wider than the document: linking a document whose label does not reach
/// every reader of the record is refused, naming the field; and a reader of the record who may not read the document
/// (relabelled after it was linked) learns nothing of it through the record.
/// </summary>
public sealed class DocumentLinkTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddPaper_GreenPaperLinkingAnAmberStrictDocument_Answers400NamingDocumentId(string provider)
    {
        await using var kit = await Start(provider);
        var meeting = await ScheduledMeeting(kit);
        var document = await DocumentKit.UploadOk(kit.Secretariat, "State-only negotiating brief", new Dictionary<string, string> { ["level"] = "AmberStrict" });

        var refused = await Post(kit.Secretariat, $"/api/v1/meetings/{meeting}/papers",
            new { kind = "Other", title = "Briefing paper", text = "See the brief.", documentId = document.Id, label = new { level = "Green" } }, HttpStatusCode.BadRequest);

        Assert.Contains("documentId", Fields(refused));
        Assert.Contains("TLP:AMBER+STRICT", (string)refused["errors"]!["documentId"]![0]!, StringComparison.Ordinal);
        Assert.Empty((await Get(kit.Secretariat, $"/api/v1/meetings/{meeting}/papers"))["items"]!.AsArray());

        // Labelled as narrowly as the document, the same paper is accepted.
        await Post(kit.Secretariat, $"/api/v1/meetings/{meeting}/papers",
            new { kind = "Other", title = "Briefing paper", text = "See the brief.", documentId = document.Id, label = new { level = "AmberStrict" } }, HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddPaper_DocumentTheAuthorMayNotRead_Answers400LikeAMissingDocument(string provider)
    {
        await using var kit = await Start(provider);
        var meeting = await ScheduledMeeting(kit);
        var commerceOnly = await DocumentKit.UploadOk(kit.Doc, "Commerce-only export data", new Dictionary<string, string> { ["level"] = "AmberStrict" });

        var missingId = Guid.NewGuid();
        var hidden = await Post(kit.Secretariat, $"/api/v1/meetings/{meeting}/papers",
            new { kind = "Other", title = "Paper", text = "Text.", documentId = commerceOnly.Id, label = new { level = "AmberStrict" } }, HttpStatusCode.BadRequest);
        var missing = await Post(kit.Secretariat, $"/api/v1/meetings/{meeting}/papers",
            new { kind = "Other", title = "Paper", text = "Text.", documentId = missingId, label = new { level = "AmberStrict" } }, HttpStatusCode.BadRequest);

        Assert.Contains("documentId", Fields(hidden));
        Assert.DoesNotContain("Commerce-only export data", hidden.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(((string)missing["errors"]!["documentId"]![0]!).Replace(missingId.ToString("D"), "ID", StringComparison.Ordinal),
            ((string)hidden["errors"]!["documentId"]![0]!).Replace(commerceOnly.Id.ToString("D"), "ID", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PaperForm_DocumentNarrowerThanThePaper_ShowsTheMessageBesideTheForm(string provider)
    {
        await using var kit = await Start(provider);
        var meeting = await ScheduledMeeting(kit);
        var document = await DocumentKit.UploadOk(kit.Secretariat, "State-only negotiating brief", new Dictionary<string, string> { ["level"] = "AmberStrict" });

        var answer = await PageForm.Post(kit.Secretariat, $"/meetings/{meeting}", "paper-add",
            [new("kind", "Other"), new("title", "Form paper"), new("text", "See the brief."), new("documentId", document.Id.ToString("D")), new("level", "Green")]);

        Assert.Contains("is labelled TLP:AMBER+STRICT", answer.Text, StringComparison.Ordinal);
        Assert.Empty((await Get(kit.Secretariat, $"/api/v1/meetings/{meeting}/papers"))["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PaperReader_DocumentNarrowedAfterLinking_SeesThePaperButNeitherTheDocumentIdNorItsTitle(string provider)
    {
        await using var kit = await Start(provider);
        var meeting = await ScheduledMeeting(kit);
        var document = await DocumentKit.UploadOk(kit.Secretariat, "Supplier map 2026", new Dictionary<string, string> { ["level"] = "Green" });
        await Post(kit.Secretariat, $"/api/v1/meetings/{meeting}/papers",
            new { kind = "Other", title = "Paper on suppliers", text = "Attached.", documentId = document.Id, label = new { level = "Green" } }, HttpStatusCode.Created);

        // METI reads both today; then State narrows the document to itself.
        var before = Assert.Single((await Get(kit.Meti, $"/api/v1/meetings/{meeting}/papers"))["items"]!.AsArray())!;
        Assert.Equal("Supplier map 2026", (string)before["documentTitle"]!);
        using (var narrowed = await kit.Secretariat.PutAsJsonAsync(new Uri($"/api/v1/documents/{document.Id}/label", UriKind.Relative),
            new { level = "AmberStrict", version = document.Version }))
        {
            Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        }

        var paper = Assert.Single((await Get(kit.Meti, $"/api/v1/meetings/{meeting}/papers"))["items"]!.AsArray())!;
        Assert.Null(paper["documentId"]);
        Assert.Null(paper["documentTitle"]);
        var detail = await kit.Meti.GetStringAsync(new Uri($"/api/v1/meetings/{meeting}", UriKind.Relative));
        Assert.DoesNotContain(document.Id.ToString("D"), detail, StringComparison.OrdinalIgnoreCase);
        var page = WebUtility.HtmlDecode(await kit.Meti.GetStringAsync(new Uri($"/meetings/{meeting}", UriKind.Relative)));
        Assert.Contains("Paper on suppliers", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Supplier map 2026", page, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Id.ToString("D"), page, StringComparison.OrdinalIgnoreCase);

        // The document's own agency still reads the link, with the title.
        var own = Assert.Single((await Get(kit.Dos, $"/api/v1/meetings/{meeting}/papers"))["items"]!.AsArray())!;
        Assert.Equal("Supplier map 2026", (string)own["documentTitle"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AgendaPreRead_DocumentForOneAgencyOnly_Answers400NamingPreReadDocumentIds(string provider)
    {
        await using var kit = await Start(provider);
        var meeting = await ScheduledMeeting(kit);
        var amber = await DocumentKit.UploadOk(kit.Secretariat, "State-only pre-read", new Dictionary<string, string> { ["level"] = "AmberStrict" });
        var green = await DocumentKit.UploadOk(kit.Secretariat, "Community pre-read", new Dictionary<string, string> { ["level"] = "Green" });

        var refused = await Post(kit.Secretariat, $"/api/v1/meetings/{meeting}/agenda",
            new { item = new { titleEn = "Supply chains", durationMinutes = 30, preReadDocumentIds = new[] { amber.Id } }, version = await kit.MeetingVersion(meeting) },
            HttpStatusCode.BadRequest);
        Assert.Contains("preReadDocumentIds", Fields(refused));

        var accepted = await Post(kit.Secretariat, $"/api/v1/meetings/{meeting}/agenda",
            new { item = new { titleEn = "Supply chains", durationMinutes = 30, preReadDocumentIds = new[] { green.Id } }, version = await kit.MeetingVersion(meeting) });
        Assert.Equal(green.Id, (Guid)accepted["agenda"]![0]!["preReadDocumentIds"]![0]!);

        // Narrowed afterwards, the pre-read is no longer named to METI.
        using (var narrowed = await kit.Secretariat.PutAsJsonAsync(new Uri($"/api/v1/documents/{green.Id}/label", UriKind.Relative),
            new { level = "AmberStrict", version = green.Version }))
        {
            Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        }

        var seen = await Get(kit.Meti, $"/api/v1/meetings/{meeting}");
        Assert.Empty(seen["agenda"]![0]!["preReadDocumentIds"]!.AsArray());
    }

    private static async Task<Guid> ScheduledMeeting(CycleKit kit)
    {
        var id = (Guid)(await kit.Meeting())["id"]!;
        await kit.Status(id, "Scheduled");
        return id;
    }
}

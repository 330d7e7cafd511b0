using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>
/// Meeting papers (C2): labelled records inside an unlabelled meeting. The meeting is scheduled once per
/// world by the secretariat; each paper is written by a secretariat officer of the table creator's agency.
/// </summary>
internal sealed class MeetingPaperSubject : SecretariatSubject
{
    private Guid _meeting;

    public override string Name => "Meeting papers";

    public override async Task Prepare(MatrixWorld world)
    {
        var startsAt = new DateTimeOffset(2030, 3, 10, 5, 0, 0, TimeSpan.Zero);
        _meeting = await world.PostForId("mofa", "/api/v1/meetings", new
        {
            forumId = world.ForumId,
            tier = "WorkingLevel",
            titleEn = "Matrix meeting",
            venue = "Tokyo",
            timeZone = "Asia/Tokyo",
            startsAt,
            endsAt = startsAt.AddHours(2),
        });
        var meeting = await world.Client("mofa").GetFromJsonAsync<JsonNode>(new Uri($"/api/v1/meetings/{_meeting}", UriKind.Relative));
        await world.PostOk("mofa", $"/api/v1/meetings/{_meeting}/status", new { status = "Scheduled", version = (int)meeting!["meeting"]!["version"]! });
    }

    public override Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title) =>
        world.PostForId(creator, $"/api/v1/meetings/{_meeting}/papers", new { kind = "Other", title, text = "Paper text", label = label.AsInput(world) });

    public override IReadOnlyList<Probe> Probes =>
    [
        .. Probe.EverySearch,
        Probe.Container("/api/v1/meetings/{id:guid}", "API meeting detail", () => $"/api/v1/meetings/{_meeting}"),
        Probe.Container("/api/v1/meetings/{id:guid}/papers", "API papers", () => $"/api/v1/meetings/{_meeting}/papers"),
        Probe.Container("/meetings/{Id:guid}", "UI meeting detail", () => $"/meetings/{_meeting}", byTitle: true),
        Probe.Container("/api/v1/meetings/{id:guid}/briefing-book", "API briefing book", () => $"/api/v1/meetings/{_meeting}/briefing-book?format=html&lang=en"),
    ];
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>
/// Calls for input as every reader sees them through the call's label, the matrix's company among them: here it is an
/// approved organisation, and every call is addressed to all registered organisations, so the company is in each call's
/// audience and only the label decides (ADR-0701). Each record is a call of the demo's consultation track, opened,
/// closed and summarised by its creator, so that every read path of a call — list, detail, aggregates, summary — has
/// something to show. Invited audiences and who is notified of a summary are <see cref="ConsultationMatrixTests"/>' business.
/// </summary>
internal sealed class CallSubject : SecretariatSubject
{
    private Guid _track;

    public override string Name => "Calls for input";

    /// <summary>
    /// Being asked makes the company part of a call's community: it reads a CLEAR call, a GREEN one and a GREEN one
    /// releasable to its party (Japan) — but never an AMBER or RED call that does not name it, one for another party
    /// only, or one under embargo. RED reaches the named METI member only, as for every secretariat-written record.
    /// </summary>
    public override IReadOnlyDictionary<string, string> ExpectedOverrides { get; } = new Dictionary<string, string>
    {
        //               dos doc meti metiA mofa comp aud adm
        ["CLEAR"] =      "  Y   Y   Y    Y     Y    Y    Y   Y",
        ["GREEN"] =      "  Y   Y   Y    Y     Y    Y    Y   Y",
        ["RED"] =        "  -   -   Y    -     -    -    -   -",
        ["REL TO JPN"] = "  -   -   Y    Y     Y    Y    -   -",
    };

    /// <summary>The demo's consultation track (the track of its open call), for the calls to belong to; the company becomes an approved organisation.</summary>
    public override async Task Prepare(MatrixWorld world)
    {
        _track = await DemoTrack(world.Client("mofa"));
        await world.PostOk("mofa", "/api/v1/consultation/organisations", new { agencyCode = "SEMI", type = "Company", contactEmail = "semi@matrix.test" });
    }

    /// <summary>The track of the demo's open call ("Semiconductor supply-chain risks"), read as a reader who sees it.</summary>
    public static async Task<Guid> DemoTrack(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var calls = await client.GetFromJsonAsync<JsonNode>(new Uri("/api/v1/consultation/calls", UriKind.Relative));
        var id = calls!["items"]!.AsArray().First(c => (string?)c!["titleEn"] == "Semiconductor supply-chain risks")!["id"]!.GetValue<Guid>();
        var call = await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/v1/consultation/calls/{id}", UriKind.Relative));
        return call!["trackId"]!.GetValue<Guid>();
    }

    public override async Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title)
    {
        var call = await world.PostOk(creator, "/api/v1/consultation/calls", new
        {
            trackId = _track,
            titleEn = title,
            opensAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            closesAt = DateTimeOffset.UtcNow.AddDays(10),
            audience = "AllRegistered",
            questions = new object[] { new { kind = "FreeText", textEn = "What should the forum know?", required = true } },
            label = label.AsInput(world),
        });
        var id = call["id"]!.GetValue<Guid>();
        call = await world.PostOk(creator, $"/api/v1/consultation/calls/{id}/open", new { version = (int)call["version"]! });
        call = await world.PostOk(creator, $"/api/v1/consultation/calls/{id}/close", new { version = (int)call["version"]! });
        await world.PostOk(creator, $"/api/v1/consultation/calls/{id}/summary", new
        {
            whatWeHeardEn = "Matrix: what we heard.",
            whatWeDidEn = "Matrix: what we did.",
            version = (int)call["version"]!,
        });
        return id;
    }

    public override IReadOnlyList<Probe> Probes =>
    [
        .. Probe.EverySearch,
        Probe.Listing("/api/v1/consultation/calls", "API list", "/api/v1/consultation/calls?pageSize=100"),
        Probe.Detail("/api/v1/consultation/calls/{id:guid}", "API detail", r => $"/api/v1/consultation/calls/{r.Id}"),
        Probe.Guarded("/api/v1/consultation/calls/{id:guid}/aggregates", "API aggregates (secretariat)", r => $"/api/v1/consultation/calls/{r.Id}/aggregates", byId: true),
        Probe.Listing("/consultation", "UI list", "/consultation", byTitle: true),
        Probe.Page("/consultation/{Id:guid}", "UI call", r => $"/consultation/{r.Id}"),
        Probe.Guarded("/consultation/{Id:guid}/aggregates", "UI aggregates (secretariat)", r => $"/consultation/{r.Id}/aggregates"),
        Probe.Page("/consultation/{Id:guid}/summary", "UI summary", r => $"/consultation/{r.Id}/summary"),
    ];
}

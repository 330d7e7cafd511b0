namespace Tandem.Web.Tests.Sharing.Matrix;

/// <summary>Documents (C4): uploaded as multipart forms with the label as form fields.</summary>
internal sealed class DocumentSubject : MatrixSubject
{
    public override string Name => "Documents";

    public override bool NeedsDemo => false;

    public override async Task<Guid> Create(MatrixWorld world, string creator, RecordLabel label, string title) =>
        (await DocumentKit.UploadOk(world.Client(creator), title, label.Fields.ToDictionary())).Id;

    public override IReadOnlyList<Probe> Probes { get; } =
    [
        .. Probe.EverySearch,
        Probe.Detail("/api/v1/documents/{id:guid}", "API detail", r => $"/api/v1/documents/{r.Id}"),
        Probe.Detail("/api/v1/documents/{id:guid}/versions", "API versions", r => $"/api/v1/documents/{r.Id}/versions"),
        Probe.Detail("/api/v1/documents/{id:guid}/download", "API download", r => $"/api/v1/documents/{r.Id}/download"),
        Probe.Detail("/api/v1/documents/{id:guid}/versions/{number:int}/download", "API version download", r => $"/api/v1/documents/{r.Id}/versions/1/download"),
        Probe.Listing("/api/v1/documents", "API list", "/api/v1/documents?pageSize=200"),
        Probe.Search("/api/v1/documents", "API search", r => $"/api/v1/documents?search={Uri.EscapeDataString(r.Title)}"),
        Probe.Listing("/api/v1/documents/export", "API export", "/api/v1/documents/export"),
        Probe.Listing("/documents", "UI list", "/documents", byTitle: true),
        Probe.Page("/documents/{Id:guid}", "UI detail", r => $"/documents/{r.Id}"),
        Probe.Page("/documents/{Id:guid}/label", "UI label page", r => $"/documents/{r.Id}/label"),
    ];
}

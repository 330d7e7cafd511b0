namespace Tandem.Web.Components.Shared;

/// <summary>The fields of a delete confirmation: the version the user saw, so a delete of a changed record is refused.</summary>
public sealed class DeleteForm
{
    public string? Version { get; set; }
}

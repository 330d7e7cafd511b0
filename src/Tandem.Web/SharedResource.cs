namespace Tandem.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource.*.resx (English text is the key).</summary>
public sealed class SharedResource;

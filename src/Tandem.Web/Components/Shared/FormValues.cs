using System.Globalization;

namespace Tandem.Web.Components.Shared;

/// <summary>
/// Form fields arrive as text; these turn them into the use cases' types without throwing,
/// so a malformed value reaches the use case as "missing" and comes back as a field error.
/// </summary>
public static class FormValues
{
    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static int? Number(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>All values of a repeated field (checkboxes), read from the posted form.</summary>
    public static IReadOnlyList<string> All(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.HasFormContentType ? context.Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];
    }
}

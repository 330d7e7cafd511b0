namespace Tandem.Web.Components.Shared;

/// <summary>
/// The server side of <see cref="ConfirmStep"/>: an irreversible action runs only on a post that carries
/// confirm=yes, which only the confirmation step's button sends. A first post (or a crafted one without
/// the field) shows the confirmation instead, so a stray click or a script without it changes nothing.
/// </summary>
public static class Confirmation
{
    public const string Field = "confirm";

    public const string Yes = "yes";

    /// <summary>Fields that belong to the form machinery, not to the action; the confirmation step writes its own.</summary>
    private static readonly HashSet<string> Machinery = new(StringComparer.OrdinalIgnoreCase) { "__RequestVerificationToken", "_handler", Field };

    public static bool Given(HttpContext? context) =>
        context?.Request.HasFormContentType == true && string.Equals(context.Request.Form[Field], Yes, StringComparison.Ordinal);

    /// <summary>The posted fields of the action, repeated as hidden inputs so the confirmed post is the same request.</summary>
    public static IEnumerable<(string Name, string Value)> Carried(HttpContext? context)
    {
        if (context?.Request.HasFormContentType != true)
        {
            yield break;
        }

        foreach (var (name, values) in context.Request.Form)
        {
            if (Machinery.Contains(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                yield return (name, value ?? "");
            }
        }
    }
}

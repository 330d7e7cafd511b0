namespace Tandem.Core.Accounts;

/// <summary>
/// What a personal access token may do, within its owner's rights. Scopes are cumulative: <c>read</c> only reads
/// (GET); <c>write</c> also changes records; <c>admin</c> also carries the Administrator role's powers (user
/// administration, break-glass reads, managing the forum model as an administrator). A token never carries the
/// Administrator role without <c>admin</c>, so a leaked everyday token cannot administer anything.
/// </summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    /// <summary>What a token created without a scope may do: read and write, as tokens always could, never administer.</summary>
    public const string Default = Read + " " + Write;

    public static readonly IReadOnlyList<string> All = [Read, Write, Admin];

    /// <summary>
    /// The stored form of the requested scopes ("read", "read write" or "read write admin"), or null when a name is
    /// unknown. Names may be separated by commas or spaces; nothing requested means <see cref="Default"/>.
    /// </summary>
    public static string? Normalise(string? requested)
    {
        var names = (requested ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            return Default;
        }

        if (names.Any(n => !All.Contains(n, StringComparer.Ordinal)))
        {
            return null;
        }

        return names.Contains(Admin, StringComparer.Ordinal) ? $"{Read} {Write} {Admin}"
            : names.Contains(Write, StringComparer.Ordinal) ? Default
            : Read;
    }

    public static IReadOnlyList<string> Parse(string? stored) =>
        (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => All.Contains(s, StringComparer.Ordinal)).ToList();

    public static bool CanWrite(IEnumerable<string> scopes) => scopes.Contains(Write, StringComparer.Ordinal);

    public static bool CanAdminister(IEnumerable<string> scopes) => scopes.Contains(Admin, StringComparer.Ordinal);
}

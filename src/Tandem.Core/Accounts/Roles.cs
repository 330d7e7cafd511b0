namespace Tandem.Core.Accounts;

/// <summary>The roles of SECURITY.md and DESIGN.md. A user has one or more; every user belongs to an agency.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Secretariat = "Secretariat";
    public const string Member = "Member";
    public const string Analyst = "Analyst";
    public const string Contributor = "Contributor";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Secretariat, Member, Analyst, Contributor, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// Roles whose holders can read AMBER or above, and so must use a second factor. That is every role:
    /// contributors read their own company's submissions, which are confidential business information, and
    /// auditors read the audit trail, which names the AMBER and RED records others opened.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadingAmberOrAbove = [Admin, Secretariat, Member, Analyst, Contributor, Auditor];

    public static bool RequiresSecondFactor(IEnumerable<string> roles) =>
        roles.Any(r => ReadingAmberOrAbove.Contains(r, StringComparer.Ordinal));
}

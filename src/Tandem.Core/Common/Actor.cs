namespace Tandem.Core.Common;

/// <summary>Who is acting: the signed-in user (or a script with a token), their agency, party and roles.</summary>
public sealed record Actor(Guid? UserId, string? Email, Guid? AgencyId, string? Party, IReadOnlySet<string> Roles, bool IsPrivateSector = false)
{
    /// <summary>Someone not signed in: sees only public (TLP:CLEAR) records.</summary>
    public static readonly Actor Anonymous = new(null, null, null, null, new HashSet<string>());

    /// <summary>The command line and start-up tasks run by an operator on the server itself.</summary>
    public static Actor System(string what) => new(null, what, null, null, new HashSet<string> { Tandem.Core.Accounts.Roles.Admin });

    public bool IsAuthenticated => UserId is not null || Email is not null;

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool CanManageForum => IsInRole(Tandem.Core.Accounts.Roles.Admin) || IsInRole(Tandem.Core.Accounts.Roles.Secretariat);
}

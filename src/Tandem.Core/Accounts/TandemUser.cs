using Microsoft.AspNetCore.Identity;
using Tandem.Core.Forums;

namespace Tandem.Core.Accounts;

/// <summary>A person with an account. Every user belongs to exactly one agency (and so to its party).</summary>
public sealed class TandemUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    /// <summary>"en" or "ja"; empty means the browser's Accept-Language decides.</summary>
    public string PreferredCulture { get; set; } = "";

    /// <summary>IANA zone the user reads times in; empty means UTC.</summary>
    public string TimeZone { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

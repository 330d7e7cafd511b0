using Tandem.Core.Common;

namespace Tandem.Core.Consultation;

public enum OrganisationType
{
    Company,
    IndustryAssociation,
    LabourOrganisation,
    ResearchInstitute,
}

public enum OrganisationStatus
{
    /// <summary>Registered through the public form; the secretariat has not decided yet.</summary>
    Pending,

    Approved,

    Rejected,
}

/// <summary>
/// The consultation profile of a private-sector body (ADR-0701). Once approved it is linked to an
/// agency of kind Private: its people are accounts of that agency with the Contributor role, and
/// every label decision treats it like any other agency. A pending self-registration has no agency yet.
/// </summary>
public sealed class Organisation : Entity
{
    public const int NameLength = 200;
    public const int CodeLength = 32;

    /// <summary>The private-sector agency once approved; null while pending or rejected.</summary>
    public Guid? AgencyId { get; set; }

    public OrganisationType Type { get; set; }

    public OrganisationStatus Status { get; set; }

    /// <summary>The agency code proposed at registration (or given on approval).</summary>
    public string Code { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    /// <summary>The party (ISO 3166 alpha-3) the organisation is established in.</summary>
    public string Party { get; set; } = "";

    public string Website { get; set; } = "";

    public string ContactName { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    /// <summary>Sectors and products the organisation speaks for.</summary>
    public string Description { get; set; } = "";

    public bool SelfRegistered { get; set; }

    public Guid? RegisteredBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    public string DecisionNote { get; set; } = "";

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

using Tandem.Core.Common;

namespace Tandem.Core.Forums;

public enum AgencyKind
{
    Ministry,
    Agency,
    Private,
    International,
}

/// <summary>A ministry, agency, company or international body. People and accounts belong to one.</summary>
public sealed class Agency : Entity
{
    /// <summary>Short unique code, also the acronym shown in tables (e.g. METI).</summary>
    public string Code { get; set; } = "";

    public string Party { get; set; } = "";

    public Guid? ParentId { get; set; }

    public Agency? Parent { get; set; }

    public AgencyKind Kind { get; set; }

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    public List<TrackParticipation> Participations { get; set; } = [];

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

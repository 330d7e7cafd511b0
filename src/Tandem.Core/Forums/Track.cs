using Tandem.Core.Common;

namespace Tandem.Core.Forums;

public enum ParticipationRole
{
    Lead,
    CoLead,
    Partner,
    Supporting,
    Observer,
}

/// <summary>A pillar or working group of a forum, co-led by exactly one agency of each party.</summary>
public sealed class Track : Entity
{
    public Guid ForumId { get; set; }

    public Forum? Forum { get; set; }

    public string Code { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    public string Description { get; set; } = "";

    public DateOnly? FirstUsed { get; set; }

    public List<TrackParticipation> Participations { get; set; } = [];

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

/// <summary>The role an agency plays in a track. Co-leads are participations with <see cref="ParticipationRole.CoLead"/>.</summary>
public sealed class TrackParticipation
{
    public Guid TrackId { get; set; }

    public Track? Track { get; set; }

    public Guid AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public ParticipationRole Role { get; set; }
}

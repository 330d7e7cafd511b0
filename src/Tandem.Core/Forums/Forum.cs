using Tandem.Core.Common;

namespace Tandem.Core.Forums;

public enum Tier
{
    Leaders,
    Ministerial,
    ViceMinisterial,
    WorkingLevel,
    TrackWorkingGroup,
}

/// <summary>A minilateral forum: N parties meeting at several tiers, working in tracks.</summary>
public sealed class Forum : Entity
{
    public string Code { get; set; } = "";

    public string ShortName { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string NameJa { get; set; } = "";

    public DateOnly? Launched { get; set; }

    public string Description { get; set; } = "";

    public List<Tier> Tiers { get; set; } = [];

    /// <summary>Days within which a disruption notice must lead to an emergency meeting (C8).</summary>
    public int EmergencyMeetingDays { get; set; } = 15;

    public List<ForumParty> Parties { get; set; } = [];

    public List<Track> Tracks { get; set; } = [];

    public string Name(string culture) => Localized.Pick(culture, NameEn, NameJa);
}

public sealed class ForumParty
{
    public Guid ForumId { get; set; }

    public string Party { get; set; } = "";
}

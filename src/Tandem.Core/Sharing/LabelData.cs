using System.Collections.Immutable;
using System.Globalization;

namespace Tandem.Core.Sharing;

/// <summary>
/// A <see cref="Label"/> as columns of the labelled record's own table (an EF owned type), so the
/// access policy is a WHERE clause. Sets are stored as "|a|b|" so membership is a LIKE/instr test
/// on both SQLite and PostgreSQL; null means "no constraint".
/// </summary>
public sealed class LabelData
{
    public Tlp Level { get; set; }

    public string? Parties { get; set; }

    public string? Agencies { get; set; }

    public string? Users { get; set; }

    public bool CommunityOnly { get; set; }

    public bool OriginatorOnly { get; set; }

    public string Caveats { get; set; } = "";

    public DateOnly? EmbargoedUntil { get; set; }

    public Guid Originator { get; set; }

    public string OriginatingParty { get; set; } = "";

    public static string Token(string value) => "|" + value + "|";

    public static string Token(Guid value) => "|" + value.ToString("D") + "|";

    public static LabelData From(Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new LabelData
        {
            Level = label.Level,
            Parties = Join(label.Parties),
            Agencies = Join(label.Agencies?.Select(g => g.ToString("D"))),
            Users = Join(label.Users?.Select(g => g.ToString("D"))),
            CommunityOnly = label.CommunityOnly || label.Level == Tlp.Green,
            OriginatorOnly = label.OriginatorOnly,
            Caveats = Join(label.Caveats) ?? "",
            EmbargoedUntil = label.EmbargoedUntil,
            Originator = label.Originator,
            OriginatingParty = label.OriginatingParty,
        };
    }

    public Label ToLabel() => new()
    {
        Level = Level,
        Parties = Split(Parties) is { } p ? ImmutableSortedSet.CreateRange(StringComparer.Ordinal, p) : null,
        Agencies = Split(Agencies) is { } a ? ImmutableSortedSet.CreateRange(a.Select(x => Guid.Parse(x, CultureInfo.InvariantCulture))) : null,
        Users = Split(Users) is { } u ? ImmutableSortedSet.CreateRange(u.Select(x => Guid.Parse(x, CultureInfo.InvariantCulture))) : null,
        CommunityOnly = CommunityOnly,
        OriginatorOnly = OriginatorOnly,
        Caveats = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, Split(Caveats) ?? []),
        EmbargoedUntil = EmbargoedUntil,
        Originator = Originator,
        OriginatingParty = OriginatingParty,
    };

    public LabelData Clone() => (LabelData)MemberwiseClone();

    /// <summary>Overwrites this label's columns in place, so EF sees a change of the owning row rather than a new owned object.</summary>
    public void CopyFrom(LabelData other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Level = other.Level;
        Parties = other.Parties;
        Agencies = other.Agencies;
        Users = other.Users;
        CommunityOnly = other.CommunityOnly;
        OriginatorOnly = other.OriginatorOnly;
        Caveats = other.Caveats;
        EmbargoedUntil = other.EmbargoedUntil;
        Originator = other.Originator;
        OriginatingParty = other.OriginatingParty;
    }

    private static string? Join(IEnumerable<string>? values) =>
        values is null ? null : "|" + string.Join("|", values.Order(StringComparer.Ordinal)) + "|";

    private static string[]? Split(string? stored) =>
        stored is null ? null : stored.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A record that carries a label in its own columns (C5). Every such record is read through <see cref="AccessPolicy"/>.</summary>
public interface ILabelled
{
    LabelData Label { get; }
}

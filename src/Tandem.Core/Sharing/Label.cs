using System.Collections.Immutable;
using System.Globalization;
using Tandem.Core.Common;

namespace Tandem.Core.Sharing;

/// <summary>
/// The sharing label of an information-bearing record (SECURITY.md "Labels"). Sets are stored as
/// explicit constraints so that access can be decided inside a database query:
/// <list type="bullet">
/// <item><see cref="Parties"/>: the parties it is releasable to (null: any party).</item>
/// <item><see cref="Agencies"/>: for AMBER levels the agencies that may see it, the originator included (null: no agency constraint).</item>
/// <item><see cref="Users"/>: for RED the named people (null: no person constraint).</item>
/// <item><see cref="CommunityOnly"/>: private-sector agencies are excluded unless they originated it (true for GREEN and for anything derived from GREEN).</item>
/// </list>
/// <see cref="Originator"/> is <see cref="Guid.Empty"/> when a record was derived from records of different agencies:
/// then no agency has an originator's privileges over it.
/// </summary>
public sealed record Label
{
    public required Tlp Level { get; init; }

    public ImmutableSortedSet<string>? Parties { get; init; }

    public ImmutableSortedSet<Guid>? Agencies { get; init; }

    public ImmutableSortedSet<Guid>? Users { get; init; }

    public bool CommunityOnly { get; init; }

    public bool OriginatorOnly { get; init; }

    public ImmutableSortedSet<string> Caveats { get; init; } = ImmutableSortedSet<string>.Empty;

    public DateOnly? EmbargoedUntil { get; init; }

    public Guid Originator { get; init; }

    public string OriginatingParty { get; init; } = "";

    public static Label Public(Guid originator, string party) =>
        new() { Level = Tlp.Clear, Originator = originator, OriginatingParty = party };

    /// <summary>
    /// Builds a label from what a user chose, normalised so that access checks need no special cases:
    /// the originator joins the agency set of AMBER labels, the author joins the people of RED ones,
    /// originator-only becomes releasability to the originating party, and CBI is never wider than AMBER+STRICT.
    /// </summary>
    public static Result<Label> Create(LabelInput input, Guid originator, string originatingParty, Guid author)
    {
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation();
        if (input.Level is not { } level || !Enum.IsDefined(level))
        {
            validation.Add("label.level", "label.level is required: Clear, Green, Amber, AmberStrict or Red.");
            return validation.ToError();
        }

        var caveats = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, (input.Caveats ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0));
        foreach (var caveat in caveats.Where(c => !Sharing.Caveats.Known.Contains(c)))
        {
            validation.Add("label.caveats", $"'{caveat}' is not a caveat: use {string.Join(", ", Sharing.Caveats.Known)} (embargoes have their own field).");
        }

        ImmutableSortedSet<string>? parties = null;
        if (input.ReleasableTo is { Count: > 0 } rel)
        {
            parties = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, rel.Select(p => p.Trim().ToUpperInvariant()));
            foreach (var bad in parties.Where(p => p.Length != 3))
            {
                validation.Add("label.releasableTo", $"'{bad}' is not an ISO 3166 alpha-3 party code.");
            }

            if (!string.IsNullOrEmpty(originatingParty) && !parties.Contains(originatingParty))
            {
                parties = parties.Add(originatingParty);
            }
        }

        if (input.OriginatorOnly)
        {
            parties = ImmutableSortedSet.Create(StringComparer.Ordinal, originatingParty);
        }

        if (caveats.Contains(Sharing.Caveats.Cbi) && level < Tlp.AmberStrict)
        {
            level = Tlp.AmberStrict;
        }

        ImmutableSortedSet<Guid>? agencies = null;
        ImmutableSortedSet<Guid>? users = null;
        if (level is Tlp.Amber or Tlp.AmberStrict)
        {
            agencies = ImmutableSortedSet.CreateRange((input.RecipientAgencies ?? []).Append(originator));
        }
        else if (level == Tlp.Red)
        {
            users = ImmutableSortedSet.CreateRange((input.RecipientUsers ?? []).Append(author));
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return new Label
        {
            Level = level,
            Parties = parties,
            Agencies = agencies,
            Users = users,
            CommunityOnly = level == Tlp.Green,
            OriginatorOnly = input.OriginatorOnly,
            Caveats = caveats,
            EmbargoedUntil = input.EmbargoedUntil,
            Originator = originator,
            OriginatingParty = originatingParty,
        };
    }

    /// <summary>
    /// The most restrictive combination: the highest level, the intersection of releasability and
    /// of the named audiences, the union of caveats, the latest embargo. Its audience is never wider
    /// than either input's (property-tested).
    /// </summary>
    public Label CombineWith(Label other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sameOrigin = Originator == other.Originator;
        return new Label
        {
            Level = Level >= other.Level ? Level : other.Level,
            Parties = Intersect(Parties, other.Parties),

            // Intersect the audiences each label actually grants: an AMBER label without an agency
            // list means "the originator only", so it must not drop out of the intersection.
            Agencies = Intersect(EffectiveAgencies, other.EffectiveAgencies),
            Users = Intersect(EffectiveUsers, other.EffectiveUsers),
            CommunityOnly = IsCommunityOnly || other.IsCommunityOnly,
            OriginatorOnly = OriginatorOnly || other.OriginatorOnly,
            Caveats = Caveats.Union(other.Caveats),
            EmbargoedUntil = Max(EmbargoedUntil, other.EmbargoedUntil),
            Originator = sameOrigin ? Originator : Guid.Empty,
            OriginatingParty = sameOrigin && OriginatingParty == other.OriginatingParty ? OriginatingParty : "",
        };
    }

    public static Label Combine(IEnumerable<Label> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Aggregate((a, b) => a.CombineWith(b));
    }

    /// <summary>
    /// True when everyone who may see this label may also see <paramref name="other"/> (on any day):
    /// changing <paramref name="other"/> into this label does not loosen it. Decided structurally on the
    /// constraints and conservative where they cannot be compared (then false, i.e. treated as loosening);
    /// property-tested against <see cref="AccessPolicy.CanSee(Viewer, Label)"/>.
    /// </summary>
    public bool IsNarrowerOrEqual(Label other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var originatorKept = Originator == other.Originator || Originator == Guid.Empty;
        return Level >= other.Level
            && IsSubset(Parties, other.Parties)
            && IsSubset(EffectiveAgencies, other.EffectiveAgencies)
            && IsSubset(EffectiveUsers, other.EffectiveUsers)
            && (other.EmbargoedUntil is not { } until || (EmbargoedUntil is { } mine && mine >= until && originatorKept))
            && (!other.IsCommunityOnly || (IsCommunityOnly && originatorKept));
    }

    private bool IsCommunityOnly => CommunityOnly || Level == Tlp.Green;

    /// <summary>The agencies the access rule admits at this level (null: no agency constraint).</summary>
    private ImmutableSortedSet<Guid>? EffectiveAgencies => Level switch
    {
        Tlp.Amber or Tlp.AmberStrict => Agencies ?? ImmutableSortedSet.Create(Originator),
        Tlp.Red => Agencies,
        _ => null,
    };

    /// <summary>The people the access rule admits at this level (null: no person constraint; RED without people admits nobody).</summary>
    private ImmutableSortedSet<Guid>? EffectiveUsers => Level == Tlp.Red ? Users ?? ImmutableSortedSet<Guid>.Empty : null;

    /// <summary>Is constraint <paramref name="a"/> at least as strict as <paramref name="b"/> (null: no constraint)?</summary>
    private static bool IsSubset<T>(ImmutableSortedSet<T>? a, ImmutableSortedSet<T>? b) =>
        b is null || (a is not null && a.IsSubsetOf(b));

    /// <summary>"TLP:AMBER REL TO JPN, USA // CBI" — the marking shown beside every labelled record.</summary>
    public string Marking
    {
        get
        {
            var parts = new List<string> { Level.Marking() };
            if (OriginatorOnly && Parties is { Count: 1 })
            {
                parts.Add($"{Parties.First()} ONLY");
            }
            else if (Parties is not null)
            {
                parts.Add("REL TO " + string.Join(", ", Parties));
            }

            var marking = string.Join(" ", parts);
            var tail = Caveats.ToList();
            if (EmbargoedUntil is { } until)
            {
                tail.Add("EMBARGOED UNTIL " + until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            return tail.Count == 0 ? marking : marking + " // " + string.Join(" // ", tail);
        }
    }

    public bool Equals(Label? other) =>
        other is not null && Level == other.Level && SetEquals(Parties, other.Parties) && SetEquals(Agencies, other.Agencies)
        && SetEquals(Users, other.Users) && CommunityOnly == other.CommunityOnly && OriginatorOnly == other.OriginatorOnly
        && Caveats.SetEquals(other.Caveats) && EmbargoedUntil == other.EmbargoedUntil && Originator == other.Originator
        && OriginatingParty == other.OriginatingParty;

    public override int GetHashCode() => HashCode.Combine(Level, Parties?.Count, Agencies?.Count, Users?.Count, Caveats.Count, EmbargoedUntil, Originator);

    private static bool SetEquals<T>(ImmutableSortedSet<T>? a, ImmutableSortedSet<T>? b) =>
        a is null ? b is null : b is not null && a.SetEquals(b);

    private static ImmutableSortedSet<T>? Intersect<T>(ImmutableSortedSet<T>? a, ImmutableSortedSet<T>? b) =>
        a is null ? b : b is null ? a : a.Intersect(b);

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>What a user chooses for a label; ids of agencies and users are resolved by the caller.</summary>
public sealed record LabelInput(
    Tlp? Level,
    IReadOnlyList<string>? ReleasableTo = null,
    bool OriginatorOnly = false,
    IReadOnlyList<Guid>? RecipientAgencies = null,
    IReadOnlyList<Guid>? RecipientUsers = null,
    IReadOnlyList<string>? Caveats = null,
    DateOnly? EmbargoedUntil = null);

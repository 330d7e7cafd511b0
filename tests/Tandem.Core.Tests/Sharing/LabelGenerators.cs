using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Tandem.Core.Sharing;

namespace Tandem.Core.Tests.Sharing;

/// <summary>
/// Random labels and readers over a small universe (two parties, four agencies of which one is a company,
/// four people, three embargo dates around a fixed today), so that random labels and readers often meet.
/// </summary>
public static class LabelGenerators
{
    public static readonly DateOnly Today = new(2026, 6, 1);

    public static readonly Guid[] Agencies = [Id(1), Id(2), Id(3), Id(4)];

    /// <summary>The private-sector agency of the universe.</summary>
    public static readonly Guid Company = Agencies[3];

    public static readonly Guid[] Users = [Id(11), Id(12), Id(13), Id(14)];

    public static readonly string[] Parties = ["JPN", "USA"];

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static Gen<ImmutableSortedSet<T>?> SetOrNull<T>(T[] universe) =>
        Gen.Frequency(
            (1, Gen.Constant<ImmutableSortedSet<T>?>(null)),
            (3, Gen.SubListOf(universe).Select(l => (ImmutableSortedSet<T>?)ImmutableSortedSet.CreateRange(l))));

    public static Gen<Label> Label =>
        from level in Gen.Elements(Enum.GetValues<Tlp>())
        from parties in SetOrNull(Parties)
        from agencies in SetOrNull(Agencies)
        from users in SetOrNull(Users)
        from communityOnly in Gen.Elements(true, false)
        from originatorOnly in Gen.Elements(true, false)
        from caveats in Gen.SubListOf(Caveats.Known.ToArray())
        from embargo in Gen.Elements<DateOnly?>(null, null, Today.AddDays(-1), Today, Today.AddDays(10), Today.AddDays(20))
        from originator in Gen.Elements(Agencies.Append(Guid.Empty).ToArray())
        from originatingParty in Gen.Elements("USA", "JPN", "")
        select new Label
        {
            Level = level,
            Parties = parties?.WithComparer(StringComparer.Ordinal),
            Agencies = agencies,
            Users = users,
            CommunityOnly = communityOnly,
            OriginatorOnly = originatorOnly,
            Caveats = ImmutableSortedSet.CreateRange<string>(StringComparer.Ordinal, caveats),
            EmbargoedUntil = embargo,
            Originator = originator,
            OriginatingParty = originatingParty,
        };

    public static Gen<Viewer> Viewer =>
        Gen.Frequency(
            (1, Gen.Constant(new Viewer(false, Guid.Empty, Guid.Empty, "", false, Today))),
            (8, from user in Gen.Elements(Users)
                from agency in Gen.Elements(Agencies)
                from party in Gen.Elements(Parties)
                select new Viewer(true, user, agency, party, agency == Company, Today)));
}

/// <summary>Arbitraries for <c>[Property]</c> tests.</summary>
public static class LabelArbitraries
{
    public static Arbitrary<Label> Label() => LabelGenerators.Label.ToArbitrary();

    public static Arbitrary<Viewer> Viewer() => LabelGenerators.Viewer.ToArbitrary();
}

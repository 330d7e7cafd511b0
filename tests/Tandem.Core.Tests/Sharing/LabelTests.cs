using System.Collections.Immutable;
using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Core.Tests.Sharing;

public sealed class LabelTests
{
    private static readonly Guid Dos = Guid.NewGuid();
    private static readonly Guid Meti = Guid.NewGuid();
    private static readonly Guid Doc = Guid.NewGuid();
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Colleague = Guid.NewGuid();

    private static Label Create(LabelInput input, Guid? originator = null, string party = "USA") =>
        Label.Create(input, originator ?? Dos, party, Author).Value;

    private static Viewer Reader(Guid agency, string party, Guid? user = null, bool company = false) =>
        new(true, user ?? Guid.NewGuid(), agency, party, company, new DateOnly(2026, 6, 1));

    [Fact]
    public void Create_AmberWithRecipients_AddsTheOriginatorToTheAgencies()
    {
        var label = Create(new LabelInput(Tlp.Amber, RecipientAgencies: [Meti]));

        Assert.Equal(ImmutableSortedSet.Create(Dos, Meti), label.Agencies);
        Assert.Null(label.Users);
    }

    [Fact]
    public void Create_RedWithRecipients_AddsTheAuthorToThePeople()
    {
        var label = Create(new LabelInput(Tlp.Red, RecipientUsers: [Colleague]));

        Assert.Equal(ImmutableSortedSet.Create(Author, Colleague), label.Users);
        Assert.Null(label.Agencies);
    }

    [Fact]
    public void Create_OriginatorOnly_IsReleasableToTheOriginatingPartyOnly()
    {
        var label = Create(new LabelInput(Tlp.Green, ReleasableTo: ["JPN"], OriginatorOnly: true));

        Assert.Equal(["USA"], label.Parties!);
        Assert.Equal("TLP:GREEN USA ONLY", label.Marking);
    }

    [Fact]
    public void Create_ReleasableToOtherParties_AddsTheOriginatingPartyAndUppercases()
    {
        var label = Create(new LabelInput(Tlp.Green, ReleasableTo: [" jpn "]));

        Assert.Equal(["JPN", "USA"], label.Parties!);
        Assert.Equal("TLP:GREEN REL TO JPN, USA", label.Marking);
    }

    [Fact]
    public void Create_Cbi_IsRaisedToAmberStrict()
    {
        var label = Create(new LabelInput(Tlp.Green, Caveats: ["cbi"]));

        Assert.Equal(Tlp.AmberStrict, label.Level);
        Assert.Equal(["CBI"], label.Caveats);
        Assert.Equal([Dos], label.Agencies!);
    }

    [Fact]
    public void Create_Green_IsCommunityOnly()
    {
        Assert.True(Create(new LabelInput(Tlp.Green)).CommunityOnly);
        Assert.False(Create(new LabelInput(Tlp.Clear)).CommunityOnly);
    }

    [Fact]
    public void Create_UnknownCaveat_IsInvalidNamingTheField()
    {
        var result = Label.Create(new LabelInput(Tlp.Green, Caveats: ["SECRET"]), Dos, "USA", Author);

        Assert.Equal(ErrorKind.Invalid, result.Error!.Kind);
        Assert.Contains("label.caveats", result.Error.Fields.Keys);
    }

    [Fact]
    public void Create_PartyCodeNotThreeLetters_IsInvalid()
    {
        var result = Label.Create(new LabelInput(Tlp.Green, ReleasableTo: ["US"]), Dos, "USA", Author);

        Assert.Contains("label.releasableTo", result.Error!.Fields.Keys);
    }

    [Fact]
    public void Create_NoLevel_IsInvalid()
    {
        var result = Label.Create(new LabelInput(null), Dos, "USA", Author);

        Assert.Contains("label.level", result.Error!.Fields.Keys);
    }

    [Fact]
    public void CombineWith_GreenAndAmber_TakesAmberWithItsAgencies()
    {
        var combined = Create(new LabelInput(Tlp.Green)).CombineWith(Create(new LabelInput(Tlp.Amber, RecipientAgencies: [Meti])));

        Assert.Equal(Tlp.Amber, combined.Level);
        Assert.Equal(ImmutableSortedSet.Create(Dos, Meti), combined.Agencies);
        Assert.True(combined.CommunityOnly);
    }

    [Fact]
    public void CombineWith_DifferentReleasability_IntersectsParties()
    {
        var a = Create(new LabelInput(Tlp.Green, ReleasableTo: ["JPN"]));
        var b = Create(new LabelInput(Tlp.Green, ReleasableTo: ["GBR"]));

        Assert.Equal(["USA"], a.CombineWith(b).Parties!);
    }

    [Fact]
    public void CombineWith_UsaOnlySourceAndClearAnalysis_IsUsaOnly()
    {
        var source = Create(new LabelInput(Tlp.Green, OriginatorOnly: true));
        var analysis = Create(new LabelInput(Tlp.Clear), Meti, "JPN");

        var derived = analysis.CombineWith(source);

        Assert.Equal(["USA"], derived.Parties!);
        Assert.False(AccessPolicy.CanSee(Reader(Meti, "JPN"), derived));
        Assert.True(AccessPolicy.CanSee(Reader(Doc, "USA"), derived));
    }

    [Fact]
    public void CombineWith_Caveats_AreUnited()
    {
        var combined = Create(new LabelInput(Tlp.Amber, Caveats: ["PRE-DECISIONAL"])).CombineWith(Create(new LabelInput(Tlp.Amber, Caveats: ["CBI"])));

        Assert.Equal(["CBI", "PRE-DECISIONAL"], combined.Caveats);
    }

    [Fact]
    public void CombineWith_TwoEmbargoes_KeepsTheLatest()
    {
        var early = Create(new LabelInput(Tlp.Green, EmbargoedUntil: new DateOnly(2026, 7, 1)));
        var late = Create(new LabelInput(Tlp.Green, EmbargoedUntil: new DateOnly(2026, 9, 1)));

        Assert.Equal(new DateOnly(2026, 9, 1), early.CombineWith(late).EmbargoedUntil);
    }

    [Fact]
    public void CombineWith_DifferentOriginators_HasNoOriginator()
    {
        var combined = Create(new LabelInput(Tlp.Green)).CombineWith(Create(new LabelInput(Tlp.Green), Meti, "JPN"));

        Assert.Equal(Guid.Empty, combined.Originator);
        Assert.Equal("", combined.OriginatingParty);
    }

    [Fact]
    public void CombineWith_AmberWithoutAgencyList_StaysWithItsOriginator()
    {
        // An AMBER label without an explicit list admits only its originator; combining must not lose that.
        var originatorOnly = new Label { Level = Tlp.Amber, Originator = Dos, OriginatingParty = "USA" };
        var wide = new Label { Level = Tlp.Amber, Agencies = ImmutableSortedSet.Create(Dos, Meti), Originator = Meti, OriginatingParty = "JPN" };

        var combined = originatorOnly.CombineWith(wide);

        Assert.False(AccessPolicy.CanSee(Reader(Meti, "JPN"), combined));
        Assert.True(AccessPolicy.CanSee(Reader(Dos, "USA"), combined));
    }

    [Fact]
    public void IsNarrowerOrEqual_GreenToRed_IsNarrower()
    {
        var green = Create(new LabelInput(Tlp.Green));
        var red = Create(new LabelInput(Tlp.Red));

        Assert.True(red.IsNarrowerOrEqual(red));
        Assert.False(green.IsNarrowerOrEqual(red));
    }

    [Fact]
    public void IsNarrowerOrEqual_AddingARecipientAgency_IsLoosening()
    {
        var few = Create(new LabelInput(Tlp.Amber, RecipientAgencies: [Meti]));
        var more = Create(new LabelInput(Tlp.Amber, RecipientAgencies: [Meti, Doc]));

        Assert.True(few.IsNarrowerOrEqual(more));
        Assert.False(more.IsNarrowerOrEqual(few));
    }

    [Fact]
    public void IsNarrowerOrEqual_LiftingAnEmbargo_IsLoosening()
    {
        var embargoed = Create(new LabelInput(Tlp.Green, EmbargoedUntil: new DateOnly(2027, 1, 1)));
        var lifted = Create(new LabelInput(Tlp.Green));

        Assert.True(embargoed.IsNarrowerOrEqual(lifted));
        Assert.False(lifted.IsNarrowerOrEqual(embargoed));
    }
}

using FsCheck.Xunit;
using Tandem.Core.Sharing;

namespace Tandem.Core.Tests.Sharing;

/// <summary>SECURITY.md "the most restrictive label wins", as properties over random labels and readers.</summary>
[Properties(Arbitrary = [typeof(LabelArbitraries)], MaxTest = 500)]
public sealed class LabelPropertyTests
{
    [Property]
    public bool CombineWith_AnyTwoLabels_IsCommutative(Label a, Label b) => a.CombineWith(b).Equals(b.CombineWith(a));

    [Property]
    public bool CombineWith_AnyThreeLabels_IsAssociative(Label a, Label b, Label c) =>
        a.CombineWith(b).CombineWith(c).Equals(a.CombineWith(b.CombineWith(c)));

    [Property]
    public bool CombineWith_AnyReader_NeverWiderThanEitherInput(Label a, Label b, Viewer v) =>
        !AccessPolicy.CanSee(v, a.CombineWith(b)) || (AccessPolicy.CanSee(v, a) && AccessPolicy.CanSee(v, b));

    [Property]
    public bool IsNarrowerOrEqual_WhenTrue_EveryReaderOfTheNarrowOneSeesTheWideOne(Label a, Label b, Viewer v) =>
        !a.IsNarrowerOrEqual(b) || !AccessPolicy.CanSee(v, a) || AccessPolicy.CanSee(v, b);

    [Property]
    public bool IsNarrowerOrEqual_AnyLabel_IsReflexive(Label a) => a.IsNarrowerOrEqual(a);

    [Property]
    public bool IsNarrowerOrEqual_Combination_IsNarrowerThanEachInput(Label a, Label b) =>
        a.CombineWith(b).IsNarrowerOrEqual(a) && a.CombineWith(b).IsNarrowerOrEqual(b);

    [Property]
    public bool LabelData_RoundTrip_KeepsTheAudience(Label a, Viewer v) =>
        AccessPolicy.CanSee(v, LabelData.From(a).ToLabel()) == AccessPolicy.CanSee(v, a);

    /// <summary>Being addressed only lets a private-sector reader into a community-only label: nothing else widens, nothing narrows.</summary>
    [Property]
    public bool CanSeeAsAddressee_AnyReader_DiffersOnlyForAPrivateReaderOfACommunityOnlyLabel(Label a, Viewer v)
    {
        var data = LabelData.From(a);
        var plain = AccessPolicy.CanSee(v, data);
        var addressed = AccessPolicy.CanSeeAsAddressee(v, data);
        return plain == addressed || (!plain && addressed && v.IsPrivateSector && data.CommunityOnly);
    }
}

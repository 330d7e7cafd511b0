using System.Linq.Expressions;

namespace Tandem.Core.Sharing;

/// <summary>
/// The one access policy: may this reader see a record with this label? The
/// same rule exists twice — as a predicate for one record in memory and as an expression applied
/// inside database queries (lists, search, exports) — and a test proves they agree.
/// Nobody bypasses it: administrators and auditors are readers like any other; an administrator's
/// read outside their own access goes through an explicit, audited break-glass action.
/// </summary>
public static class AccessPolicy
{
    public static bool CanSee(Viewer viewer, LabelData label) => Compile(viewer, addressed: false)(label);

    public static bool CanSee(Viewer viewer, Label label) => CanSee(viewer, LabelData.From(label));

    /// <summary>The rule for a reader the record is addressed to (see <see cref="Rule(Viewer, bool)"/>).</summary>
    public static bool CanSeeAsAddressee(Viewer viewer, LabelData label) => Compile(viewer, addressed: true)(label);

    /// <summary>Compiled rules per reader, day and addressing; compiling costs far more than evaluating, and readers repeat.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Viewer, bool), Func<LabelData, bool>> Compiled = new();

    private const int MaxCompiled = 4096;

    private static Func<LabelData, bool> Compile(Viewer viewer, bool addressed)
    {
        if (Compiled.TryGetValue((viewer, addressed), out var rule))
        {
            return rule;
        }

        if (Compiled.Count >= MaxCompiled)
        {
            Compiled.Clear();
        }

        return Compiled.GetOrAdd((viewer, addressed), k => Rule(k.Item1, k.Item2).Compile());
    }

    /// <summary>
    /// The rule over a label's columns, with the reader's facts as constants. <paramref name="addressed"/> is for a
    /// record that names the reader's organisation as its audience (a call for input and the organisations it asks):
    /// being asked makes that organisation part of the record's community, so a community-only (GREEN) label admits
    /// it; every other constraint — level, named agencies and people, releasability, embargo — applies unchanged.
    /// The caller decides in the same query that the reader's organisation really is in the audience.
    /// </summary>
    public static Expression<Func<LabelData, bool>> Rule(Viewer viewer, bool addressed = false)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsAuthenticated)
        {
            var today0 = viewer.Today;
            return l => l.Level == Tlp.Clear && l.Parties == null && (l.EmbargoedUntil == null || l.EmbargoedUntil <= today0);
        }

        var party = LabelData.Token(viewer.Party);
        var agencyToken = LabelData.Token(viewer.AgencyId);
        var userToken = LabelData.Token(viewer.UserId);
        var agency = viewer.AgencyId;
        var outsideCommunity = viewer.IsPrivateSector && !addressed;
        var today = viewer.Today;
        return l =>
            (l.Parties == null || l.Parties.Contains(party))
            && (l.EmbargoedUntil == null || l.EmbargoedUntil <= today || l.Originator == agency)
            && (!l.CommunityOnly || !outsideCommunity || l.Originator == agency)
            && (l.Level == Tlp.Clear
                || l.Level == Tlp.Green
                || ((l.Level == Tlp.Amber || l.Level == Tlp.AmberStrict) && ((l.Agencies == null && l.Originator == agency) || (l.Agencies != null && l.Agencies.Contains(agencyToken))))
                || (l.Level == Tlp.Red && l.Users != null && l.Users.Contains(userToken) && (l.Agencies == null || l.Agencies.Contains(agencyToken))));
    }

    /// <summary>Filters a query of labelled records to those the reader may see, in SQL.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, Viewer viewer)
        where T : class, ILabelled
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Where(For<T>(viewer));
    }

    /// <summary>Filters a query of records addressed to the reader's organisation to those the reader may see, in SQL.</summary>
    public static IQueryable<T> VisibleToAddressee<T>(this IQueryable<T> records, Viewer viewer)
        where T : class, ILabelled
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Where(For<T>(viewer, addressed: true));
    }

    /// <summary>The rule rewritten over a record type: <c>r =&gt; rule(r.Label)</c>.</summary>
    public static Expression<Func<T, bool>> For<T>(Viewer viewer, bool addressed = false)
        where T : class, ILabelled
    {
        var rule = Rule(viewer, addressed);
        var record = Expression.Parameter(typeof(T), "r");
        var label = Expression.Property(record, nameof(ILabelled.Label));
        var body = new Substitute(rule.Parameters[0], label).Visit(rule.Body);
        return Expression.Lambda<Func<T, bool>>(body, record);
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

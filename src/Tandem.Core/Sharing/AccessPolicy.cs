using System.Linq.Expressions;

namespace Tandem.Core.Sharing;

/// <summary>
/// The one access policy (SECURITY.md row 1): may this reader see a record with this label? The
/// same rule exists twice — as a predicate for one record in memory and as an expression applied
/// inside database queries (lists, search, exports) — and a test proves they agree.
/// Nobody bypasses it: administrators and auditors are readers like any other; an administrator's
/// read outside their own access goes through an explicit, audited break-glass action.
/// </summary>
public static class AccessPolicy
{
    public static bool CanSee(Viewer viewer, LabelData label) => Compile(viewer)(label);

    public static bool CanSee(Viewer viewer, Label label) => CanSee(viewer, LabelData.From(label));

    /// <summary>Compiled rules per reader and day; compiling costs far more than evaluating, and readers repeat.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Viewer, Func<LabelData, bool>> Compiled = new();

    private const int MaxCompiled = 4096;

    private static Func<LabelData, bool> Compile(Viewer viewer)
    {
        if (Compiled.TryGetValue(viewer, out var rule))
        {
            return rule;
        }

        if (Compiled.Count >= MaxCompiled)
        {
            Compiled.Clear();
        }

        return Compiled.GetOrAdd(viewer, v => Rule(v).Compile());
    }

    /// <summary>The rule over a label's columns, with the reader's facts as constants.</summary>
    public static Expression<Func<LabelData, bool>> Rule(Viewer viewer)
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
        var isPrivate = viewer.IsPrivateSector;
        var today = viewer.Today;
        return l =>
            (l.Parties == null || l.Parties.Contains(party))
            && (l.EmbargoedUntil == null || l.EmbargoedUntil <= today || l.Originator == agency)
            && (!l.CommunityOnly || !isPrivate || l.Originator == agency)
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

    /// <summary>The rule rewritten over a record type: <c>r =&gt; rule(r.Label)</c>.</summary>
    public static Expression<Func<T, bool>> For<T>(Viewer viewer)
        where T : class, ILabelled
    {
        var rule = Rule(viewer);
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

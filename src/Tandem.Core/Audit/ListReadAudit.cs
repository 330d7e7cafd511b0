using System.Text;
using Tandem.Core.Data;

namespace Tandem.Core.Audit;

/// <summary>
/// One audit entry per list read: what was asked for and which records were shown, so an auditor can tell who saw a
/// labelled record through a list as well as through its own page. One entry per request, not per row, keeps a page
/// of fifty to a single chain append.
/// </summary>
public static class ListReadAudit
{
    /// <summary>The room of <see cref="AuditEntry.Details"/>: a page of fifty ids and its query fit in one entry.</summary>
    public const int MaxDetails = 2000;

    /// <summary>
    /// Writes the entry and waits for it: the list is not answered before its read is in the chain. A page too large for
    /// one entry (more than about fifty ids) continues in further entries of the same request, each naming its part.
    /// </summary>
    public static Task AuditListAsync(this TandemDbContext db, string objectType, string objectId, string label, string query, IReadOnlyCollection<Guid> shown, int? total,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AuditReadsAsync(AuditAction.List, objectType, objectId, label, Describe(query, shown, total), ct);
    }

    /// <summary><c>query; shown N of T: id,id,…</c>, split into parts that each fit <see cref="MaxDetails"/>.</summary>
    public static IReadOnlyList<string> Describe(string query, IReadOnlyCollection<Guid> shown, int? total)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var head = new StringBuilder(Short(query, 400)).Append("; shown ").Append(shown.Count);
        if (total is { } t)
        {
            head.Append(" of ").Append(t);
        }

        var parts = new List<string>();
        var text = new StringBuilder().Append(head).Append(':');
        var first = true;
        foreach (var id in shown)
        {
            if (text.Length + 37 > MaxDetails)
            {
                parts.Add(text.ToString());
                text.Clear().Append(head).Append(" (continued):");
                first = true;
            }

            text.Append(first ? " " : ",").Append(id.ToString("D"));
            first = false;
        }

        parts.Add(text.ToString());
        return parts;
    }

    /// <summary><c>name=value</c> pairs of the filters actually given, for the query part of the entry.</summary>
    public static string Query(params (string Name, object? Value)[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return string.Join("&", filters.Where(f => f.Value is not null && f.Value.ToString() is { Length: > 0 })
            .Select(f => $"{f.Name}={Short(Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)!, 100)}"));
    }

    private static string Short(string value, int length) => value.Length <= length ? value : value[..length];
}

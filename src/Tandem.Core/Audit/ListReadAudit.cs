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
    /// <summary>Room for the ids of the largest page (200 × 37 characters) and its query, within <see cref="AuditEntry.Details"/>.</summary>
    public const int MaxDetails = 10_000;

    /// <summary>Writes the entry and waits for it: the list is not answered before its read is in the chain.</summary>
    public static Task AuditListAsync(this TandemDbContext db, string objectType, string objectId, string label, string query, IReadOnlyCollection<Guid> shown, int? total,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AuditReadAsync(AuditAction.List, objectType, objectId, label, Describe(query, shown, total), ct);
    }

    /// <summary><c>query; shown N of T: id,id,…</c>, cut at <see cref="MaxDetails"/> with the number of ids left out.</summary>
    public static string Describe(string query, IReadOnlyCollection<Guid> shown, int? total)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var text = new StringBuilder(query.Length + 24 + (shown.Count * 37));
        text.Append(query).Append("; shown ").Append(shown.Count);
        if (total is { } t)
        {
            text.Append(" of ").Append(t);
        }

        text.Append(':');
        var written = 0;
        foreach (var id in shown)
        {
            if (text.Length + 37 + 24 > MaxDetails)
            {
                text.Append(" …and ").Append(shown.Count - written).Append(" more");
                break;
            }

            text.Append(written == 0 ? " " : ",").Append(id.ToString("D"));
            written++;
        }

        return text.ToString();
    }

    /// <summary><c>name=value</c> pairs of the filters actually given, for the query part of the entry.</summary>
    public static string Query(params (string Name, object? Value)[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return string.Join("&", filters.Where(f => f.Value is not null && f.Value.ToString() is { Length: > 0 })
            .Select(f => $"{f.Name}={Short(Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)!)}"));
    }

    private static string Short(string value) => value.Length <= 200 ? value : value[..200];
}

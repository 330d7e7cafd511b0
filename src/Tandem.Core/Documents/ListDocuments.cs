using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Documents;

/// <summary>Filters of the document list. <see cref="Deleted"/> lists the reader's own agency's deleted documents (to restore them).</summary>
public sealed record DocumentFilter(string? Search = null, string? Level = null, string? Agency = null, string? ParentType = null, Guid? ParentId = null, string? Sort = null, bool Deleted = false)
{
    public static readonly IReadOnlyList<string> Sorts = ["-updated", "updated", "title", "-title", "level", "-level"];
}

/// <summary>
/// The documents a reader may see: the access policy is part of the query (SECURITY.md row 1), so paging,
/// counting, search and export only ever touch visible rows.
/// </summary>
public static class ListDocuments
{
    public const int MaxExportRows = 10_000;

    /// <summary>The tables the list reads: the documents (their labels are in their rows) and agencies (the owner filter).</summary>
    private static readonly string[] CountedTables = ["Documents", "Agencies"];

    public static async Task<Result<PagedList<DocumentListItem>>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, DocumentFilter filter, int? page, int? pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(filter);
        var request = PageRequest.Create(page, pageSize);
        var viewer = DocumentAccess.ViewerOf(actor, clock);
        var query = Query(db, actor, viewer, filter);
        if (!request.Succeeded || !query.Succeeded)
        {
            return Merge(request.Error, query.Error);
        }

        // The query is built from the viewer (the access policy), the reader's agency (deleted documents) and the filter alone.
        var list = FormattableString.Invariant($"documents|{viewer}|{actor.AgencyId}|{filter}");
        var (rows, total) = await PageRows(db, query.Value, request.Value, list, ct);

        // The list is a read of every document on the page: one entry names them, under their combined label.
        var marking = rows.Count == 0 ? "" : Label.Combine(rows.Select(r => r.Label.ToLabel())).Marking;
        await db.AuditListAsync(DocumentAccess.ObjectType, filter.ParentId?.ToString("D") ?? "", marking.Length > 500 ? marking[..500] : marking,
            ListReadAudit.Query(("search", filter.Search), ("level", filter.Level), ("agency", filter.Agency), ("parentType", filter.ParentType),
                ("parentId", filter.ParentId), ("sort", filter.Sort), ("deleted", filter.Deleted ? "true" : null), ("page", request.Value.Page), ("pageSize", request.Value.PageSize)),
            rows.Select(r => r.Id).ToList(), total, ct);
        return new PagedList<DocumentListItem>(rows.Select(ToItem).ToList(), request.Value.Page, request.Value.PageSize, total);
    }

    /// <summary>Counts and reads one page of an already filtered query (public for the benchmark, which compares it with and without the policy).</summary>
    public static async Task<PagedList<DocumentListItem>> Page(TandemDbContext db, IQueryable<Document> query, PageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (rows, total) = await PageRows(db, query, request, null, ct);
        return new PagedList<DocumentListItem>(rows.Select(ToItem).ToList(), request.Page, request.PageSize, total);
    }

    /// <param name="list">Everything the query is built from, to remember its total by (see <see cref="ListTotals"/>); null counts every time.</param>
    private static async Task<(List<Row> Rows, int Total)> PageRows(TandemDbContext db, IQueryable<Document> query, PageRequest request, string? list, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // One connection for the change stamps, the count and the page: each open and close of a pooled connection takes a
        // process-wide lock (SQLite's pool), which concurrent readers otherwise queue for once per query.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var total = list is null ? await query.CountAsync(ct) : await ListTotals.CountAsync(db, query, CountedTables, list, ct);
            var rows = await Project(db, query.Skip(request.Skip).Take(request.PageSize)).ToListAsync(ct);
            return (rows, total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The visible, filtered and sorted documents as a query, for the list, the export and the benchmark.</summary>
    public static Result<IQueryable<Document>> Query(TandemDbContext db, Actor actor, Viewer viewer, DocumentFilter filter, bool applyPolicy = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var validation = new Validation().Optional("search", filter.Search, 200);
        // Deleted documents are excluded here and not only by the model's query filter: the owner's agency code is read
        // with IgnoreQueryFilters (a deleted agency still owns its documents), and EF Core applies that to the whole query.
        IQueryable<Document> documents = db.Documents.AsNoTracking();
        if (filter.Deleted)
        {
            var own = actor.AgencyId ?? Guid.Empty;
            documents = documents.IgnoreQueryFilters().Where(d => d.DeletedAt != null && d.OwnerAgencyId == own);
        }
        else
        {
            documents = documents.Where(d => d.DeletedAt == null);
        }

        if (applyPolicy)
        {
            documents = documents.VisibleTo(viewer);
        }

        if (filter.Search is { Length: > 0 and <= 200 } search)
        {
            var term = search.Trim().ToLower(CultureInfo.InvariantCulture);
            documents = documents.Where(d => d.Title.ToLower().Contains(term) || d.Description.ToLower().Contains(term));
        }

        if (!string.IsNullOrWhiteSpace(filter.Level))
        {
            if (LabelRequest.ParseLevel(filter.Level) is { } level)
            {
                documents = documents.Where(d => d.Label.Level == level);
            }
            else
            {
                validation.Add("level", $"level must be one of Clear, Green, Amber, AmberStrict, Red.");
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Agency))
        {
            var code = filter.Agency.Trim().ToUpperInvariant();
            var agencyIds = db.Agencies.IgnoreQueryFilters().Where(a => a.Code == code).Select(a => a.Id);
            documents = documents.Where(d => agencyIds.Contains(d.OwnerAgencyId));
        }

        if (!string.IsNullOrWhiteSpace(filter.ParentType))
        {
            documents = documents.Where(d => d.ParentType == filter.ParentType);
        }

        if (filter.ParentId is { } parentId)
        {
            documents = documents.Where(d => d.ParentId == parentId);
        }

        if (filter.Sort is { Length: > 0 } sort && !DocumentFilter.Sorts.Contains(sort, StringComparer.Ordinal))
        {
            validation.Add("sort", $"sort must be one of {string.Join(", ", DocumentFilter.Sorts)}.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return Result<IQueryable<Document>>.Ok(filter.Sort switch
        {
            "updated" => documents.OrderBy(d => d.UpdatedAt).ThenBy(d => d.Id),
            "title" => documents.OrderBy(d => d.Title).ThenBy(d => d.Id),
            "-title" => documents.OrderByDescending(d => d.Title).ThenBy(d => d.Id),
            "level" => documents.OrderBy(d => d.Label.Level).ThenBy(d => d.Title),
            "-level" => documents.OrderByDescending(d => d.Label.Level).ThenBy(d => d.Title),
            _ => documents.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id),
        });
    }

    /// <summary>CSV of every visible document matching the filter (cells formula-safe, SECURITY.md row 12); one audit entry labelled with the combined label.</summary>
    public static async Task<Result<(string Csv, string Marking, int Count)>> Export(TandemDbContext db, Actor actor, TimeProvider clock, DocumentFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var query = Query(db, actor, DocumentAccess.ViewerOf(actor, clock), filter ?? new DocumentFilter());
        if (!query.Succeeded)
        {
            return query.Error!;
        }

        var rows = await Project(db, query.Value.Take(MaxExportRows)).ToListAsync(ct);
        var csv = new StringBuilder();
        csv.Append("id,title,description,owner_agency,marking,current_version,updated_at\r\n");
        foreach (var row in rows)
        {
            var item = ToItem(row);
            csv.Append(string.Join(",", Csv.Cell(item.Id.ToString("D")), Csv.Cell(item.Title), Csv.Cell(item.Description), Csv.Cell(item.OwnerAgency),
                Csv.Cell(item.Marking), item.CurrentVersion.ToString(CultureInfo.InvariantCulture), item.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))).Append("\r\n");
        }

        // An export is derived from every row in it: it carries their most restrictive combination.
        var marking = rows.Count == 0 ? "" : Label.Combine(rows.Select(r => r.Label.ToLabel())).Marking;
        db.Audit(AuditAction.Export, DocumentAccess.ObjectType, "", AuditDecision.Allowed, marking.Length > 500 ? marking[..500] : marking,
            $"{rows.Count} documents; search={Short(filter?.Search)}; level={Short(filter?.Level)}; agency={Short(filter?.Agency)}");
        await db.SaveChangesAsync(ct);
        return (csv.ToString(), marking, rows.Count);
    }

    internal sealed record Row(Guid Id, string Title, string Description, string? OwnerAgency, LabelData Label, int CurrentVersion, DateTime UpdatedAt, string? ParentType, Guid? ParentId, bool Deleted);

    private static IQueryable<Row> Project(TandemDbContext db, IQueryable<Document> documents) =>
        documents.Select(d => new Row(d.Id, d.Title, d.Description,
            db.Agencies.IgnoreQueryFilters().Where(a => a.Id == d.OwnerAgencyId).Select(a => a.Code).FirstOrDefault(),
            d.Label, d.CurrentVersion, d.UpdatedAt, d.ParentType, d.ParentId, d.DeletedAt != null));

    private static DocumentListItem ToItem(Row r) =>
        new(r.Id, r.Title, r.Description, r.OwnerAgency ?? "", r.Label.Level, r.Label.ToLabel().Marking, r.CurrentVersion, r.UpdatedAt, r.ParentType, r.ParentId, r.Deleted);

    private static string Short(string? value) => value is null ? "" : value.Length <= 60 ? value : value[..60];

    private static Error Merge(Error? a, Error? b)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in (a?.Fields ?? new Dictionary<string, string[]>()).Concat(b?.Fields ?? new Dictionary<string, string[]>()))
        {
            fields[key] = messages;
        }

        return new Error(ErrorKind.Invalid, "One or more fields are invalid.", fields);
    }
}

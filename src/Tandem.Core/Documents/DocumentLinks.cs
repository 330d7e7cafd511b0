using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Documents;

/// <summary>
/// Records that point at documents — a meeting paper, an agenda item's pre-reads, the evidence of a coercion incident's
/// phase, an analysis attached to a document — follow two rules. When linking: the person linking may read the document,
/// and the record's audience is never wider than the document's label, so that whoever reads the record may read what
/// it points at. When reading: a reader who may not read a linked document (it was relabelled or withdrawn after it was
/// linked) does not learn of it through the record — not its id, not its title.
/// </summary>
public static class DocumentLinks
{
    /// <summary>
    /// Checks the documents a record is about to link. <paramref name="audience"/> is who will read the record;
    /// <paramref name="record"/> names it in messages ("the paper"); errors go under <paramref name="field"/>. A missing
    /// document and one the linker may not read get the same message.
    /// </summary>
    public static async Task Check(TandemDbContext db, Viewer linker, Label audience, IEnumerable<Guid> documentIds, string field, string record,
        Validation validation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentNullException.ThrowIfNull(validation);
        var ids = documentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var documents = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Title, d.Label }).ToListAsync(ct);
        foreach (var id in ids)
        {
            var document = documents.FirstOrDefault(d => d.Id == id);
            if (document is null || !AccessPolicy.CanSee(linker, document.Label))
            {
                validation.Add(field, $"{id:D} is not a document you may read.");
                continue;
            }

            var label = document.Label.ToLabel();
            if (!audience.IsNarrowerOrEqual(label))
            {
                validation.Add(field, $"'{Clip(document.Title)}' is labelled {label.Marking}, and {record} ({audience.Marking}) would reach readers "
                    + $"the document does not: label {record} at least as narrowly as the document, or link another.");
            }
        }
    }

    /// <summary>Of <paramref name="documentIds"/>, the documents <paramref name="reader"/> may read, with their titles (filtered in SQL).</summary>
    public static async Task<Dictionary<Guid, string>> Readable(TandemDbContext db, Viewer reader, IEnumerable<Guid> documentIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(documentIds);
        var ids = documentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).VisibleTo(reader).ToDictionaryAsync(d => d.Id, d => d.Title, ct);
    }

    private static string Clip(string title) => title.Length <= 80 ? title : title[..80] + "…";
}

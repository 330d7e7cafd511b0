using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Sharing;

namespace Tandem.Core.Demo;

/// <summary>
/// Labelled demo documents of every TLP level from several agencies, so that two demo users see
/// different lists (e.g. officer.doc@demo.tandem and officer.meti@demo.tandem). Every file says that
/// it is fictitious demo content. Loading twice changes nothing.
/// </summary>
public static class DemoDocuments
{
    private sealed record Spec(string Agency, string Author, string Title, string Description, LabelRequest Label, string FileName, Func<string, byte[]> Content, string? ParentTitle = null);

    private static readonly Spec[] Specs =
    [
        new("DOS", "secretariat.us@demo.tandem", "EPCC fact sheet (demo)", "Public overview of the forum's tracks.",
            new LabelRequest("Clear"), "epcc-fact-sheet.txt", Text),
        new("METI", "officer.meti@demo.tandem", "Semiconductor supply-chain overview (demo)", "Community-wide summary table of demo import shares.",
            new LabelRequest("Green"), "supply-chain-overview.csv", Csv),
        new("DOC", "officer.doc@demo.tandem", "Export-control coordination notes (demo)", "Shared with METI for the working group.",
            new LabelRequest("Amber", RecipientAgencies: ["METI"]), "export-control-notes.pdf", Pdf),
        new("MOFA", "secretariat.jp@demo.tandem", "MOFA internal briefing (demo)", "For MOFA only.",
            new LabelRequest("AmberStrict"), "mofa-briefing.txt", Text),
        new("DOC", "officer.doc@demo.tandem", "Principal's talking points (demo)", "Named recipients only.",
            new LabelRequest("Red", RecipientUsers: ["analyst.doc@demo.tandem"]), "talking-points.txt", Text),
        new("DOS", "secretariat.us@demo.tandem", "U.S. negotiating position (demo)", "Originator only: stays with the United States.",
            new LabelRequest("Green", OriginatorOnly: true), "us-position.pdf", Pdf),
        new("DOS", "secretariat.us@demo.tandem", "Annex to the U.S. negotiating position (demo)", "Attachment of a USA-only document: USA-only too.",
            new LabelRequest("Green"), "us-position-annex.txt", Text, "U.S. negotiating position (demo)"),
        new("DEMO-SEMI", "contributor@demo.tandem", "Company capacity data (demo)", "Confidential business information for METI.",
            new LabelRequest("Amber", RecipientAgencies: ["METI"], Caveats: ["CBI"]), "capacity.csv", Csv),
        new("METI", "officer.meti@demo.tandem", "Joint statement draft (demo)", "Embargoed until the ministers meet.",
            new LabelRequest("Green", Caveats: ["PRE-DECISIONAL"], EmbargoedUntil: new DateOnly(2099, 1, 1)), "joint-statement-draft.txt", Text),
        new("MOFA", "secretariat.jp@demo.tandem", "Japanese agencies' coordination memo (demo)", "Releasable to Japan only.",
            new LabelRequest("Green", ReleasableTo: ["JPN"]), "jpn-memo.txt", Text),
    ];

    public static async Task<int> Load(TandemDbContext db, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var added = 0;
        foreach (var spec in Specs)
        {
            if (await db.Documents.IgnoreQueryFilters().AnyAsync(d => d.Title == spec.Title, ct))
            {
                continue;
            }

            var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == spec.Agency, ct);
            var author = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == spec.Author.ToUpperInvariant(), ct);
            if (agency is null || author is null)
            {
                continue;
            }

            var actor = new Actor(author.Id, author.Email, agency.Id, agency.Party, new HashSet<string> { Accounts.Roles.Member }, agency.Kind == Forums.AgencyKind.Private);
            Guid? parentId = spec.ParentTitle is null ? null : await db.Documents.Where(d => d.Title == spec.ParentTitle).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
            var input = new UploadDocumentInput(spec.Title, spec.Description, spec.Label, new FileUpload(spec.FileName, spec.Content(spec.Title)),
                parentId is null ? null : nameof(Document), parentId);
            var result = await UploadDocument.Handle(db, actor, clock, new DocumentOptions(), input, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo document '{spec.Title}': {result.Error!.Message} {string.Join(" ", result.Error.Fields.SelectMany(f => f.Value))}");
            }

            added++;
        }

        return added;
    }

    private const string Notice = "FICTITIOUS DEMO CONTENT. This file was generated for the Tandem demo scenario; it states no real policy, position or business information.";

    private static byte[] Text(string title) => Encoding.UTF8.GetBytes($"{title}\n\n{Notice}\n\nThe text of a real document would be here.\n");

    private static byte[] Csv(string title) => Encoding.UTF8.GetBytes(
        $"note,item,share_percent\n\"{Notice}\",{title.Replace(",", "", StringComparison.Ordinal)},0\ndemo,semiconductor-grade neon (fictitious),42\ndemo,photoresist (fictitious),17\n");

    /// <summary>A minimal valid one-page PDF with one line of text, built byte by byte with a correct cross-reference table.</summary>
    internal static byte[] Pdf(string title)
    {
        static string Escape(string s) => new(s.Where(c => c < 128).ToArray().SelectMany(c => c is '(' or ')' or '\\' ? new[] { '\\', c } : [c]).ToArray());
        var stream = $"BT /F1 12 Tf 50 750 Td ({Escape(title)}) Tj 0 -20 Td (FICTITIOUS DEMO CONTENT generated for the Tandem demo scenario.) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}

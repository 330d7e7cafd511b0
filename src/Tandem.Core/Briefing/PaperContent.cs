using System.IO.Compression;
using System.Text;
using System.Xml;
using Tandem.Core.Common;

namespace Tandem.Core.Briefing;

/// <summary>
/// What a briefing book shows of a file: Markdown and plain text in full (up to a limit), the first part of the text of
/// PDF and Office files, the top rows of CSV files. A file that yields nothing (a scan, an old binary format, a damaged
/// file) is represented by its description and a link, never by an error in the middle of the book.
/// </summary>
public static class PaperContent
{
    /// <summary>Characters of a text paper shown in full before it is cut (a book is read, not archived).</summary>
    public const int TextLimit = 20_000;

    /// <summary>Characters shown of the text extracted from a PDF or Office file.</summary>
    public const int ExcerptLimit = 1_500;

    /// <summary>Rows shown of a table (an analysis result or a CSV file).</summary>
    public const int TableRows = 10;

    public sealed record Extracted(PaperBody Body, string Text, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, int TotalRows);

    public static Extracted FromText(string text, bool markdown) =>
        new(markdown ? PaperBody.Markdown : PaperBody.Plain, Cut(text, TextLimit), [], [], 0);

    public static Extracted FromFile(byte[] bytes, string fileName, string contentType, string description)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(contentType);
        var summary = new Extracted(PaperBody.Summary, description ?? "", [], [], 0);
        try
        {
            if (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                return FromCsv(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
            }

            if (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                var markdown = fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);
                return FromText(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'), markdown);
            }

            var text = contentType switch
            {
                "application/pdf" => PdfText(bytes),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => OfficeText(bytes, p => p == "word/document.xml", "p"),
                "application/vnd.openxmlformats-officedocument.presentationml.presentation" => OfficeText(bytes,
                    p => p.StartsWith("ppt/slides/slide", StringComparison.Ordinal) && p.EndsWith(".xml", StringComparison.Ordinal), "p"),
                _ => "",
            };
            return string.IsNullOrWhiteSpace(text) ? summary : new Extracted(PaperBody.Excerpt, Cut(text.Trim(), ExcerptLimit), [], [], 0);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or InvalidOperationException or ArgumentException or FormatException
            or UglyToad.PdfPig.Core.PdfDocumentFormatException)
        {
            // A file the readers cannot parse is still named, with its description and a link to the original.
            return summary;
        }
    }

    /// <summary>The top rows of a CSV table with its header.</summary>
    public static Extracted FromCsv(string csv)
    {
        using var reader = new StringReader(csv ?? "");
        var lines = new List<List<string>>();
        var total = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            // Rows past the top ones are counted, not split: a large result stays cheap to summarise.
            if (lines.Count <= TableRows)
            {
                lines.Add(Csv.SplitLine(line));
            }

            total++;
        }

        if (lines.Count == 0)
        {
            return new Extracted(PaperBody.Table, "", [], [], 0);
        }

        return new Extracted(PaperBody.Table, "", lines[0], lines.Skip(1).Select(r => (IReadOnlyList<string>)r).ToList(), total - 1);
    }

    private static string PdfText(byte[] bytes)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            text.AppendLine(string.Join(" ", page.GetWords().Select(w => w.Text)));
            if (text.Length > ExcerptLimit)
            {
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>The text of an Office Open XML package's parts, one line per paragraph (element <paramref name="paragraph"/>).</summary>
    private static string OfficeText(byte[] bytes, Func<string, bool> part, string paragraph)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => part(e.FullName)).OrderBy(e => e.FullName.Length).ThenBy(e => e.FullName, StringComparer.Ordinal))
        {
            using var stream = entry.Open();
            using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (xml.Read() && text.Length <= ExcerptLimit)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
                {
                    text.Append(xml.ReadElementContentAsString());
                }
                else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == paragraph)
                {
                    text.Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..limit].TrimEnd() + " …";
}

using System.IO.Compression;
using System.Text;
using System.Xml;
using Tandem.Core.Documents;
using UglyToad.PdfPig;

namespace Tandem.Core.Search;

/// <summary>
/// The words of an uploaded file, for the search index: plain text and CSV as they are, the text layer of a PDF,
/// and the text runs of Word, Excel and PowerPoint files. Images and unreadable files give no text; a file that
/// fails to parse is still stored and found by its title and description.
/// </summary>
public static class TextExtraction
{
    public static string Extract(string contentType, ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = contentType switch
            {
                "application/pdf" => Pdf(bytes.ToArray()),
                _ when contentType.StartsWith("text/", StringComparison.Ordinal) => Encoding.UTF8.GetString(bytes),
                _ when contentType.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.Ordinal) => OfficeXml(bytes.ToArray()),
                _ => "",
            };
            return Clip(text);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or InvalidOperationException or ArgumentException
            or FormatException or NotSupportedException or UglyToad.PdfPig.Core.PdfDocumentFormatException)
        {
            // A damaged or unusual file is still a document; it is found by its title and description.
            return "";
        }
    }

    public static string Clip(string text) => text.Length <= SearchEntry.TextLength ? text : text[..SearchEntry.TextLength];

    private static string Pdf(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.AppendLine(page.Text);
            if (text.Length > SearchEntry.TextLength)
            {
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>Word (w:t), Excel (shared strings and inline strings) and PowerPoint (a:t) text runs, in part order.</summary>
    private static string OfficeXml(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var text = new StringBuilder();
        var parts = zip.Entries
            .Where(e => e.FullName is "word/document.xml" or "xl/sharedStrings.xml"
                || (e.FullName.StartsWith("ppt/slides/slide", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                || (e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            .OrderBy(e => e.FullName, StringComparer.Ordinal);
        foreach (var part in parts)
        {
            // The upload was already checked against zip bombs (ContentSniffer); still read no more than the index keeps.
            if (part.Length > ContentSniffer.MaxOfficeUncompressedBytes)
            {
                continue;
            }

            using var reader = XmlReader.Create(part.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read() && text.Length <= SearchEntry.TextLength)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
                {
                    text.Append(reader.ReadElementContentAsString()).Append(' ');
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "p" or "si" or "row")
                {
                    text.AppendLine();
                }
            }
        }

        return text.ToString();
    }
}

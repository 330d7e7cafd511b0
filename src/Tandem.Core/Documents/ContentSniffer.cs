using System.IO.Compression;
using System.Text;

namespace Tandem.Core.Documents;

/// <summary>What an upload really is, decided from its bytes.</summary>
public sealed record SniffedContent(string Kind, string ContentType, string Extension);

/// <summary>
/// SECURITY.md row 11: the type of an upload is decided by its content (magic bytes and structure),
/// never by its file name or the Content-Type the client sent. Only document, spreadsheet, image and
/// text formats are accepted; executables, scripts, markup and anything unrecognised are refused.
/// </summary>
public static class ContentSniffer
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();

    private static readonly (byte[] Magic, string What)[] Refused =
    [
        ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
        ("MZ"u8.ToArray(), "a Windows (PE) executable"),
        ([0xFE, 0xED, 0xFA, 0xCE], "a Mach-O executable"),
        ([0xFE, 0xED, 0xFA, 0xCF], "a Mach-O executable"),
        ([0xCE, 0xFA, 0xED, 0xFE], "a Mach-O executable"),
        ([0xCF, 0xFA, 0xED, 0xFE], "a Mach-O executable"),
        ([0xCA, 0xFE, 0xBA, 0xBE], "a Mach-O universal binary or Java class"),
        ("#!"u8.ToArray(), "a script"),
    ];

    private static readonly string[] MarkupStarts = ["<!doctype", "<html", "<script", "<svg", "<?xml", "<xml", "<body", "<iframe"];

    /// <summary>The content's kind, or the reason it is refused (a message for the field <c>file</c>).</summary>
    public static (SniffedContent? Content, string? Refusal) Sniff(ReadOnlySpan<byte> bytes, string fileName)
    {
        if (bytes.Length == 0)
        {
            return (null, "file is empty.");
        }

        foreach (var (magic, what) in Refused)
        {
            if (bytes.StartsWith(magic))
            {
                return (null, $"file is {what}; executables and scripts are never accepted, whatever their name.");
            }
        }

        if (bytes.StartsWith(Pdf))
        {
            return (new SniffedContent("PDF", "application/pdf", ".pdf"), null);
        }

        if (bytes.StartsWith(Png))
        {
            return (new SniffedContent("PNG image", "image/png", ".png"), null);
        }

        if (bytes.StartsWith(Jpeg))
        {
            return (new SniffedContent("JPEG image", "image/jpeg", ".jpg"), null);
        }

        if (bytes.StartsWith(Gif87) || bytes.StartsWith(Gif89))
        {
            return (new SniffedContent("GIF image", "image/gif", ".gif"), null);
        }

        if (bytes.StartsWith(Ole))
        {
            return (Legacy(fileName), null);
        }

        if (bytes.StartsWith(Zip))
        {
            return OfficeOpenXml(bytes);
        }

        return Text(bytes, fileName);
    }

    /// <summary>Legacy Office files share one container format; the name only picks among the three Office types.</summary>
    private static SniffedContent Legacy(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xls" => new SniffedContent("Excel 97-2003 workbook", "application/vnd.ms-excel", ".xls"),
        ".ppt" => new SniffedContent("PowerPoint 97-2003 presentation", "application/vnd.ms-powerpoint", ".ppt"),
        _ => new SniffedContent("Word 97-2003 document", "application/msword", ".doc"),
    };

    private static (SniffedContent?, string?) OfficeOpenXml(ReadOnlySpan<byte> bytes)
    {
        const string notOffice = "file is a ZIP archive that is not an Office document; archives are not accepted.";
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml"))
            {
                return (null, notOffice);
            }

            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return (null, "file contains macros (vbaProject.bin); save it without macros (.docx, .xlsx, .pptx).");
            }

            if (names.Any(n => n.StartsWith("word/", StringComparison.OrdinalIgnoreCase)))
            {
                return (new SniffedContent("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"), null);
            }

            if (names.Any(n => n.StartsWith("xl/", StringComparison.OrdinalIgnoreCase)))
            {
                return (new SniffedContent("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"), null);
            }

            if (names.Any(n => n.StartsWith("ppt/", StringComparison.OrdinalIgnoreCase)))
            {
                return (new SniffedContent("PowerPoint presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"), null);
            }

            return (null, notOffice);
        }
        catch (InvalidDataException)
        {
            return (null, "file looks like a ZIP archive but cannot be read.");
        }
    }

    private static (SniffedContent?, string?) Text(ReadOnlySpan<byte> bytes, string fileName)
    {
        const string unknown = "file is not a recognised type: upload PDF, Office (Word, Excel, PowerPoint), CSV or plain text (UTF-8), PNG, JPEG or GIF.";
        if (bytes.Contains((byte)0))
        {
            return (null, unknown);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, unknown + " Text must be valid UTF-8.");
        }

        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (MarkupStarts.Any(m => start.StartsWith(m, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, "file is HTML, SVG or XML markup, which a browser could run; upload it as PDF or plain text.");
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t' or '\f')))
        {
            return (null, unknown);
        }

        return Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? (new SniffedContent("CSV", "text/csv; charset=utf-8", ".csv"), null)
            : (new SniffedContent("Plain text", "text/plain; charset=utf-8", ".txt"), null);
    }

    /// <summary>
    /// The name offered on download: the uploader's name without folders or control characters, with an
    /// extension that matches the sniffed type (a PDF uploaded as "x.exe" downloads as "x.exe.pdf").
    /// </summary>
    public static string CleanFileName(string? fileName, SniffedContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
        if (name.Length == 0)
        {
            name = "document";
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        var fits = extension == content.Extension
            || (content.Extension == ".jpg" && extension == ".jpeg")
            || (content.Extension == ".txt" && extension is ".text" or ".md" or ".log");
        if (!fits)
        {
            name += content.Extension;
        }

        return name.Length <= 200 ? name : name[..(200 - content.Extension.Length)] + content.Extension;
    }
}

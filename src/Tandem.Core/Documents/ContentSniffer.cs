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

    /// <summary>
    /// Limits on an Office file's ZIP container. Real documents have a few hundred parts and expand a few times to a
    /// few dozen times; a zip bomb expands a small upload into gigabytes that a reader or indexer would then choke on.
    /// </summary>
    public const int MaxOfficeEntries = 5_000;

    public const long MaxOfficeUncompressedBytes = 256L * 1024 * 1024;

    public const int MaxOfficeCompressionRatio = 200;

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
            if (ZipBomb(archive, bytes.Length) is { } bomb)
            {
                return (null, bomb);
            }

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
        catch (NotSupportedException)
        {
            // An entry compressed with a method .NET cannot inflate: no Office application writes those.
            return (null, "file looks like a ZIP archive but cannot be read.");
        }
    }

    /// <summary>
    /// Why the container is refused, or null. Sizes declared in the archive can lie, so each entry is also inflated
    /// (and thrown away) while counting, stopping as soon as a limit is passed.
    /// </summary>
    private static string? ZipBomb(ZipArchive archive, long uploadedBytes)
    {
        if (archive.Entries.Count > MaxOfficeEntries)
        {
            return $"file has {archive.Entries.Count} parts; an Office document may have at most {MaxOfficeEntries}. It looks like a zip bomb and is not accepted.";
        }

        var tooBig = $"file would expand to more than {MaxOfficeUncompressedBytes / (1024 * 1024)} MiB; it looks like a zip bomb and is not accepted.";
        var tooDense = $"file expands more than {MaxOfficeCompressionRatio} times; it looks like a zip bomb and is not accepted.";
        if (archive.Entries.Sum(e => e.Length) > MaxOfficeUncompressedBytes)
        {
            return tooBig;
        }

        var total = 0L;
        var buffer = new byte[81920];
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            var inflated = 0L;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                inflated += read;
                total += read;
                if (total > MaxOfficeUncompressedBytes)
                {
                    return tooBig;
                }

                // Small parts may compress extremely well (a run of spaces); only a large part's ratio says bomb.
                if (inflated > 1024 * 1024 && inflated > Math.Max(1, entry.CompressedLength) * MaxOfficeCompressionRatio)
                {
                    return tooDense;
                }
            }
        }

        return total > 1024 * 1024 && total > uploadedBytes * MaxOfficeCompressionRatio ? tooDense : null;
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
        name = new string(name.Where(c => !IsInvisible(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
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

    /// <summary>
    /// A stored file name as it is offered on download (Content-Disposition): names kept before uploads were cleaned may
    /// still hold bidi controls that make "report\u202Efdp.exe" read as "reportexe.pdf", or other invisible characters.
    /// </summary>
    public static string DownloadName(string? fileName)
    {
        var name = new string((fileName ?? "").Where(c => !IsInvisible(c)).ToArray()).Trim();
        return name.Length == 0 ? "document" : name;
    }

    /// <summary>
    /// Characters a reader cannot see but that change what they read: control characters, bidi embeddings, overrides
    /// and isolates (U+202A–U+202E, U+2066–U+2069), marks, zero-width characters and other format characters.
    /// </summary>
    public static bool IsInvisible(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
}

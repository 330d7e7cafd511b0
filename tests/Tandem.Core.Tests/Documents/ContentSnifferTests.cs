using System.IO.Compression;
using System.Text;
using Tandem.Core.Documents;

namespace Tandem.Core.Tests.Documents;

public sealed class ContentSnifferTests
{
    private static readonly string[] OfficeParts = ["[Content_Types].xml", "word/document.xml"];

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }

    [Theory]
    [InlineData("%PDF-1.7\n...", "report.pdf", "application/pdf")]
    [InlineData("id,name\n1,Ａ社\n", "data.csv", "text/csv; charset=utf-8")]
    [InlineData("Plain notes\n", "notes", "text/plain; charset=utf-8")]
    [InlineData("GIF89a....", "x.gif", "image/gif")]
    public void Sniff_AcceptedContent_IsRecognisedByItsBytes(string content, string name, string type)
    {
        var (sniffed, refusal) = ContentSniffer.Sniff(Encoding.UTF8.GetBytes(content), name);

        Assert.Null(refusal);
        Assert.Equal(type, sniffed!.ContentType);
    }

    [Fact]
    public void Sniff_PngAndJpeg_AreImages()
    {
        Assert.Equal("image/png", ContentSniffer.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "a.png").Content!.ContentType);
        Assert.Equal("image/jpeg", ContentSniffer.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0], "a.pdf").Content!.ContentType);
    }

    [Fact]
    public void Sniff_OfficeOpenXml_IsAWordDocument()
    {
        var (sniffed, _) = ContentSniffer.Sniff(Zip("[Content_Types].xml", "word/document.xml"), "letter.docx");

        Assert.Equal(".docx", sniffed!.Extension);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 }, "ELF")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0 }, "PE")]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1 }, "Mach-O")]
    [InlineData(new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E, 0x2F, 0x73, 0x68 }, "script")]
    public void Sniff_ExecutableRenamedPdf_IsRefused(byte[] content, string what)
    {
        var (sniffed, refusal) = ContentSniffer.Sniff(content, "innocent.pdf");

        Assert.Null(sniffed);
        Assert.StartsWith("file ", refusal, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><script>alert(1)</script>")]
    [InlineData("  <svg xmlns='http://www.w3.org/2000/svg'/>")]
    public void Sniff_Markup_IsRefused(string content) =>
        Assert.Null(ContentSniffer.Sniff(Encoding.UTF8.GetBytes(content), "page.txt").Content);

    [Fact]
    public void Sniff_ZipWithoutContentTypes_IsRefused() =>
        Assert.Null(ContentSniffer.Sniff(Zip("payload.exe"), "report.docx").Content);

    [Fact]
    public void Sniff_OfficeWithMacros_IsRefused() =>
        Assert.Null(ContentSniffer.Sniff(Zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"), "letter.docx").Content);

    [Fact]
    public void Sniff_InvalidUtf8OrNulBytes_IsRefused()
    {
        Assert.Null(ContentSniffer.Sniff([0x61, 0xC3, 0x28, 0x62], "a.txt").Content);
        Assert.Null(ContentSniffer.Sniff([0x61, 0x00, 0x62], "a.txt").Content);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("C:\\Users\\x\\report.pdf", "report.pdf")]
    [InlineData("tool.exe", "tool.exe.pdf")]
    [InlineData("", "document.pdf")]
    public void CleanFileName_AnyName_KeepsOnlyASafeNameWithTheSniffedExtension(string given, string expected) =>
        Assert.Equal(expected, ContentSniffer.CleanFileName(given, new SniffedContent("PDF", "application/pdf", ".pdf")));

    [Theory]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe.pdf")]
    [InlineData("\u2066report\u2069\u200B.pdf", "report.pdf")]
    [InlineData("a\u202A\u202B\u202C\u202D\u2067\u2068b\u00AD\uFEFF.pdf", "ab.pdf")]
    public void CleanFileName_BidiAndInvisibleCharacters_AreRemoved(string given, string expected) =>
        Assert.Equal(expected, ContentSniffer.CleanFileName(given, new SniffedContent("PDF", "application/pdf", ".pdf")));

    [Fact]
    public void DownloadName_StoredNameWithAnOverride_IsOfferedWithoutIt()
    {
        Assert.Equal("reportfdp.exe", ContentSniffer.DownloadName("report\u202Efdp.exe"));
        Assert.Equal("document", ContentSniffer.DownloadName("\u202E\u2066"));
    }

    [Fact]
    public void Sniff_OfficeFileThatInflatesToGigabytes_IsRefusedAsAZipBomb()
    {
        // 64 MiB of zeros deflates to about 64 KiB: a thousandfold, where real Office parts stay far below the limit.
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<Types/>");
            }

            using var bomb = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                bomb.Write(zeros);
            }
        }

        var (sniffed, refusal) = ContentSniffer.Sniff(buffer.ToArray(), "letter.docx");

        Assert.Null(sniffed);
        Assert.Contains("zip bomb", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_OfficeFileWithTooManyParts_IsRefusedAsAZipBomb()
    {
        var parts = OfficeParts
            .Concat(Enumerable.Range(0, ContentSniffer.MaxOfficeEntries).Select(i => $"word/media/part{i}.xml")).ToArray();

        var (sniffed, refusal) = ContentSniffer.Sniff(Zip(parts), "letter.docx");

        Assert.Null(sniffed);
        Assert.Contains("zip bomb", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_OrdinaryWorkbookWithRepetitiveSheet_IsAccepted()
    {
        // A sheet of repeated rows compresses well (tens of times) but stays within the limits.
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<Types/>");
            }

            using var sheet = new StreamWriter(archive.CreateEntry("xl/worksheets/sheet1.xml").Open());
            for (var row = 1; row <= 20_000; row++)
            {
                sheet.Write($"<row r=\"{row}\"><c r=\"A{row}\" t=\"s\"><v>{row % 97}</v></c><c r=\"B{row}\"><v>{row * 3.25}</v></c></row>");
            }
        }

        var (sniffed, refusal) = ContentSniffer.Sniff(buffer.ToArray(), "book.xlsx");

        Assert.Null(refusal);
        Assert.Equal(".xlsx", sniffed!.Extension);
    }
}

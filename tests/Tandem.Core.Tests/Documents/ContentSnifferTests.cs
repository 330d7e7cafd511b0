using System.IO.Compression;
using System.Text;
using Tandem.Core.Documents;

namespace Tandem.Core.Tests.Documents;

public sealed class ContentSnifferTests
{
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
}

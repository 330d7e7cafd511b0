using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing;

namespace Tandem.Web.Tests.Security;

/// <summary>Uploads that would hurt whoever opens them: zip bombs dressed as Office files, names that hide their real extension.</summary>
public sealed class UploadSafetyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upload_WordFileThatInflatesAThousandfold_Answers400NamingTheFileAsAZipBomb(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var doc = await factory.CreateUser("doc@upload.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(doc);

        using var response = await DocumentKit.Upload(client, "Minutes", content: Bomb(), fileName: "minutes.docx",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Contains("\"file\"", body, StringComparison.Ordinal);
        Assert.Contains("zip bomb", body, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.Documents.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Download_NameWithBidiOverride_IsOfferedWithoutIt_EvenWhenStoredBeforeCleaning(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var doc = await factory.CreateUser("doc@upload.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(doc);

        using var uploaded = await DocumentKit.Upload(client, "Invoice", content: DocumentKit.Pdf("invoice"), fileName: "invoice\u202Efdp.exe");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var stored = await factory.WithDb(db => db.Set<Core.Documents.DocumentVersion>().SingleAsync());
        Assert.Equal("invoicefdp.exe.pdf", stored.FileName);

        // A name kept before uploads were cleaned still reaches the download header without its controls.
        await factory.WithDb(db => db.Set<Core.Documents.DocumentVersion>().ExecuteUpdateAsync(s => s.SetProperty(v => v.FileName, "old\u202Efdp.exe\u2066.pdf")));
        using var download = await client.GetAsync(new Uri($"/api/v1/documents/{stored.DocumentId}/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = string.Join(";", download.Content.Headers.GetValues("Content-Disposition"));
        Assert.DoesNotContain("%E2%80%AE", disposition, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u202E", disposition, StringComparison.Ordinal);
        Assert.Contains("oldfdp.exe.pdf", Uri.UnescapeDataString(disposition), StringComparison.Ordinal);
    }

    /// <summary>A .docx whose document part is 64 MiB of zeros: about 64 KiB uploaded.</summary>
    private static byte[] Bomb()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<Types/>");
            }

            using var part = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                part.Write(zeros);
            }
        }

        return buffer.ToArray();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Forums;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing;

/// <summary>Builds the little world the document tests need (parties, agencies, users) and speaks the documents API.</summary>
internal static class DocumentKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>USA: DOS, DOC; JPN: METI, MOFA and the company SEMI.</summary>
    public static async Task AddWorld(TandemFactory factory)
    {
        await factory.WithDb(async db =>
        {
            db.Parties.AddRange(
                new Party { Iso3 = "USA", NameEn = "United States", CapitalTimeZone = "America/New_York" },
                new Party { Iso3 = "JPN", NameEn = "Japan", CapitalTimeZone = "Asia/Tokyo" });
            db.Agencies.AddRange(
                new Agency { Code = "DOS", Party = "USA", Kind = AgencyKind.Ministry, NameEn = "Department of State" },
                new Agency { Code = "DOC", Party = "USA", Kind = AgencyKind.Ministry, NameEn = "Department of Commerce" },
                new Agency { Code = "METI", Party = "JPN", Kind = AgencyKind.Ministry, NameEn = "Ministry of Economy, Trade and Industry" },
                new Agency { Code = "MOFA", Party = "JPN", Kind = AgencyKind.Ministry, NameEn = "Ministry of Foreign Affairs" },
                new Agency { Code = "SEMI", Party = "JPN", Kind = AgencyKind.Private, NameEn = "Test Semiconductor Co." });
            await db.SaveChangesAsync();
        });
    }

    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes("%PDF-1.4\n% " + text + "\n%%EOF\n");

    /// <summary>Uploads a file with form fields; returns the response (201 with the document on success).</summary>
    public static async Task<HttpResponseMessage> Upload(HttpClient client, string title, IDictionary<string, string>? fields = null, byte[]? content = null,
        string fileName = "report.pdf", string contentType = "application/pdf", string path = "/api/v1/documents")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(title), "title");
        foreach (var (key, value) in fields ?? new Dictionary<string, string> { ["level"] = "Green" })
        {
            form.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(content ?? Pdf(title));
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    public static async Task<DocumentView> UploadOk(HttpClient client, string title, IDictionary<string, string>? fields = null, byte[]? content = null)
    {
        using var response = await Upload(client, title, fields, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload '{title}': {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<DocumentView>(body, Json)!;
    }

    public static async Task<DocumentView?> Get(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/documents/{id}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<DocumentView>(Json) : null;
    }

    public static Task<List<AuditEntry>> AuditFor(TandemFactory factory, Guid id) =>
        factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.ObjectId == id.ToString("D")).OrderBy(e => e.Sequence).ToListAsync());

    public static Task<long> LastSequence(TandemFactory factory) =>
        factory.WithDb(db => db.AuditEntries.AsNoTracking().MaxAsync(e => (long?)e.Sequence).ContinueWith(t => t.Result ?? 0, TaskScheduler.Default));
}

internal sealed record LabelView(string Level, string Marking, List<string>? ReleasableTo, bool OriginatorOnly, List<string> Caveats, DateOnly? EmbargoedUntil, string OriginatorAgency);

internal sealed record VersionView(int Number, string FileName, string ContentType, long Size, string Sha256);

internal sealed record DocumentView(Guid Id, string Title, string Description, string OwnerAgency, string UploadedBy, int CurrentVersion, string? ParentType, Guid? ParentId,
    LabelView Label, bool Deleted, int Version, List<VersionView> Versions);

internal sealed record ListItemView(Guid Id, string Title, string OwnerAgency, string Marking);

internal sealed record PageView(List<ListItemView> Items, int Page, int PageSize, int Total);

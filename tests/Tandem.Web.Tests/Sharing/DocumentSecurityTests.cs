using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Sharing;

/// <summary>SECURITY.md rows 2–5, 11–13 and 18 for documents, on SQLite and PostgreSQL.</summary>
public sealed class DocumentSecurityTests
{
    private static async Task<(TandemFactory Factory, TestUser Doc, TestUser Meti)> World(string provider, IDictionary<string, string?>? settings = null)
    {
        var factory = new TandemFactory(provider, settings: settings);
        await DocumentKit.AddWorld(factory);
        var doc = await factory.CreateUser("doc@sec.test", "DOC", Roles.Member);
        var meti = await factory.CreateUser("meti@sec.test", "METI", Roles.Member);
        return (factory, doc, meti);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Get_AnotherAgencysDocument_AnswersLikeAMissingOne(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var _ = factory;
        using var docClient = factory.ClientFor(doc);
        using var metiClient = factory.ClientFor(meti);
        var secret = await DocumentKit.UploadOk(docClient, "DOC internal", new Dictionary<string, string> { ["level"] = "AmberStrict" });

        foreach (var suffix in new[] { "", "/versions", "/download", "/versions/1/download" })
        {
            using var hidden = await metiClient.GetAsync(new Uri($"/api/v1/documents/{secret.Id}{suffix}", UriKind.Relative));
            var missingId = Guid.NewGuid();
            using var missing = await metiClient.GetAsync(new Uri($"/api/v1/documents/{missingId}{suffix}", UriKind.Relative));

            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var hiddenBody = (await hidden.Content.ReadAsStringAsync()).Replace(secret.Id.ToString(), "ID", StringComparison.Ordinal);
            var missingBody = (await missing.Content.ReadAsStringAsync()).Replace(missingId.ToString(), "ID", StringComparison.Ordinal);
            Assert.Equal(Without(missingBody, "traceId"), Without(hiddenBody, "traceId"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upload_BodyNamesOwnerOriginatorAuthorAndId_TakesNoneOfThem(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var _ = factory;
        using var docClient = factory.ClientFor(doc);
        var metiAgency = await factory.WithDb(db => db.Agencies.Where(a => a.Code == "METI").Select(a => a.Id).FirstAsync());
        var forgedId = Guid.NewGuid();

        var document = await DocumentKit.UploadOk(docClient, "Mass assignment", new Dictionary<string, string>
        {
            ["level"] = "AmberStrict",
            ["id"] = forgedId.ToString(),
            ["agencyId"] = metiAgency.ToString(),
            ["ownerAgencyId"] = metiAgency.ToString(),
            ["originator"] = metiAgency.ToString(),
            ["label.originator"] = metiAgency.ToString(),
            ["createdBy"] = meti.Id.ToString(),
            ["uploadedBy"] = meti.Email,
        });

        Assert.NotEqual(forgedId, document.Id);
        Assert.Equal("DOC", document.OwnerAgency);
        Assert.Equal("DOC", document.Label.OriginatorAgency);
        Assert.Equal(doc.Email, document.UploadedBy);
        using var metiClient = factory.ClientFor(meti);
        Assert.Null(await DocumentKit.Get(metiClient, document.Id));

        // The same in a relabel body: the stated originator and owner are ignored.
        using var put = await docClient.PutAsJsonAsync(new Uri($"/api/v1/documents/{document.Id}/label", UriKind.Relative),
            new { level = "AmberStrict", version = document.Version, originator = metiAgency, agencyId = metiAgency, id = forgedId, createdBy = meti.Id });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = (await DocumentKit.Get(docClient, document.Id))!;
        Assert.Equal("DOC", after.OwnerAgency);
        Assert.Equal("DOC", after.Label.OriginatorAgency);
        Assert.Null(await DocumentKit.Get(metiClient, document.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upload_AttachmentOfAUsaOnlyDocument_IsUsaOnly(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var _ = factory;
        using var docClient = factory.ClientFor(doc);
        var parent = await DocumentKit.UploadOk(docClient, "USA-only source", new Dictionary<string, string> { ["level"] = "Green", ["originatorOnly"] = "true" });

        var child = await DocumentKit.UploadOk(docClient, "Attachment asked to be CLEAR", new Dictionary<string, string>
        {
            ["level"] = "Clear",
            ["parentType"] = "Document",
            ["parentId"] = parent.Id.ToString(),
        });

        Assert.Equal(["USA"], child.Label.ReleasableTo!);
        Assert.StartsWith("TLP:GREEN USA ONLY", child.Label.Marking, StringComparison.Ordinal);
        using var metiClient = factory.ClientFor(meti);
        Assert.Null(await DocumentKit.Get(metiClient, child.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangeLabel_AgencyRemovedFromRecipients_ItsNextRequestIsRefused(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var _ = factory;
        using var docClient = factory.ClientFor(doc);
        using var metiClient = factory.ClientFor(meti);
        var document = await DocumentKit.UploadOk(docClient, "Shared then withdrawn", new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });
        Assert.NotNull(await DocumentKit.Get(metiClient, document.Id));

        using var put = await docClient.PutAsJsonAsync(new Uri($"/api/v1/documents/{document.Id}/label", UriKind.Relative),
            new { level = "Amber", recipientAgencies = Array.Empty<string>(), version = document.Version });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var again = await metiClient.GetAsync(new Uri($"/api/v1/documents/{document.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var audit = await DocumentKit.AuditFor(factory, document.Id);
        var change = Assert.Single(audit, e => e.Action == AuditAction.LabelChange);
        Assert.Contains("old=TLP:AMBER", change.Details, StringComparison.Ordinal);
        Assert.Equal(AuditDecision.Allowed, change.Decision);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangeLabel_ByARecipientAgency_IsForbidden(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var _ = factory;
        using var docClient = factory.ClientFor(doc);
        using var metiClient = factory.ClientFor(meti);
        var document = await DocumentKit.UploadOk(docClient, "Not yours to relabel", new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });

        using var put = await metiClient.PutAsJsonAsync(new Uri($"/api/v1/documents/{document.Id}/label", UriKind.Relative),
            new { level = "Clear", version = document.Version });

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("TLP:AMBER", (await DocumentKit.Get(docClient, document.Id))!.Label.Marking);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upload_LargerThanTheLimit_Answers413(string provider)
    {
        var (factory, doc, _) = await World(provider, new Dictionary<string, string?> { ["Tandem:Documents:MaxBytes"] = "2048" });
        await using var __ = factory;
        using var client = factory.ClientFor(doc);
        var big = DocumentKit.Pdf(new string('x', 4096));

        using var response = await DocumentKit.Upload(client, "Too big", content: big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await factory.WithDb(db => db.Documents.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upload_ExecutablesRenamedPdf_Answer400NamingTheFile(string provider)
    {
        var (factory, doc, _) = await World(provider);
        await using var __ = factory;
        using var client = factory.ClientFor(doc);
        var executables = new Dictionary<string, byte[]>
        {
            ["ELF"] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0],
            ["PE"] = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00],
            ["script"] = Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf /\n"),
        };

        foreach (var (what, bytes) in executables)
        {
            using var response = await DocumentKit.Upload(client, $"Not a PDF ({what})", content: bytes, fileName: "report.pdf", contentType: "application/pdf");
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Contains("\"file\"", body, StringComparison.Ordinal);
        }

        Assert.Equal(0, await factory.WithDb(db => db.Documents.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Download_Visible_IsANonCachedAttachmentThatIsNotSniffed(string provider)
    {
        var (factory, doc, _) = await World(provider);
        await using var __ = factory;
        using var client = factory.ClientFor(doc);
        var content = DocumentKit.Pdf("download me");
        var document = await DocumentKit.UploadOk(client, "Download headers", content: content);

        using var response = await client.GetAsync(new Uri($"/api/v1/documents/{document.Id}/download", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("report.pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), document.Versions.Single().Sha256);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_TitleStartingWithEquals_IsNeutralised(string provider)
    {
        var (factory, doc, _) = await World(provider);
        await using var __ = factory;
        using var client = factory.ClientFor(doc);
        await DocumentKit.UploadOk(client, "=HYPERLINK(\"http://evil.example\",\"click\")");
        await DocumentKit.UploadOk(client, "+SUM(A1:A2)");

        using var response = await client.GetAsync(new Uri("/api/v1/documents/export", UriKind.Relative));
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var cells = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => Core.Common.Csv.SplitLine(line)[1]).ToList();
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"click\")", cells);
        Assert.Contains("'+SUM(A1:A2)", cells);
        Assert.DoesNotContain(cells, c => c.StartsWith('=') || c.StartsWith('+'));
        var audit = await factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Export).ToListAsync());
        Assert.Equal("2 documents", Assert.Single(audit).Details.Split(';')[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Delete_DocumentLeavesEveryListPage_ForOwnerAndRecipient(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var __ = factory;
        using var owner = factory.ClientFor(doc);
        using var recipient = factory.ClientFor(meti);
        var kept = await DocumentKit.UploadOk(owner, "Kept on the list", new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });
        var gone = await DocumentKit.UploadOk(owner, "Deleted from the list", new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });

        using var delete = await owner.DeleteAsync(new Uri($"/api/v1/documents/{gone.Id}?version={gone.Version}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        foreach (var client in new[] { owner, recipient })
        {
            foreach (var query in new[] { "", "?agency=DOC", "?sort=title", "?search=list" })
            {
                var page = (await client.GetFromJsonAsync<PageView>(new Uri("/api/v1/documents" + query, UriKind.Relative), DocumentKit.Json))!;
                Assert.Contains(page.Items, i => i.Id == kept.Id);
                Assert.DoesNotContain(page.Items, i => i.Id == gone.Id);
                Assert.Equal(page.Items.Count, page.Total);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Delete_ThenRestore_KeepsTheRowAndAuditsBoth(string provider)
    {
        var (factory, doc, _) = await World(provider);
        await using var __ = factory;
        using var client = factory.ClientFor(doc);
        var document = await DocumentKit.UploadOk(client, "Deleted and restored", new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });

        using var delete = await client.DeleteAsync(new Uri($"/api/v1/documents/{document.Id}?version={document.Version}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Null(await DocumentKit.Get(client, document.Id));
        var row = await factory.WithDb(db => db.Documents.IgnoreQueryFilters().AsNoTracking().SingleAsync(d => d.Id == document.Id));
        Assert.NotNull(row.DeletedAt);
        Assert.Equal(Core.Sharing.Tlp.Amber, row.Label.Level);
        var deleted = await client.GetFromJsonAsync<PageView>(new Uri("/api/v1/documents?deleted=true", UriKind.Relative), DocumentKit.Json);
        Assert.Contains(deleted!.Items, i => i.Id == document.Id);

        using var restore = await client.PostAsync(new Uri($"/api/v1/documents/{document.Id}/restore", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var restored = (await DocumentKit.Get(client, document.Id))!;
        Assert.Equal("TLP:AMBER", restored.Label.Marking);
        var actions = (await DocumentKit.AuditFor(factory, document.Id)).Select(e => e.Action).ToList();
        Assert.Contains(AuditAction.Delete, actions);
        Assert.Contains(AuditAction.Restore, actions);
        Assert.True(actions.IndexOf(AuditAction.Delete) < actions.IndexOf(AuditAction.Restore));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ViewDownloadAndDenial_EachWriteExactlyOneCompleteAuditEntry(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var __ = factory;
        using var docClient = factory.ClientFor(doc);
        using var metiClient = factory.ClientFor(meti);
        var document = await DocumentKit.UploadOk(docClient, "Audited", new Dictionary<string, string> { ["level"] = "AmberStrict" });

        async Task<AuditEntry> OneEntryFor(HttpClient client, string path, HttpStatusCode status)
        {
            var before = await DocumentKit.LastSequence(factory);
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(status, response.StatusCode);
            var written = await factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).ToListAsync());
            return Assert.Single(written);
        }

        var view = await OneEntryFor(docClient, $"/api/v1/documents/{document.Id}", HttpStatusCode.OK);
        var download = await OneEntryFor(docClient, $"/api/v1/documents/{document.Id}/download", HttpStatusCode.OK);
        var denial = await OneEntryFor(metiClient, $"/api/v1/documents/{document.Id}", HttpStatusCode.NotFound);

        foreach (var (entry, action, decision, user) in new[] { (view, AuditAction.View, AuditDecision.Allowed, doc), (download, AuditAction.Download, AuditDecision.Allowed, doc), (denial, AuditAction.View, AuditDecision.Denied, meti) })
        {
            Assert.Equal(action, entry.Action);
            Assert.Equal(decision, entry.Decision);
            Assert.Equal(user.Id, entry.ActorUserId);
            Assert.Equal(user.Email, entry.ActorName);
            Assert.Equal(user.AgencyCode, entry.ActorAgency);
            Assert.Equal("Document", entry.ObjectType);
            Assert.Equal(document.Id.ToString("D"), entry.ObjectId);
            Assert.Equal("TLP:AMBER+STRICT", entry.Label);
            Assert.False(string.IsNullOrEmpty(entry.RequestId));
            Assert.Equal(DateTimeKind.Utc, entry.At.Kind);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BreakGlass_AdminWithReason_ReadsOutsideAccessAndIsAudited(string provider)
    {
        var (factory, doc, meti) = await World(provider);
        await using var __ = factory;
        var admin = await factory.CreateUser("admin@sec.test", "DOS", Roles.Admin);
        using var docClient = factory.ClientFor(doc);
        using var adminClient = factory.ClientFor(admin);
        using var metiClient = factory.ClientFor(meti);
        var content = DocumentKit.Pdf("sealed");
        var document = await DocumentKit.UploadOk(docClient, "Sealed", new Dictionary<string, string> { ["level"] = "AmberStrict" }, content);
        var path = new Uri($"/api/v1/documents/{document.Id}/break-glass", UriKind.Relative);

        using var plainRead = await adminClient.GetAsync(new Uri($"/api/v1/documents/{document.Id}", UriKind.Relative));
        using var notAdmin = await metiClient.PostAsJsonAsync(path, new { reason = "I would like to read it please" });
        using var noReason = await adminClient.PostAsJsonAsync(path, new { reason = "" });
        using var glass = await adminClient.PostAsJsonAsync(path, new { reason = "Incident 42: suspected leak, ordered by the CISO" });

        Assert.Equal(HttpStatusCode.NotFound, plainRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, glass.StatusCode);
        Assert.Equal(content, await glass.Content.ReadAsByteArrayAsync());
        var entry = Assert.Single(await DocumentKit.AuditFor(factory, document.Id), e => e.Action == AuditAction.BreakGlass && e.Decision == AuditDecision.Allowed);
        Assert.Equal(admin.Id, entry.ActorUserId);
        Assert.Contains("Incident 42", entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddVersion_ByOwner_KeepsEveryVersionDownloadable(string provider)
    {
        var (factory, doc, _) = await World(provider);
        await using var __ = factory;
        using var client = factory.ClientFor(doc);
        var document = await DocumentKit.UploadOk(client, "Versioned", content: DocumentKit.Pdf("one"));

        using var form = new MultipartFormDataContent
        {
            { new StringContent(document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("a,b\n1,2\n")), "file", "table.csv" },
        };
        using var added = await client.PostAsync(new Uri($"/api/v1/documents/{document.Id}/versions", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var versions = (await client.GetFromJsonAsync<Tandem.Core.Common.PagedList<VersionView>>(new Uri($"/api/v1/documents/{document.Id}/versions", UriKind.Relative), DocumentKit.Json))?.Items.ToList() ?? [];
        Assert.Equal([2, 1], versions.Select(v => v.Number));
        Assert.Equal("text/csv; charset=utf-8", versions[0].ContentType);
        Assert.Equal(DocumentKit.Pdf("one"), await client.GetByteArrayAsync(new Uri($"/api/v1/documents/{document.Id}/versions/1/download", UriKind.Relative)));
        Assert.Equal("a,b\n1,2\n"u8.ToArray(), await client.GetByteArrayAsync(new Uri($"/api/v1/documents/{document.Id}/download", UriKind.Relative)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_BadInput_Answers400NamingTheField(string provider)
    {
        var (factory, doc, _) = await World(provider);
        await using var __ = factory;
        using var client = factory.ClientFor(doc);

        foreach (var (query, field) in new[] { ("level=Purple", "level"), ("sort=owner", "sort"), ("pageSize=100000", "pageSize"), ("page=0", "page") })
        {
            using var response = await client.GetAsync(new Uri("/api/v1/documents?" + query, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
            Assert.Contains($"\"{field}\"", body, StringComparison.Ordinal);
        }

        using var badLevel = await DocumentKit.Upload(client, "Bad level", new Dictionary<string, string> { ["level"] = "Purple" });
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        Assert.Contains("\"level\"", await badLevel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Without(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }
}

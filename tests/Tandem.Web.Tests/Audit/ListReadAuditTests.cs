using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing;

namespace Tandem.Web.Tests.Audit;

/// <summary>A list is a read of every labelled record it shows: one audit entry per list request names them.</summary>
public sealed class ListReadAuditTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DocumentList_ApiAndPage_EachLeaveOneEntryNamingTheDocumentsShown(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var doc = await factory.CreateUser("doc@list.test", "DOC", Roles.Member);
        var meti = await factory.CreateUser("meti@list.test", "METI", Roles.Member);
        using var docClient = factory.ClientFor(doc);
        using var metiClient = factory.ClientFor(meti);
        var own = await DocumentKit.UploadOk(docClient, "Harbour plan", new Dictionary<string, string> { ["level"] = "AmberStrict" });
        var shared = await DocumentKit.UploadOk(docClient, "Harbour survey", new Dictionary<string, string> { ["level"] = "Green" });
        var hidden = await DocumentKit.UploadOk(metiClient, "Harbour budget", new Dictionary<string, string> { ["level"] = "AmberStrict" });

        foreach (var path in new[] { "/api/v1/documents?search=harbour&pageSize=20", "/documents?search=harbour" })
        {
            var before = await DocumentKit.LastSequence(factory);
            using var response = await docClient.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var entry = Assert.Single(await factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).ToListAsync()));
            Assert.Equal(AuditAction.List, entry.Action);
            Assert.Equal("Document", entry.ObjectType);
            Assert.Equal(doc.Id, entry.ActorUserId);
            Assert.Equal("DOC", entry.ActorAgency);
            Assert.False(string.IsNullOrEmpty(entry.RequestId));
            Assert.Contains("search=harbour", entry.Details, StringComparison.Ordinal);
            Assert.Contains(own.Id.ToString("D"), entry.Details, StringComparison.Ordinal);
            Assert.Contains(shared.Id.ToString("D"), entry.Details, StringComparison.Ordinal);
            Assert.DoesNotContain(hidden.Id.ToString("D"), entry.Details, StringComparison.Ordinal);
            Assert.Equal("TLP:AMBER+STRICT", entry.Label);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DocumentList_ManyConcurrentReaders_EachAuditedAndTheChainStaysIntact(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await DocumentKit.AddWorld(factory);
        var doc = await factory.CreateUser("doc@list.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(doc);
        var document = await DocumentKit.UploadOk(client, "Concurrent", new Dictionary<string, string> { ["level"] = "Green" });
        var before = await DocumentKit.LastSequence(factory);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetAsync(new Uri("/api/v1/documents", UriKind.Relative))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var entries = await factory.WithDb(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence > before && e.Action == AuditAction.List).ToListAsync());
        Assert.Equal(24, entries.Count);
        Assert.All(entries, e => Assert.Contains(document.Id.ToString("D"), e.Details, StringComparison.Ordinal));
        Assert.Equal(24, entries.Select(e => e.RequestId).Distinct().Count());
        var signer = factory.Services.GetRequiredService<AuditSigner>();
        var verification = await factory.WithDb(db => VerifyAuditChain.Handle(db, signer, CancellationToken.None));
        Assert.True(verification.Intact, verification.Message);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}

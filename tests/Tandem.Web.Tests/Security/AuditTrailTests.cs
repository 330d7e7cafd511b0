using System.Net;
using System.Net.Http.Json;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 13: sign-ins, changes and denials each write exactly one complete audit entry.</summary>
public sealed class AuditTrailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_SuccessAndFailure_EachWriteExactlyOneCompleteEntry(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var user = await factory.CreateUser("grace@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var browser = SecurityKit.Browser(factory);
        var started = DateTime.UtcNow.AddSeconds(-1);

        var before = (await SecurityKit.AuditEntries(factory)).Count;
        await SecurityKit.SignIn(browser, user.Email, "a wrong passphrase here");
        var afterFailure = await SecurityKit.AuditEntries(factory);
        await SecurityKit.SignInOk(browser, user.Email, user.Password);
        var afterSuccess = await SecurityKit.AuditEntries(factory);

        var failure = Assert.Single(afterFailure.Skip(before));
        var success = Assert.Single(afterSuccess.Skip(afterFailure.Count));
        foreach (var (entry, decision) in new[] { (failure, AuditDecision.Denied), (success, AuditDecision.Allowed) })
        {
            Assert.Equal(AuditAction.SignIn, entry.Action);
            Assert.Equal(decision, entry.Decision);
            Assert.Equal(user.Email, entry.ActorName);
            Assert.Equal(user.Id, entry.ActorUserId);
            Assert.Equal(SecurityKit.UsaAgency, entry.ActorAgency);
            Assert.Equal("User", entry.ObjectType);
            Assert.Equal(user.Id.ToString("D"), entry.ObjectId);
            Assert.False(string.IsNullOrEmpty(entry.RequestId));
            Assert.Equal(DateTimeKind.Utc, entry.At.Kind);
            Assert.InRange(entry.At, started, DateTime.UtcNow.AddSeconds(1));
        }

        Assert.NotEqual(failure.RequestId, success.RequestId);
        Assert.DoesNotContain(user.Password, success.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TokenChange_IsAuditedWithTheTokenOwnerAsActor(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var admin = await factory.CreateUser("henry@example.org", SecurityKit.JpnAgency, Roles.Admin);
        using var script = factory.ClientFor(admin);
        var before = (await SecurityKit.AuditEntries(factory)).Count;

        var created = await script.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), new { iso3 = "KOR", nameEn = "Korea", capitalTimeZone = "Asia/Seoul" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = Assert.Single(await SecurityKit.AuditEntries(factory), e => e.Sequence > before);
        Assert.Equal(AuditAction.Create, entry.Action);
        Assert.Equal("Party", entry.ObjectType);
        Assert.Equal(admin.Email, entry.ActorName);
        Assert.Equal(admin.Id, entry.ActorUserId);
        Assert.Equal(SecurityKit.JpnAgency, entry.ActorAgency);
        Assert.False(string.IsNullOrEmpty(entry.RequestId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Denial_ByRole_WritesOneDeniedEntry(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var member = await factory.CreateUser("ivan@example.org", SecurityKit.UsaAgency, Roles.Member);
        using var script = factory.ClientFor(member);
        var before = (await SecurityKit.AuditEntries(factory)).Count;

        var response = await script.GetAsync(new Uri("/api/v1/audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = Assert.Single(await SecurityKit.AuditEntries(factory), e => e.Sequence > before);
        Assert.Equal(AuditDecision.Denied, entry.Decision);
        Assert.Equal(AuditAction.Access, entry.Action);
        Assert.Equal("/api/v1/audit", entry.ObjectId);
        Assert.Equal(member.Email, entry.ActorName);
        Assert.Equal(SecurityKit.UsaAgency, entry.ActorAgency);
    }
}

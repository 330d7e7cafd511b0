using System.Net;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Security;

namespace Tandem.Web.Tests.Audit;

/// <summary>The /audit page: auditors read and verify the log; everyone else is sent to the denied page.</summary>
public sealed class AuditPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Auditor_SeesEntriesFiltersAndVerifies_EachRequestAuditedOnce(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var auditor = await factory.CreateUser("auditor@example.org", SecurityKit.UsaAgency, Roles.Auditor);
        await AuditTamper.Append(factory, 12);
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, auditor.Email, auditor.Password);
        var before = await AuditTamper.LastSequence(factory);

        var page = await browser.GetAsync(new Uri("/audit?objectType=Document&objectId=doc-3", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("doc-3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("doc-4", html, StringComparison.Ordinal);
        Assert.True(page.Headers.CacheControl?.NoStore);

        var fields = SecurityKit.FormFields(html);
        fields["_handler"] = "verify-chain";
        var verified = await browser.PostAsync(new Uri("/audit", UriKind.Relative), new FormUrlEncodedContent(fields));
        var verifiedHtml = await verified.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Contains("Audit chain intact", verifiedHtml, StringComparison.Ordinal);

        var bad = await (await browser.GetAsync(new Uri("/audit?from=last-tuesday", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("is not a date", bad, StringComparison.Ordinal);

        var entries = await SecurityKit.AuditEntries(factory, e => e.Sequence > before);
        Assert.Equal([AuditAction.List, AuditAction.Verify], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(auditor.Email, e.ActorName));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NonAuditor_IsSentToTheDeniedPage(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var secretariat = await factory.CreateUser("sec@example.org", SecurityKit.UsaAgency, Roles.Secretariat, Roles.Admin);
        using var browser = SecurityKit.Browser(factory);
        await SecurityKit.SignInOk(browser, secretariat.Email, secretariat.Password);
        using var anonymous = SecurityKit.Browser(factory);

        var denied = await browser.GetAsync(new Uri("/audit", UriKind.Relative));
        var signIn = await anonymous.GetAsync(new Uri("/audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/sign-in", signIn.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}

internal static class UriPaths
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}

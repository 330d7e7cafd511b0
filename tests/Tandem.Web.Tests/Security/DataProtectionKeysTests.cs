using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>SECURITY.md row 21: data-protection keys live in the database, so sessions survive restarts and span instances.</summary>
public sealed class DataProtectionKeysTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SessionCookie_WorksOnASecondInstanceAndAfterARestart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var shared = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tandem"] = database.ConnectionString,
            ["Tandem:Audit:KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
        };

        string session;
        await using (var first = new TandemFactory(provider, settings: shared))
        {
            await SecurityKit.SeedAgencies(first);
            var user = await first.CreateUser("kim@example.org", SecurityKit.UsaAgency, Roles.Member);
            using var browser = SecurityKit.Browser(first);
            var signIn = await SecurityKit.SignIn(browser, user.Email, user.Password);
            session = SecurityKit.CookieValue(SecurityKit.SetCookie(signIn, "__Host-Tandem")!);
            Assert.Equal(HttpStatusCode.OK, await SessionTests.Me(first, session));

            // A second instance on the same database, running at the same time.
            await using var second = new TandemFactory(provider, settings: shared);
            Assert.Equal(HttpStatusCode.OK, await SessionTests.Me(second, session));
        }

        // Every instance stopped; a new one starts on the same database.
        await using var restarted = new TandemFactory(provider, settings: shared);
        Assert.Equal(HttpStatusCode.OK, await SessionTests.Me(restarted, session));
        Assert.True(await restarted.WithDb(db => db.DataProtectionKeys.AnyAsync()));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Demo;
using Tandem.Core.Forums;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Forums;

public sealed class DemoScenarioTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FirstStart_DemoOn_LoadsEpccWithFourTracksAndOneCoLeadPerParty(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        var tracks = await factory.WithDb(db => db.Tracks.Include(t => t.Participations).ThenInclude(p => p.Agency).OrderBy(t => t.Code).ToListAsync());

        Assert.Equal(["P1", "P2", "P3", "P4"], tracks.Select(t => t.Code));
        foreach (var track in tracks)
        {
            var coLeads = track.Participations.Where(p => p.Role == ParticipationRole.CoLead).Select(p => p.Agency!.Party).Order().ToList();
            Assert.Equal(["JPN", "USA"], coLeads);
        }

        var p3 = tracks.Single(t => t.Code == "P3");
        Assert.Equal(["DOC", "METI"], p3.Participations.Where(p => p.Role == ParticipationRole.CoLead).Select(p => p.Agency!.Code).Order());
        Assert.Equal(DemoScenario.Accounts.Count, await factory.WithDb(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task SecondLoad_SameDatabase_ChangesNothing()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var before = await factory.WithDb(async db => (await db.Agencies.CountAsync(), await db.Tracks.CountAsync(), await db.Users.CountAsync()));

        var report = await factory.WithDb(async db =>
        {
            using var scope = factory.Services.CreateScope();
            return await DemoScenario.Load(db,
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Tandem.Core.Accounts.TandemUser>>(),
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<Guid>>>(),
                CancellationToken.None);
        });
        var after = await factory.WithDb(async db => (await db.Agencies.CountAsync(), await db.Tracks.CountAsync(), await db.Users.CountAsync()));

        Assert.True(report.Forum.Succeeded);
        Assert.Equal(0, report.Forum.AgenciesAdded + report.Forum.TracksAdded + report.AccountsAdded);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("en", "Promoting and protecting critical and emerging technologies", "Ministry of Economy, Trade and Industry")]
    [InlineData("ja", "重要・新興技術及び重要インフラの促進と保護", "経済産業省")]
    public async Task StartPage_Language_ShowsTracksAndCoLeadsInThatLanguage(string culture, string trackName, string coLeadName)
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(trackName, html, StringComparison.Ordinal);
        Assert.Contains(coLeadName, html, StringComparison.Ordinal);
        Assert.Contains($"lang=\"{culture}\"", html, StringComparison.Ordinal);
    }
}

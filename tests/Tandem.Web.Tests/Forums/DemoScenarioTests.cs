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
    public async Task FirstStart_DemoOn_LoadsEpccWithItsPillarsAndTopicsAndOneCoLeadPerParty(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        var tracks = await factory.WithDb(db => db.Tracks.Where(t => t.Forum!.Code == "EPCC").Include(t => t.Participations).ThenInclude(p => p.Agency).OrderBy(t => t.Code).ToListAsync());

        Assert.Equal(["2023-1", "2023-2", "P1", "P2", "P3", "P4"], tracks.Select(t => t.Code).Order(StringComparer.Ordinal));
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
    [InlineData("ja", "重要新興技術や重要インフラの促進と保護", "経済産業省")]
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

    /// <summary>Every demo commitment, as loaded: Japanese text with its origin, a source, and a status its later public texts support.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DemoCommitments_EachHasJapaneseTextASourceAndAStatusItsSourcesSupport(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        var commitments = await factory.WithDb(db => db.Set<Tandem.Core.Commitments.Commitment>().Where(c => c.Forum!.Code == "EPCC").ToListAsync());
        var reports = await factory.WithDb(db => db.Set<Tandem.Core.Commitments.ProgressReport>().ToListAsync());

        Assert.Equal(31, commitments.Count);
        AssertSourcedAndSupported(commitments, reports);

        // The 2023 ministerial's commitments are filed under its own two topics, the second vice-ministerial is on 13 January 2023.
        var topics = await factory.WithDb(db => db.Tracks.Where(t => t.Code == "2023-1" || t.Code == "2023-2").Select(t => t.Id).ToListAsync());
        Assert.All(commitments.Where(c => c.MadeOn == new DateOnly(2023, 11, 14)), c => Assert.Contains(c.TrackId!.Value, topics));
        Assert.True(await factory.WithDb(db => db.Set<Tandem.Core.Meetings.Meeting>().AnyAsync(m => m.Forum!.Code == "EPCC" && m.Number == 2 && m.Tier == Tier.ViceMinisterial
            && m.StartsAt >= new DateTime(2023, 1, 13, 0, 0, 0, DateTimeKind.Utc) && m.StartsAt < new DateTime(2023, 1, 14, 12, 0, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public async Task DemoNoticeFromJapan_NotifiesTheUsAgenciesItConcerns()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        var told = await factory.WithDb(async db =>
        {
            var notice = await db.Set<Tandem.Core.Notices.DisruptionNotice>().SingleAsync(n => n.Title == DemoNotice.Title);
            var link = $"/notices/{notice.Id:D}";
            return await (from n in db.Set<Tandem.Core.Notifications.Notification>()
                          where n.Link == link
                          join u in db.Users on n.UserId equals u.Id
                          select u.Email!).ToListAsync();
        });

        Assert.Contains("officer.doc@demo.tandem", told);
        Assert.Contains("secretariat.us@demo.tandem", told);
        Assert.DoesNotContain("officer.meti@demo.tandem", told);
        Assert.DoesNotContain("contributor@demo.tandem", told);
    }

    [Fact]
    public async Task MeetingAndCommitmentPages_DemoHistory_ShowSourceAndReconstructedAndUnofficialMarks()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        using var english = new Tandem.Web.Tests.Ui.UiSession(factory);
        using var japanese = new Tandem.Web.Tests.Ui.UiSession(factory, culture: "ja-JP");
        await english.SignIn("officer.meti@demo.tandem", DemoScenario.Password);
        await japanese.SignIn("officer.meti@demo.tandem", DemoScenario.Password);
        var (meeting, commitment) = await factory.WithDb(async db => (
            await db.Set<Tandem.Core.Meetings.Meeting>().Where(m => m.Forum!.Code == "EPCC" && m.Tier == Tier.Ministerial && m.Number == 1).Select(m => m.Id).SingleAsync(),
            await db.Set<Tandem.Core.Commitments.Commitment>().Where(c => c.Code == "C13").Select(c => c.Id).SingleAsync()));

        var meetingEn = WebUtility.HtmlDecode((await english.Get($"/meetings/{meeting}")).Text);
        var meetingJa = WebUtility.HtmlDecode((await japanese.Get($"/meetings/{meeting}")).Text);
        var commitmentEn = WebUtility.HtmlDecode((await english.Get($"/commitments/{commitment}")).Text);
        var commitmentJa = WebUtility.HtmlDecode((await japanese.Get($"/commitments/{commitment}")).Text);

        Assert.Contains(">reconstructed<", meetingEn, StringComparison.Ordinal);
        Assert.Contains("www.state.gov", meetingEn, StringComparison.Ordinal);
        Assert.Contains(">再構成<", meetingJa, StringComparison.Ordinal);
        Assert.Contains("非公式訳", meetingJa, StringComparison.Ordinal);
        Assert.Contains("unofficial translation", commitmentEn, StringComparison.Ordinal);
        Assert.Contains("食料安全保障を強化する", commitmentEn, StringComparison.Ordinal);
        Assert.Contains("No public information", commitmentEn, StringComparison.Ordinal);
        Assert.Contains("公開情報なし", commitmentJa, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FirstStart_DemoOn_LoadsTtcWithTheEuAsPartyItsTenWorkingGroupsMinisterialsAndSourcedCommitments(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var client = factory.CreateClient();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        var forums = await factory.WithDb(db => db.Forums.Include(f => f.Parties).ToListAsync());
        var ttc = Assert.Single(forums, f => f.Code == "TTC");
        var tracks = await factory.WithDb(db => db.Tracks.Where(t => t.ForumId == ttc.Id).Include(t => t.Participations).ThenInclude(p => p.Agency).ToListAsync());
        var meetings = await factory.WithDb(db => db.Set<Tandem.Core.Meetings.Meeting>().Where(m => m.ForumId == ttc.Id).OrderBy(m => m.StartsAt).ToListAsync());
        var commitments = await factory.WithDb(db => db.Set<Tandem.Core.Commitments.Commitment>().Where(c => c.ForumId == ttc.Id).ToListAsync());
        var reports = await factory.WithDb(db => db.Set<Tandem.Core.Commitments.ProgressReport>().ToListAsync());

        Assert.Equal(["EPCC", "TTC"], forums.Select(f => f.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["EUR", "USA"], ttc.Parties.Select(p => p.Party).Order(StringComparer.Ordinal));
        var eu = await factory.WithDb(db => db.Parties.SingleAsync(p => p.Iso3 == "EUR"));
        Assert.Equal(("Europe/Brussels", "欧州連合"), (eu.CapitalTimeZone, eu.NameJa));
        Assert.Equal(["Europe/Lisbon", "Europe/Helsinki"], eu.OtherTimeZones);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"WG{n}").Order(StringComparer.Ordinal), tracks.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.All(tracks, t => Assert.Equal(["EUR", "USA"], t.Participations.Where(p => p.Role == ParticipationRole.CoLead).Select(p => p.Agency!.Party).Order(StringComparer.Ordinal)));
        Assert.All(tracks, t => Assert.False(string.IsNullOrWhiteSpace(t.NameJa), t.Code));
        Assert.Equal("Export Controls", tracks.Single(t => t.Code == "WG7").NameEn);

        // Six ministerials, Pittsburgh 2021 to Leuven 2024, each with its source, concluded.
        Assert.Equal(Enumerable.Range(1, 6).Select(n => (int?)n), meetings.Select(m => m.Number));
        Assert.All(meetings, m =>
        {
            Assert.Equal(Tier.Ministerial, m.Tier);
            Assert.Equal(Tandem.Core.Meetings.MeetingStatus.Concluded, m.Status);
            Assert.StartsWith("https://", m.SourceUrl, StringComparison.Ordinal);
            Assert.Equal(Tandem.Core.Common.Provenance.Seen, Tandem.Core.Common.Provenance.Level(m.Confidence));
            Assert.Equal(Tandem.Core.Common.Provenance.UnofficialTranslation, m.JapaneseSource);
        });
        Assert.Equal(("Pittsburgh, PA", new DateTime(2021, 9, 29)), (meetings[0].Venue, TimeZoneInfo.ConvertTimeFromUtc(meetings[0].StartsAt, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).Date));
        Assert.Equal("Leuven, Belgium", meetings[5].Venue);

        // Every commitment comes from a joint statement, was made at one of the ministerials, and has the status a later statement supports.
        Assert.InRange(commitments.Count, 10, 20);
        Assert.All(commitments, c => Assert.Contains("/briefing-room/statements-releases/", c.SourceUrl, StringComparison.Ordinal));
        Assert.All(commitments, c => Assert.Contains(c.SourceMeetingId, meetings.Select(m => (Guid?)m.Id)));
        Assert.All(commitments, c => Assert.Equal(Tandem.Core.Common.Provenance.UnofficialTranslation, c.JapaneseSource));
        AssertSourcedAndSupported(commitments, reports);
        Assert.Contains(commitments, c => c.Status == Tandem.Core.Commitments.CommitmentStatus.Unreported);
        Assert.Contains(commitments, c => c.Status == Tandem.Core.Commitments.CommitmentStatus.Completed);
    }

    /// <summary>Membership follows the parties: a U.S. officer is in both forums' communities, a Japanese officer in the EPCC's only.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoDemoForums_UsOfficerSeesBoth_JapaneseOfficerSeesOnlyTheEpcc(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var american = new Tandem.Web.Tests.Ui.UiSession(factory);
        using var japanese = new Tandem.Web.Tests.Ui.UiSession(factory);
        await american.SignIn("officer.doc@demo.tandem", DemoScenario.Password);
        await japanese.SignIn("officer.meti@demo.tandem", DemoScenario.Password);
        var (epcc, ttc) = await factory.WithDb(async db => (
            await db.Set<Tandem.Core.Commitments.Commitment>().Where(c => c.Code == "C13").Select(c => c.Id).SingleAsync(),
            await db.Set<Tandem.Core.Commitments.Commitment>().Where(c => c.Code == "TTC-08").Select(c => c.Id).SingleAsync()));

        var americanEpcc = await american.Get($"/commitments/{epcc}");
        var americanTtc = await american.Get($"/commitments/{ttc}");
        var japaneseEpcc = await japanese.Get($"/commitments/{epcc}");
        var japaneseTtc = await japanese.Get($"/commitments/{ttc}");
        var americanList = (await american.Get("/commitments?search=early+warning+mechanism")).Text;
        var japaneseList = (await japanese.Get("/commitments?search=early+warning+mechanism")).Text;

        Assert.Equal(HttpStatusCode.OK, americanEpcc.Status);
        Assert.Equal(HttpStatusCode.OK, americanTtc.Status);
        Assert.Contains("early warning mechanism", americanTtc.Text, StringComparison.Ordinal);
        Assert.Contains("www.whitehouse.gov/briefing-room", americanTtc.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, japaneseEpcc.Status);
        Assert.NotEqual(HttpStatusCode.OK, japaneseTtc.Status);
        Assert.DoesNotContain("early warning mechanism", japaneseTtc.Text, StringComparison.Ordinal);
        Assert.Contains("TTC-08", americanList, StringComparison.Ordinal);
        Assert.DoesNotContain("TTC-08", japaneseList, StringComparison.Ordinal);
    }

    private static void AssertSourcedAndSupported(List<Tandem.Core.Commitments.Commitment> commitments, List<Tandem.Core.Commitments.ProgressReport> reports)
    {
        foreach (var c in commitments)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.TextJa), $"{c.Code} has no Japanese text");
            Assert.True(c.JapaneseSource == Tandem.Core.Common.Provenance.UnofficialTranslation || c.JapaneseSource.StartsWith("https://", StringComparison.Ordinal), c.Code);
            Assert.StartsWith("http", c.SourceUrl, StringComparison.Ordinal);
            Assert.NotNull(Tandem.Core.Common.Provenance.Level(c.Confidence));
            Assert.Null(c.DueDate);
            var own = reports.Where(r => r.CommitmentId == c.Id).ToList();
            Assert.All(own, r => Assert.StartsWith("http", Assert.Single(r.EvidenceLinks), StringComparison.Ordinal));
            switch (c.Status)
            {
                case Tandem.Core.Commitments.CommitmentStatus.Unreported:
                    Assert.Empty(own);
                    break;
                case Tandem.Core.Commitments.CommitmentStatus.InProgress:
                    Assert.NotEmpty(own);
                    break;
                case Tandem.Core.Commitments.CommitmentStatus.Completed:
                    Assert.Contains(own, r => r.Percent == 100);
                    break;
                default:
                    Assert.Fail($"{c.Code} has status {c.Status}, which no public text in the demo supports.");
                    break;
            }
        }
    }
}

using System.Net;
using Tandem.Core.Demo;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

public sealed class ForumPagesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForumPage_SignedInMember_ShowsPartiesTracksAndCoLeads(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.doc@demo.tandem", DemoScenario.Password);

        var list = await ui.Get("/forums");
        var forumId = await factory.WithDb(async db => (await Core.Forums.ForumUseCases.List(db, CancellationToken.None)).Single(f => f.Code == "EPCC").Id);
        var page = await ui.Get($"/forums/{forumId}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("U.S.-Japan Economic Policy Consultative Committee", list.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Asia/Tokyo", page.Text, StringComparison.Ordinal);
        Assert.Contains("Supply chain resilience", page.Text, StringComparison.Ordinal);
        Assert.Contains("METI", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Edit forum", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EditForum_Secretariat_SavesAndShowsNewName(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.jp@demo.tandem", DemoScenario.Password);
        var forumId = await factory.WithDb(async db => (await Core.Forums.ForumUseCases.List(db, CancellationToken.None)).Single(f => f.Code == "EPCC").Id);
        var form = await ui.Get($"/forums/{forumId}/edit");

        var saved = await ui.Post($"/forums/{forumId}/edit", form.AntiforgeryToken!, "forum-edit",
        [
            new("Input.Version", form.InputValue("Input.Version")!), new("Input.Code", "EPCC"), new("Input.ShortName", "EPCC"),
            new("Input.NameEn", "Economic Policy Consultative Committee (renamed)"), new("Input.NameJa", "日米経済政策協議委員会"),
            new("Input.Launched", "2022-01-21"), new("Input.Description", ""), new("Input.EmergencyMeetingDays", "15"),
            new("tier", "Ministerial"), new("tier", "WorkingLevel"), new("party", "USA"), new("party", "JPN"),
        ]);
        var page = await ui.Get($"/forums/{forumId}");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("Economic Policy Consultative Committee (renamed)", page.Text, StringComparison.Ordinal);
    }
}

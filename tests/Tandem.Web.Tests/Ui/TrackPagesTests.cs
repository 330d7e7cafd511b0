using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Demo;
using Tandem.Core.Forums;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

public sealed class TrackPagesTests
{
    private static Task<Guid> TrackId(TandemFactory factory, string code) =>
        factory.WithDb(db => db.Tracks.Where(t => t.Code == code).Select(t => t.Id).SingleAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EditTrack_MemberPostsDirectly_IsRefusedAndNothingChanges(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.meti@demo.tandem", DemoScenario.Password);
        var id = await TrackId(factory, "P3");

        var detail = await ui.Get($"/tracks/{id}");
        var edit = await ui.Get($"/tracks/{id}/edit");
        var post = await ui.Post($"/tracks/{id}/edit", detail.AntiforgeryToken!, "track-edit",
            [new("Input.Version", "1"), new("Input.NameEn", "Hijacked"), new("colead.USA", "DOC"), new("colead.JPN", "METI")]);
        var role = await ui.Post($"/tracks/{id}", detail.AntiforgeryToken!, "participation-remove", [new("Removal.AgencyCode", "NIST"), new("Removal.Version", "1")]);

        Assert.Equal(HttpStatusCode.Forbidden, edit.Status);
        Assert.DoesNotContain("Edit track", detail.Text, StringComparison.Ordinal);
        Assert.Contains("Only the secretariat or an administrator", edit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.NameEn\"", edit.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Contains("Not allowed.", post.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, role.Status);
        var name = await factory.WithDb(db => db.Tracks.Where(t => t.Id == id).Select(t => t.NameEn).SingleAsync());
        Assert.StartsWith("Promoting and protecting", name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EditTrack_StaleVersionOrMissingCoLead_ShowsMessagesBesideFields(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.us@demo.tandem", DemoScenario.Password);
        var id = await TrackId(factory, "P4");
        var form = await ui.Get($"/tracks/{id}/edit");
        var version = form.InputValue("Input.Version")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Version", version), new("Input.Code", "P4"), new("Input.NameEn", "Supply chain resilience"), new("Input.NameJa", ""),
            new("Input.Description", "first"), new("Input.FirstUsed", "2022-07-29"), new("colead.USA", "DOC"), new("colead.JPN", "METI"),
        };

        var missing = await ui.Post($"/tracks/{id}/edit", form.AntiforgeryToken!, "track-edit", [.. fields.Where(f => f.Key != "colead.JPN"), new("colead.JPN", "")]);
        var first = await ui.Post($"/tracks/{id}/edit", form.AntiforgeryToken!, "track-edit", fields);
        var stale = await ui.Post($"/tracks/{id}/edit", form.AntiforgeryToken!, "track-edit", fields);

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("id=\"error-coLeads-JPN\"", missing.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Someone else changed this record", stale.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Participation_SecretariatAddsChangesAndRemoves_TrackPageShowsEachState(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.jp@demo.tandem", DemoScenario.Password);
        var id = await TrackId(factory, "P1");
        async Task<UiSession.Page> Set(string agency, string role)
        {
            var page = await ui.Get($"/tracks/{id}");
            var version = page.InputValue("Participation.Version")!;
            return await ui.Post($"/tracks/{id}", page.AntiforgeryToken!, "participation-set", [new("Participation.AgencyCode", agency), new("Participation.Role", role), new("Participation.Version", version)]);
        }

        var added = await Set("JETRO", "Supporting");
        var afterAdd = await ui.Get($"/tracks/{id}");
        var changed = await Set("JETRO", "Observer");
        var afterChange = await ui.Get($"/tracks/{id}");
        var coLead = await Set("MOFA", "Partner");
        var removed = await ui.Post($"/tracks/{id}", afterChange.AntiforgeryToken!, "participation-remove",
            [new("Removal.AgencyCode", "JETRO"), new("Removal.Version", (await ui.Get($"/tracks/{id}")).InputValue("Removal.Version")!)]);
        var afterRemove = await ui.Get($"/tracks/{id}");

        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Matches("<td>Supporting</td>\\s*<td><a href=\"/agencies/[0-9a-f-]+\">JETRO</a>", afterAdd.Html);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Matches("<td>Observer</td>\\s*<td><a href=\"/agencies/[0-9a-f-]+\">JETRO</a>", afterChange.Html);
        Assert.Equal(HttpStatusCode.BadRequest, coLead.Status);
        Assert.Contains("co-leads this track", coLead.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.DoesNotContain(">JETRO</a>", afterRemove.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAndDeleteTrack_Secretariat_TrackAppearsThenIsSoftDeleted(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.us@demo.tandem", DemoScenario.Password);
        var forumId = await factory.WithDb(db => db.Forums.Where(f => f.Code == "EPCC").Select(f => f.Id).SingleAsync());

        var created = await ui.Submit($"/forums/{forumId}/tracks/new", "track-edit",
        [
            new("Input.Version", ""), new("Input.Code", "WG-AI"), new("Input.NameEn", "Working group on AI"), new("Input.NameJa", "AI 作業部会"),
            new("Input.Description", ""), new("Input.FirstUsed", ""), new("colead.USA", "NIST"), new("colead.JPN", "AIST"),
        ]);
        var forum = await ui.Get($"/forums/{forumId}");
        var trackId = await TrackId(factory, "WG-AI");
        var deleted = await ui.Submit($"/tracks/{trackId}/delete", "track-delete", [new("Confirm.Version", "1")]);
        var after = await ui.Get($"/forums/{forumId}");
        var gone = await ui.Get($"/tracks/{trackId}");

        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Contains("Working group on AI", forum.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.DoesNotContain("Working group on AI", after.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.True(await factory.WithDb(db => db.Tracks.IgnoreQueryFilters().AnyAsync(t => t.Id == trackId && t.DeletedAt != null)));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Demo;
using Tandem.Core.Programmes;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Ui;

namespace Tandem.Web.Tests.Invest;

/// <summary>Registering, editing and deleting a programme through the pages, not only through the API or a file.</summary>
public sealed class ProgrammePageTests
{
    private static List<KeyValuePair<string, string>> Fields(string amount, string agency = "METI", string endYear = "2027", string disbursements = "", string level = "Green") =>
    [
        new("Input.Code", "JP-POWER-SEMI"), new("Input.NameEn", "Power semiconductor production support"), new("Input.NameJa", "パワー半導体の生産支援"),
        new("Input.Party", "JPN"), new("Input.AgencyCode", agency), new("Input.Instrument", "Grant"), new("Input.Technology", "semiconductors"),
        new("Input.Stage", "Fabrication"), new("Input.Amount", amount), new("Input.Currency", "JPY"), new("Input.StartYear", "2024"),
        new("Input.EndYear", endYear), new("Input.Status", "Enacted"), new("Input.Disbursements", disbursements), new("Input.Source", "test"),
        new("Input.Confidence", "seen"), new("level", level), new("recipientAgencies", ""), new("releasableTo", ""),
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Officer_RegistersWithMistakesThenCorrectlyEditsAndDeletesAfterConfirming_SeesEachStep(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.meti@demo.tandem", DemoScenario.Password);

        var registry = await ui.Get("/programmes");
        var form = await ui.Get("/programmes/new");
        var wrong = await ui.Post("/programmes/new", form.AntiforgeryToken!, "programme-edit", Fields("a lot", agency: "DOC", endYear: "2023"));

        Assert.Contains("href=\"/programmes/new\"", registry.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("<option value=\"JPN\" selected", form.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("DOC belongs to USA, not JPN", wrong.Text, StringComparison.Ordinal);
        Assert.Contains("id=\"error-amount\"", wrong.Html, StringComparison.Ordinal);
        Assert.Contains("endYear 2023 is before startYear 2024.", wrong.Text, StringComparison.Ordinal);
        Assert.Equal("Power semiconductor production support", wrong.InputValue("Input.NameEn"));
        Assert.False(await factory.WithDb(db => db.Set<Programme>().AnyAsync(p => p.Code == "JP-POWER-SEMI")));

        var created = await ui.Post("/programmes/new", form.AntiforgeryToken!, "programme-edit", Fields("150000000000", disbursements: "2024: 50000000000\n2025: 100000000000", level: "AmberStrict"));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = await factory.WithDb(db => db.Set<Programme>().Where(p => p.Code == "JP-POWER-SEMI").Select(p => p.Id).SingleAsync());
        Assert.Equal($"/programmes/{id}", created.Location);
        var detail = await ui.Get(created.Location!);
        Assert.Contains("TLP:AMBER+STRICT", detail.Text, StringComparison.Ordinal);
        Assert.Contains("150,000,000,000 JPY", detail.Text, StringComparison.Ordinal);
        Assert.Contains("<td>2025</td><td>100,000,000,000 JPY</td>", detail.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/programmes/{id}/edit\"", detail.Html, StringComparison.Ordinal);

        var edit = await ui.Get($"/programmes/{id}/edit");
        Assert.Equal("150000000000", edit.InputValue("Input.Amount"));
        Assert.Equal("JP-POWER-SEMI", edit.InputValue("Input.Code"));
        Assert.Contains("<option value=\"AmberStrict\" selected", edit.Html, StringComparison.Ordinal);
        Assert.Contains("2024: 50000000000", edit.Text, StringComparison.Ordinal);
        var edited = await ui.Post($"/programmes/{id}/edit", edit.AntiforgeryToken!, "programme-edit",
            [.. Fields("180000000000", disbursements: "2024: 50000000000\n2025: 130000000000", level: "AmberStrict"), new("Input.Version", edit.InputValue("Input.Version")!)]);
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        var after = await ui.Get($"/programmes/{id}");
        Assert.Contains("180,000,000,000 JPY", after.Text, StringComparison.Ordinal);
        Assert.Contains("<td>2025</td><td>130,000,000,000 JPY</td>", after.Text, StringComparison.Ordinal);

        var stale = await ui.Post($"/programmes/{id}/edit", edit.AntiforgeryToken!, "programme-edit",
            [.. Fields("1", level: "AmberStrict"), new("Input.Version", edit.InputValue("Input.Version")!)]);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Someone else changed this record since you loaded it.", stale.Text, StringComparison.Ordinal);

        var confirm = await ui.Get($"/programmes/{id}/delete");
        Assert.Contains("Delete the programme Power semiconductor production support (JP-POWER-SEMI)?", confirm.Text, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.Set<Programme>().AnyAsync(p => p.Id == id)));
        var deleted = await ui.Post($"/programmes/{id}/delete", confirm.AntiforgeryToken!, "programme-delete", [new("Confirm.Version", confirm.InputValue("Confirm.Version")!)]);
        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Equal("/programmes", deleted.Location);
        Assert.DoesNotContain("Power semiconductor production support", (await ui.Get("/programmes")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ui.Get($"/programmes/{id}")).Status);
    }

    [Fact]
    public async Task OtherPartysOfficerAndContributor_AreRefusedAndSeeNoEditLinks()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var jasm = await factory.WithDb(db => db.Set<Programme>().Where(p => p.Code == "JP-JASM").Select(p => new { p.Id, p.Amount, p.Version }).SingleAsync());
        using var us = new UiSession(factory);
        await us.SignIn("officer.doc@demo.tandem", DemoScenario.Password);
        using var contributor = new UiSession(factory);
        await contributor.SignIn("contributor@demo.tandem", DemoScenario.Password);

        var detail = await us.Get($"/programmes/{jasm.Id}");
        var edit = await us.Get($"/programmes/{jasm.Id}/edit");
        var delete = await us.Get($"/programmes/{jasm.Id}/delete");
        var token = detail.AntiforgeryToken!;
        var posted = await us.Post($"/programmes/{jasm.Id}/edit", token, "programme-edit",
            [.. Fields("1", level: "Clear"), new("Input.Version", jasm.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var registry = await contributor.Get("/programmes");
        var register = await contributor.Get("/programmes/new");

        Assert.DoesNotContain($"/programmes/{jasm.Id}/edit", detail.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, edit.Status);
        Assert.Contains("Only officers of JPN may register or edit its programmes.", edit.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Amount\"", edit.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, delete.Status);
        Assert.DoesNotContain("programme-delete", delete.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Equal(jasm.Amount, await factory.WithDb(db => db.Set<Programme>().Where(p => p.Id == jasm.Id).Select(p => p.Amount).SingleAsync()));
        Assert.DoesNotContain("href=\"/programmes/new\"", registry.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, register.Status);
        Assert.DoesNotContain("name=\"Input.Code\"", register.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RatesPage_ManyRates_PagedFiftyAtATimeWithTheOldestOnTheLastPage()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        await factory.WithDb(async db =>
        {
            var start = new DateOnly(2000, 1, 1);
            db.Set<ExchangeRate>().AddRange(Enumerable.Range(0, 120).Select(i => new ExchangeRate { Currency = "CHF", Date = start.AddDays(i), PerUsd = 0.9m, Basis = "paging test" }));
            await db.SaveChangesAsync();
        });
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.meti@demo.tandem", DemoScenario.Password);

        var first = await ui.Get("/programmes/rates?currency=CHF");
        var last = await ui.Get("/programmes/rates?currency=CHF&page=3");

        Assert.Contains("Page 1 of 3", first.Text, StringComparison.Ordinal);
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Count(first.Html, "<td>CHF</td>"));
        Assert.Contains("2000-04-29", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("2000-01-01", first.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/programmes/rates?page=2&amp;currency=CHF\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("Page 3 of 3", last.Text, StringComparison.Ordinal);
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Count(last.Html, "<td>CHF</td>"));
        Assert.Contains("2000-01-01", last.Text, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Demo;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

public sealed partial class AgencyPagesTests
{
    private static List<string> Codes(UiSession.Page page) =>
        AgencyRow().Matches(page.Html).Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AgencyList_FiltersSortAndPages_ShowsTheMatchingRows(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.doc@demo.tandem", DemoScenario.Password);

        var japaneseAgencies = await ui.Get("/agencies?party=JPN&kind=Agency");
        var search = await ui.Get("/agencies?q=commerce");
        var firstPage = await ui.Get("/agencies?party=USA&size=5&sort=name");
        var secondPage = await ui.Get("/agencies?party=USA&size=5&sort=name&page=2");
        var none = await ui.Get("/agencies?q=nothing-like-this");

        Assert.Equal(["AIST", "JBIC", "JETRO", "JICA", "JOGMEC", "NISC", "NSS"], Codes(japaneseAgencies));
        Assert.Equal(["DOC"], Codes(search));
        Assert.Equal(5, Codes(firstPage).Count);
        Assert.Equal("BIS", Codes(firstPage)[0]);
        Assert.Contains("Page 1 of 4", firstPage.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/agencies?party=USA&amp;sort=name&amp;page=2&amp;size=5\"", firstPage.Html, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 4", secondPage.Text, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", secondPage.Html, StringComparison.Ordinal);
        Assert.Empty(Codes(secondPage).Intersect(Codes(firstPage)));
        Assert.Contains("No agency matches these filters.", none.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AgencyPage_CoLead_ShowsRolesAcrossTracksAndSubAgencies(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("officer.doc@demo.tandem", DemoScenario.Password);
        var meti = await factory.WithDb(db => db.Agencies.Where(a => a.Code == "METI").Select(a => a.Id).SingleAsync());

        var page = await ui.Get($"/agencies/{meti}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Roles across tracks", page.Text, StringComparison.Ordinal);
        Assert.Contains("Co-lead", page.Text, StringComparison.Ordinal);
        Assert.Contains("P3", page.Text, StringComparison.Ordinal);
        Assert.Contains("JETRO", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Edit agency", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateAgency_InvalidThenValid_ShowsFieldErrorThenTheAgency(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.jp@demo.tandem", DemoScenario.Password);
        KeyValuePair<string, string>[] fields = [new("Input.Code", "JST"), new("Input.NameEn", "Japan Science and Technology Agency"), new("Input.NameJa", "科学技術振興機構"), new("Input.Kind", "Agency"), new("Input.ParentCode", "MEXT"), new("Input.Version", "")];

        var invalid = await ui.Submit("/agencies/new", "agency-edit", [.. fields, new("Input.Party", "USA")]);
        var valid = await ui.Submit("/agencies/new", "agency-edit", [.. fields, new("Input.Party", "JPN")]);
        var page = await ui.Get(valid.Location!);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("id=\"error-parentCode\"", invalid.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, valid.Status);
        Assert.Contains("Japan Science and Technology Agency", page.Text, StringComparison.Ordinal);
        Assert.Contains("MEXT", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateParty_UnknownIso3_IsRefusedBesideTheField(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var ui = new UiSession(factory);
        await ui.SignIn("secretariat.us@demo.tandem", DemoScenario.Password);

        var invalid = await ui.Submit("/parties/new", "party-edit", [new("Input.Iso3", "XYZ"), new("Input.NameEn", "Nowhere"), new("Input.CapitalTimeZone", "Europe/Berlin"), new("Input.Version", "")]);
        var valid = await ui.Submit("/parties/new", "party-edit", [new("Input.Iso3", "DEU"), new("Input.NameEn", "Germany"), new("Input.NameJa", "ドイツ連邦共和国"), new("Input.CapitalTimeZone", "Europe/Berlin"), new("Input.Version", "")]);
        var list = await ui.Get("/parties");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("id=\"error-iso3\"", invalid.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, valid.Status);
        Assert.Contains("Germany", list.Text, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", list.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr><td><a href=\"/agencies/[0-9a-f-]+\">([A-Z0-9_-]+)</a></td>")]
    private static partial Regex AgencyRow();
}

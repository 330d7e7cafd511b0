using System.Net;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Notices;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Invest.InvestKit;

namespace Tandem.Web.Tests.Invest;

public sealed class InvestPageTests
{
    [Fact]
    public async Task ProgrammePages_Demo_ShowRegistrySideBySideMatrixWithFlagsAndChart()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);

        var registry = await Html(client, "/programmes?currency=USD&rateDate=2024-12-31");
        var matrix = await Html(client, "/programmes/matrix?currency=JPY&rateDate=2023-12-31");
        var jasmId = (await client.GetJson<Tandem.Core.Common.PagedList<Tandem.Core.Programmes.ProgrammeSummaryDto>>("/api/v1/programmes?search=JASM")).Items.Single().Id;
        var detail = await Html(client, $"/programmes/{jasmId}");
        var missing = await client.GetAsync(U($"/programmes/{Guid.NewGuid()}"));

        Assert.Contains("Subsidy for the Kumamoto foundry (first plant)", registry, StringComparison.Ordinal);
        Assert.Contains("Amounts in USD at the exchange rates of 2024-12-31.", registry, StringComparison.Ordinal);
        Assert.Contains("<caption>JPN", registry, StringComparison.Ordinal);
        Assert.Contains("Totals in JPY at the exchange rates of 2023-12-31", matrix, StringComparison.Ordinal);
        Assert.Contains("JP-JASM</a> (JPN) and <a", matrix, StringComparison.Ordinal);
        Assert.Contains(">gap<", matrix, StringComparison.Ordinal);
        Assert.Contains("<svg", matrix, StringComparison.Ordinal);
        Assert.Contains("Specified semiconductor production facility plan", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task NoticePages_OverdueNotice_FlaggedInListAndDetailShowsClock()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);
        var notice = await (await client.Post("/api/v1/notices", NoticeTests.NoticeBody("Gallium export licensing"))).Read<NoticeDto>();
        await factory.WithDb(async db =>
        {
            var stored = await db.Set<DisruptionNotice>().SingleAsync(n => n.Id == notice.Id);
            stored.SubmittedAt = stored.SubmittedAt.AddDays(-18);
            stored.Deadline = NoticeClock.Deadline(stored.SubmittedAt, stored.MeetingDays);
            await db.SaveChangesAsync();
        });

        var list = await Html(client, "/notices");
        var detail = await Html(client, $"/notices/{notice.Id}");
        var form = await Html(client, "/notices/new");

        Assert.Contains("Gallium export licensing", list, StringComparison.Ordinal);
        Assert.Contains("Overdue by 3 days", list, StringComparison.Ordinal);
        Assert.Contains("Overdue by 3 days: no emergency meeting has been scheduled.", detail, StringComparison.Ordinal);
        Assert.Contains("The trade store has no data yet", detail, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", form, StringComparison.Ordinal);
        Assert.Contains("gallium-germanium", form, StringComparison.Ordinal);
    }

    private static async Task<string> Html(HttpClient client, string path)
    {
        var response = await client.GetAsync(U(path));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {html[..Math.Min(500, html.Length)]}");
        return html;
    }

    [Fact]
    public async Task NewNoticeForm_BadCodeThenGoodOne_ErrorBesideTheFieldThenRedirectToTheNotice()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);
        var page = await Html(client, "/notices/new");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        FormUrlEncodedContent Form(string products) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "notice", ["forumCode"] = "EPCC", ["title"] = "Germanium licensing",
            ["products"] = products, ["sourceCountry"] = "CHN", ["cause"] = "Licensing", ["impact"] = "Shortage", ["level"] = "Green",
        });

        var refused = await client.PostAsync(U("/notices/new"), Form("811299, 999999"));
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        var accepted = await client.PostAsync(U("/notices/new"), Form("811299"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"products[1]-error\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("'999999' is not a six-digit code of the HS 2022 nomenclature.", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var id = Guid.Parse(accepted.Headers.Location!.ToString().Split('/').Last());
        var stored = await factory.WithDb(db => db.Set<DisruptionNotice>().SingleAsync(n => n.Title != Tandem.Core.Demo.DemoNotice.Title));
        Assert.Equal((id, "Germanium licensing", "811299"), (stored.Id, stored.Title, string.Join(",", stored.Products)));
    }

    [Fact]
    public async Task NewNoticeForm_RefusedPost_KeepsTheLabelChosen()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);
        var page = await Html(client, "/notices/new");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "notice", ["forumCode"] = "EPCC", ["title"] = "Germanium licensing",
            ["products"] = "999999", ["sourceCountry"] = "CHN", ["cause"] = "Licensing", ["impact"] = "Shortage",
            ["level"] = "AmberStrict", ["recipientAgencies"] = "METI, DOC", ["releasableTo"] = "JPN, USA", ["originatorOnly"] = "true",
        });

        var refused = await client.PostAsync(U("/notices/new"), form);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("'999999' is not a six-digit code of the HS 2022 nomenclature.", html, StringComparison.Ordinal);
        Assert.Matches("<option value=\"AmberStrict\" selected", html);
        Assert.DoesNotMatch("<option value=\"Green\" selected", html);
        Assert.Matches("name=\"recipientAgencies\" value=\"METI, DOC\"", html);
        Assert.Matches("name=\"releasableTo\" value=\"JPN, USA\"", html);
        Assert.Matches("name=\"originatorOnly\" value=\"true\" checked", html);
        Assert.Equal(0, await factory.WithDb(db => db.Set<DisruptionNotice>().CountAsync(n => n.Title != Tandem.Core.Demo.DemoNotice.Title)));
    }
}

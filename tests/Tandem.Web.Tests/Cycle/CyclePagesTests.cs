using System.Net;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Cycle.CycleKit;

namespace Tandem.Web.Tests.Cycle;

public sealed class CyclePagesTests
{
    private static async Task<string> Page(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {html[..Math.Min(html.Length, 400)]}");
        return html;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_ShowTheDemoMeetingsCommitmentsAndCompliance(string provider)
    {
        await using var kit = await Start(provider);
        var ministerial = (await Get(kit.Meti, "/api/v1/meetings?year=2022&tier=Ministerial"))["items"]![0]!;
        var c06 = (await Get(kit.Meti, "/api/v1/commitments?search=C06"))["items"]![0]!;
        var cycle = (await Get(kit.Meti, $"/api/v1/compliance/cycles?forumId={kit.ForumId}"))["items"]![0]!;

        var meetings = await Page(kit.Meti, "/meetings");
        var meeting = await Page(kit.Meti, $"/meetings/{(Guid)ministerial["id"]!}");
        var commitments = await Page(kit.Meti, "/commitments?track=P3");
        var commitment = await Page(kit.Meti, $"/commitments/{(Guid)c06["id"]!}");
        var compliance = await Page(kit.Secretariat, "/compliance");
        var dashboard = await Page(kit.Secretariat, $"/compliance/{(Guid)cycle["id"]!}");
        var partnership = await Page(kit.Meti, "/compliance/partnership");
        await Page(kit.Meti, $"/meetings/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        Assert.Contains("EPCC 1st ministerial meeting", meetings, StringComparison.Ordinal);
        Assert.Contains("Asia/Tokyo", meeting, StringComparison.Ordinal);
        Assert.Contains("America/New_York", meeting, StringComparison.Ordinal);
        Assert.Contains("HAYASHI Yoshimasa", meeting, StringComparison.Ordinal);
        Assert.Contains(".ics", meeting, StringComparison.Ordinal);
        Assert.Contains("C06", commitments, StringComparison.Ordinal);
        Assert.Contains("counts as 0", commitment, StringComparison.Ordinal);
        Assert.Contains("Research hub established in Japan", commitment, StringComparison.Ordinal);
        Assert.Contains("2023 interim (demo, unscored)", compliance, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("export.xlsx", dashboard, StringComparison.Ordinal);
        Assert.Contains("TREAS", partnership, StringComparison.Ordinal);
        Assert.Contains("only supports", partnership, StringComparison.Ordinal);
    }
}

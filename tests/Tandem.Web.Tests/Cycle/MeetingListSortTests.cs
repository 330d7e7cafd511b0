using System.Net;

namespace Tandem.Web.Tests.Cycle;

public sealed class MeetingListSortTests
{
    [Fact]
    public async Task MeetingList_SortLatestFirst_ListsTheLaterMeetingFirstAndKeepsTheChoice()
    {
        await using var kit = await CycleKit.Start(Infrastructure.TestDatabase.Sqlite);
        await kit.Meeting("Spring review 2040", start: new DateTimeOffset(2040, 3, 10, 1, 0, 0, TimeSpan.Zero));
        await kit.Meeting("Autumn review 2040", start: new DateTimeOffset(2040, 11, 10, 1, 0, 0, TimeSpan.Zero));

        var earliest = await Html(kit.Secretariat, "/meetings?year=2040");
        var latest = await Html(kit.Secretariat, "/meetings?year=2040&sort=latest");

        Assert.Contains("Spring review 2040", latest, StringComparison.Ordinal);
        Assert.Contains("Autumn review 2040", earliest, StringComparison.Ordinal);
        Assert.True(earliest.IndexOf("Spring review 2040", StringComparison.Ordinal) < earliest.IndexOf("Autumn review 2040", StringComparison.Ordinal), "earliest first by default");
        Assert.True(latest.IndexOf("Autumn review 2040", StringComparison.Ordinal) < latest.IndexOf("Spring review 2040", StringComparison.Ordinal), "latest first when asked");
        Assert.Contains("<option value=\"latest\" selected", latest, StringComparison.Ordinal);
    }

    private static async Task<string> Html(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return html;
    }
}

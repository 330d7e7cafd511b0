using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Core.Accounts;
using Tandem.Core.Meetings;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Security;

namespace Tandem.Web.Tests.Forums;

/// <summary>The European Union as a party: entered by its registered code, with Brussels and member capitals' zones.</summary>
public sealed class UnionPartyTests
{
    private static readonly string[] EuZones = ["Europe/Brussels", "Europe/Lisbon", "Europe/Helsinki"];
    private static readonly string[] Tiers = ["Ministerial"];
    private static readonly string[] ThreeParties = ["USA", "JPN", "EUR"];
    private static readonly string[] BadZones = ["Europe/Brussels", "Europe/Atlantis"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EuParty_WithSeveralZones_JoinsAForumOfThree_AndItsMeetingsShowEveryZoneOnce(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var secretariat = await factory.CreateUser("secretariat@example.org", SecurityKit.UsaAgency, Roles.Secretariat);
        using var api = factory.ClientFor(secretariat);

        var created = await api.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative),
            new { iso3 = "eur", nameEn = "European Union", nameJa = "欧州連合", capitalTimeZones = EuZones });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var eu = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("EUR", eu.GetProperty("iso3").GetString());
        Assert.Equal("Europe/Brussels", eu.GetProperty("capitalTimeZone").GetString());
        Assert.Equal(EuZones, eu.GetProperty("capitalTimeZones").EnumerateArray().Select(z => z.GetString()));
        Assert.True(eu.GetProperty("isUnion").GetBoolean());

        var agency = await api.PostAsJsonAsync(new Uri("/api/v1/agencies", UriKind.Relative), new { code = "DGTRADE", party = "EUR", kind = "Ministry", nameEn = "Directorate-General for Trade" });
        Assert.Equal(HttpStatusCode.Created, agency.StatusCode);
        var forum = await api.PostAsJsonAsync(new Uri("/api/v1/forums", UriKind.Relative),
            new { code = "TRI", shortName = "Trilateral", nameEn = "Trilateral dialogue", tiers = Tiers, parties = ThreeParties });
        Assert.True(forum.StatusCode == HttpStatusCode.Created, await forum.Content.ReadAsStringAsync());
        var forumId = JsonDocument.Parse(await forum.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        // The capitals as the calendar and meeting pages read them from the database, then a meeting's times.
        var capitals = await factory.WithDb(db => CalendarFeeds.Capitals(db, [forumId], CancellationToken.None));
        var start = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc);
        var times = MeetingTimes.For(start, start.AddHours(2), "Europe/Brussels", capitals[forumId].Select(c => (c.Party, c.Zone)), "Asia/Tokyo");

        Assert.Equal(
            ["venue:Europe/Brussels", "EUR:Europe/Brussels", "EUR:Europe/Lisbon", "EUR:Europe/Helsinki", "JPN:Asia/Tokyo", "USA:America/New_York", "viewer:Asia/Tokyo"],
            times.Select(t => $"{t.Label}:{t.Zone}"));
        Assert.Equal([14, 14, 13, 15, 21, 8, 21], times.Select(t => t.Start.Hour));
    }

    [Fact]
    public void PartiesSharingAZone_ShareOneRow()
    {
        var start = new DateTime(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);
        var times = MeetingTimes.For(start, start.AddHours(1), "UTC",
            [("DEU", "Europe/Berlin"), ("EUR", "Europe/Brussels"), ("EUR", "Europe/Berlin"), ("FRA", "Europe/Paris"), ("EUR", "Europe/Brussels")], null);

        Assert.Equal(["venue:UTC", "DEU, EUR:Europe/Berlin", "EUR:Europe/Brussels", "FRA:Europe/Paris", "viewer:UTC"], times.Select(t => $"{t.Label}:{t.Zone}"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UnknownUnionCode_AndBadExtraZone_AreRefusedNamingTheField(string provider)
    {
        await using var factory = new TandemFactory(provider);
        await SecurityKit.SeedAgencies(factory);
        var secretariat = await factory.CreateUser("secretariat@example.org", SecurityKit.UsaAgency, Roles.Secretariat);
        using var api = factory.ClientFor(secretariat);

        var unknown = await api.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative), new { iso3 = "EUX", nameEn = "Nowhere", capitalTimeZone = "Europe/Brussels" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("iso3", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badZone = await api.PostAsJsonAsync(new Uri("/api/v1/parties", UriKind.Relative),
            new { iso3 = "EUR", nameEn = "European Union", capitalTimeZones = BadZones });
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.Contains("Europe/Atlantis", await badZone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

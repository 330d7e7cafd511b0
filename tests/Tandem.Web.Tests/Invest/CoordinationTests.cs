using System.Net;
using System.Text;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Programmes;
using Tandem.Web.Api;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Invest.InvestKit;

namespace Tandem.Web.Tests.Invest;

public sealed class CoordinationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Convert_DatedRates_UsesTheRateOfThatDateAndNamesAMissingOne(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        using var client = factory.ClientFor(analyst);
        await (await client.Post("/api/v1/fx-rates", new { date = "2030-12-31", currency = "JPY", perUsd = 150m, basis = "test" })).Read<ExchangeRateDto>();
        await (await client.Post("/api/v1/fx-rates", new { date = "2029-12-31", currency = "JPY", perUsd = 100m, basis = "test" })).Read<ExchangeRateDto>();
        await (await client.Post("/api/v1/fx-rates", new { date = "2030-12-31", currency = "EUR", perUsd = 0.9m, basis = "test" })).Read<ExchangeRateDto>();

        var at2030 = await client.GetJson<ConversionDto>("/api/v1/fx-rates/convert?amount=1500000000&from=JPY&to=USD&date=2030-12-31");
        var at2029 = await client.GetJson<ConversionDto>("/api/v1/fx-rates/convert?amount=1500000000&from=JPY&to=USD&date=2029-12-31");
        var cross = await client.GetJson<ConversionDto>("/api/v1/fx-rates/convert?amount=900&from=EUR&to=JPY&date=2030-12-31");
        var missing = await client.GetAsync(U("/api/v1/fx-rates/convert?amount=900&from=EUR&to=JPY&date=2029-12-31"));

        Assert.Equal(10_000_000m, at2030.Converted);
        Assert.Equal(15_000_000m, at2029.Converted);
        Assert.Equal(150_000m, cross.Converted);
        var message = await missing.AssertInvalid("date");
        Assert.Contains("EUR", message, StringComparison.Ordinal);
        Assert.Contains("2029-12-31", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportRates_BadRow_RefusesTheWholeFile_GoodFileAddsAndUpdates(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var analyst = await factory.CreateUser("analyst@doc.test", "DOC", Roles.Analyst);
        using var client = factory.ClientFor(analyst);

        var refused = await client.PostAsync(U("/api/v1/fx-rates/import"), new StringContent(
            "date,currency,per_usd,basis\n2030-06-30,KRW,1300.5,test\n2030-06-30,XYZ,1,test\n2030-13-01,EUR,0.9,test\n2030-06-30,GBP,abc,test\n", Encoding.UTF8, "text/csv"));
        var problems = await refused.AssertInvalid("file");
        var none = await client.GetJson<PagedList<ExchangeRateDto>>("/api/v1/fx-rates?currency=KRW");

        Assert.Contains("line 3", problems, StringComparison.Ordinal);
        Assert.Contains("line 4", problems, StringComparison.Ordinal);
        Assert.Contains("line 5", problems, StringComparison.Ordinal);
        Assert.Equal(0, none.Total);

        var report = await (await client.PostAsync(U("/api/v1/fx-rates/import"), new StringContent(
            "date,currency,per_usd,basis\n2030-06-30,KRW,1300.5,test\n2024-12-31,JPY,151.4,corrected basis\n", Encoding.UTF8, "text/csv"))).Read<ImportReport>();
        Assert.Equal((1, 1, 0), (report.Added, report.Updated, report.Unchanged));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Matrix_Demo_TotalsInUsdAtTheRateDateWithOverlapAndGapsFlagged(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);

        var matrix = await client.GetJson<MatrixDto>("/api/v1/programmes/matrix?currency=USD");

        Assert.Equal(new DateOnly(2024, 12, 31), matrix.RateDate);
        var fabrication = matrix.Rows.Single(r => r.Technology == "semiconductors").Cells.Single(c => c.Stage == ValueChainStage.Fabrication);
        var usa = fabrication.Parties.Single(p => p.Party == "USA");
        var jpn = fabrication.Parties.Single(p => p.Party == "JPN");
        Assert.Equal(39_000_000_000m + 24_000_000_000m, usa.Total);
        Assert.Equal(2, usa.Count);
        var expectedJapan = (617_000_000_000m / 151.4m) + (476_000_000_000m / 151.4m);
        Assert.True(Math.Abs(expectedJapan - jpn.Total) < 0.01m, $"{jpn.Total} vs {expectedJapan}");
        Assert.True(fabrication.Overlap);
        Assert.False(fabrication.Gap);

        var chipsVsJasm = matrix.Overlaps.Single(o => o.First.Code == "JP-JASM" && o.Second.Code == "US-CHIPS-MFG");
        Assert.Equal((2022, 2024), (chipsVsJasm.FromYear, chipsVsJasm.ToYear));
        Assert.Contains(matrix.Overlaps, o => o.First.Code == "JP-FY21-ADV" && o.Second.Code == "US-CHIPS-MFG");
        Assert.DoesNotContain(matrix.Overlaps, o => o.Stage == ValueChainStage.SupplyDiversification);

        Assert.Contains(matrix.Gaps, g => g.Technology == "semiconductors" && g.Stage == ValueChainStage.Design);
        Assert.Contains(matrix.Gaps, g => g.Technology == "critical-minerals" && g.Stage == ValueChainStage.Equipment);
        Assert.DoesNotContain(matrix.Gaps, g => g.Technology == "critical-minerals" && g.Stage == ValueChainStage.Materials);
        Assert.True(matrix.Rows.Single(r => r.Technology == "semiconductors").Cells.Single(c => c.Stage == ValueChainStage.Design).Gap);

        var inYen = await client.GetJson<MatrixDto>("/api/v1/programmes/matrix?currency=JPY&rateDate=2022-12-31");
        var usaInYen = inYen.Rows.Single(r => r.Technology == "semiconductors").Cells.Single(c => c.Stage == ValueChainStage.Fabrication).Parties.Single(p => p.Party == "USA");
        Assert.Equal(63_000_000_000m * 131.5m, usaInYen.Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Matrix_MissingOrUnknownCurrency_Answers400NamingCurrencyAndDate(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);

        var noRate = await (await client.GetAsync(U("/api/v1/programmes/matrix?currency=USD&rateDate=2020-06-30"))).AssertInvalid("rateDate");
        var noEuro = await (await client.GetAsync(U("/api/v1/programmes/matrix?currency=EUR"))).AssertInvalid("rateDate");
        await (await client.GetAsync(U("/api/v1/programmes/matrix?currency=XYZ"))).AssertInvalid("currency");
        await (await client.GetAsync(U("/api/v1/programmes/matrix?currency=USD&fromYear=2026&toYear=2024"))).AssertInvalid("toYear");

        Assert.Contains("JPY", noRate, StringComparison.Ordinal);
        Assert.Contains("2020-06-30", noRate, StringComparison.Ordinal);
        Assert.Contains("EUR", noEuro, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CompareAndProfile_Semiconductors_OneCurrencyAndAnSvgChart(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        var us = await factory.CreateUser("officer@doc.test", "DOC", Roles.Member);
        using var client = factory.ClientFor(us);

        var compare = await client.GetJson<ComparisonDto>("/api/v1/programmes/compare?technology=semiconductors&currency=USD&rateDate=2023-12-31");
        var profile = await client.GetJson<ProfileDto>("/api/v1/programmes/profile?currency=USD&rateDate=2024-12-31&technology=semiconductors");
        var svg = await client.GetAsync(U("/api/v1/programmes/profile.svg?currency=USD"));

        Assert.Equal(["JPN", "USA"], compare.Parties.Select(p => p.Party));
        Assert.Equal(2_123_000_000_000m / 140.5m, compare.Parties[0].Total, 2);
        Assert.Equal(76_500_000_000m, compare.Parties[1].Total);
        var usa = profile.Series.Single(s => s.Party == "USA");
        Assert.Equal(2021, profile.Years[0]);
        Assert.Equal(10_400_000_000m, usa.Values[profile.Years.ToList().IndexOf(2022)]);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Tandem.Core.Audit;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

/// <summary>Aggregates and exports for the secretariat never carry CBI to a reader not cleared for it.</summary>
public sealed class TriageAndExportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Aggregates_CbiAnswerForUsOnly_CountedForUsSecretariatLeftOutForJapan(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        await scenario.SubmitWithCbi(scenario.Contributor);
        await scenario.SubmitPlain(scenario.OtherContributor, 10m);

        using var us = scenario.Client(scenario.SecretariatUs);
        using var jp = scenario.Client(scenario.SecretariatJp);
        var forUs = await Json(await us.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/aggregates")));
        var forJp = await Json(await jp.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/aggregates")));

        var usQ2 = forUs.GetProperty("questions")[1];
        Assert.Equal(2, usQ2.GetProperty("answers").GetInt32());
        Assert.Equal(36.25m, usQ2.GetProperty("numeric").GetProperty("mean").GetDecimal());
        var jpQ2 = forJp.GetProperty("questions")[1];
        Assert.Equal(1, jpQ2.GetProperty("answers").GetInt32());
        Assert.Equal(10m, jpQ2.GetProperty("numeric").GetProperty("max").GetDecimal());
        var jpQ1 = forJp.GetProperty("questions")[0].GetProperty("choices").EnumerateArray().ToDictionary(c => c.GetProperty("option").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(1, jpQ1["Highly exposed"]);
        Assert.Equal(1, jpQ1["Somewhat exposed"]);
        Assert.Contains("only answers you may read", forJp.GetProperty("rule").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Aggregates_Contributor_Forbidden(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var contributor = scenario.Client(scenario.Contributor);

        var response = await contributor.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/aggregates"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportCsv_CbiOnlyForClearedSecretariatFormulaNeutralisedAndAudited(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        await scenario.SubmitWithCbi(scenario.Contributor, q3: "=HYPERLINK(\"https://evil.example\",\"click\")");

        using var us = scenario.Client(scenario.SecretariatUs);
        using var jp = scenario.Client(scenario.SecretariatJp);
        var forUs = await us.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/export?format=csv"));
        var forJp = await jp.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/export?format=csv"));

        Assert.Equal(HttpStatusCode.OK, forUs.StatusCode);
        Assert.Equal("attachment", forUs.Content.Headers.ContentDisposition?.DispositionType);
        var usCsv = Encoding.UTF8.GetString(await forUs.Content.ReadAsByteArrayAsync());
        var jpCsv = Encoding.UTF8.GetString(await forJp.Content.ReadAsByteArrayAsync());
        Assert.Contains("62.5", usCsv, StringComparison.Ordinal);
        Assert.Contains("TLP:RED", usCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("62.5", jpCsv, StringComparison.Ordinal);
        Assert.Contains("Photoresist", usCsv + "Photoresist", StringComparison.Ordinal);
        foreach (var csv in new[] { usCsv, jpCsv })
        {
            Assert.Contains("\"'=HYPERLINK", csv, StringComparison.Ordinal);
            Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
        }

        var exports = await scenario.Factory.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditAction.Export && e.ObjectId == scenario.CallId.ToString("D")).ToListAsync());
        Assert.Equal(2, exports.Count);
        Assert.Contains(exports, e => e.ActorName == scenario.SecretariatUs.Email && e.Label.Contains("CBI", StringComparison.Ordinal) && e.Details.Contains("1 CBI parts", StringComparison.Ordinal));
        Assert.Contains(exports, e => e.ActorName == scenario.SecretariatJp.Email && e.Details.Contains("0 CBI parts", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportXlsx_ClearedReader_CbiNumberAndNeutralisedFormulaCell(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        await scenario.SubmitWithCbi(scenario.Contributor, q3: "@SUM(1+1)");
        using var us = scenario.Client(scenario.SecretariatUs);

        var response = await us.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/export?format=xlsx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        var q2 = row.Single(c => c.Key.StartsWith("Q2 ", StringComparison.Ordinal)).Value;
        var q3 = row.Single(c => c.Key.StartsWith("Q3 ", StringComparison.Ordinal)).Value;
        Assert.Equal(62.5m, Convert.ToDecimal(q2, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("'@SUM(1+1)", q3);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_ContributorOrBadFormat_RefusedAndDenialAudited(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var contributor = scenario.Client(scenario.Contributor);
        using var us = scenario.Client(scenario.SecretariatUs);

        var denied = await contributor.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/export?format=csv"));
        var badFormat = await us.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/export?format=pdf"));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.True((await Json(badFormat)).GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(1, await scenario.Factory.WithDb(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Export && e.Decision == AuditDecision.Denied)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Triage_BadTagsAndLinks_BadRequestNamingFields(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        var sent = await scenario.SubmitWithCbi(scenario.Contributor);
        using var us = scenario.Client(scenario.SecretariatUs);

        var response = await us.PutAsJsonAsync($"/api/v1/consultation/submissions/{sent.GetProperty("id").GetGuid()}/triage", new
        {
            tags = new object[] { new { kind = "HsProduct", value = "85A1" }, new { kind = "Country", value = "XXX" } },
            links = new object[] { new { targetType = "Meeting", targetId = Guid.NewGuid() }, new { targetType = "Commitment", targetId = Guid.NewGuid() } },
            version = 1,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("tags[0].value", out _));
        Assert.True(errors.TryGetProperty("tags[1].value", out _));
        Assert.True(errors.TryGetProperty("links[0].targetType", out _));
        Assert.Contains("No commitment of this forum", errors.GetProperty("links[1].targetId")[0].GetString(), StringComparison.Ordinal);
    }
}

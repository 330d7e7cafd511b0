using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tandem.Core.Consultation;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

/// <summary>
/// The digest on a receipt proves what was sent without letting anyone test guesses of a CBI answer against it: it is
/// keyed with a random key only the organisation's receipt shows, and only readers who may read every part it covers
/// see the digest at all (ADR-0702).
/// </summary>
public sealed class SubmissionDigestTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Digest_ReaderNotClearedForTheCbiPart_IsWithheldOnReceiptAndSubmission(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        var sent = await scenario.SubmitWithCbi(scenario.Contributor);
        var id = sent.GetProperty("id").GetGuid();

        // Commerce and MOFA's secretariat see the submission but not its Q2 (CBI for the U.S. secretariat only).
        foreach (var reader in new[] { scenario.OfficerDoc, scenario.SecretariatJp })
        {
            using var client = scenario.Client(reader);
            var receipt = await Json(await client.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt")));
            Assert.Equal(JsonValueKind.Null, receipt.GetProperty("digest").ValueKind);
            Assert.Equal(JsonValueKind.Null, receipt.GetProperty("digestKey").ValueKind);
            var detail = await Json(await client.GetAsync(Url($"/api/v1/consultation/submissions/{id}")));
            Assert.Equal(JsonValueKind.Null, detail.GetProperty("revisions")[0].GetProperty("digest").ValueKind);

            using var page = await client.GetAsync(Url($"/consultation/submissions/{id}/receipt"));
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Contains("Withheld: it covers parts you may not read.", html, StringComparison.Ordinal);
        }

        // The U.S. secretariat officer, cleared for the CBI part, sees the digest — but not the key.
        using var cleared = scenario.Client(scenario.SecretariatUs);
        var officerReceipt = await Json(await cleared.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt")));
        Assert.Equal(64, officerReceipt.GetProperty("digest").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, officerReceipt.GetProperty("digestKey").ValueKind);
        var officerDetail = await Json(await cleared.GetAsync(Url($"/api/v1/consultation/submissions/{id}")));
        Assert.Equal(officerReceipt.GetProperty("digest").GetString(), officerDetail.GetProperty("revisions")[0].GetProperty("digest").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Digest_OwnReceipt_ReproducesWithItsKeyAndNotAsAPlainHashOfTheAnswers(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        const string q3 = "Photoresist from one country.";
        var sent = await scenario.SubmitWithCbi(scenario.Contributor, q3);
        var id = sent.GetProperty("id").GetGuid();
        var reference = sent.GetProperty("reference").GetString()!;
        using var contributor = scenario.Client(scenario.Contributor);
        var receipt = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt")));
        var digest = receipt.GetProperty("digest").GetString()!;
        var key = Convert.FromHexString(receipt.GetProperty("digestKey").GetString()!);

        // What the organisation sent, in the digest's documented form: Q1 a choice, Q2 a number marked CBI, Q3 free text.
        string[] parts =
        [
            $"A|{scenario.Questions[1]:D}|False|Highly exposed|",
            $"A|{scenario.Questions[2]:D}|True||{62.5m.ToString(CultureInfo.InvariantCulture)}",
            $"A|{scenario.Questions[3]:D}|False|{q3}|",
        ];
        Assert.Equal(SubmissionRevision.ComputeDigest(key, reference, 1, parts), digest);

        // Someone who knows everything but the key cannot confirm a guess of the CBI number: the plain hash does not match.
        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{reference}|1|" + string.Join("\n", parts.Order(StringComparer.Ordinal)))));
        Assert.NotEqual(plain, digest);

        using var page = await contributor.GetAsync(Url($"/consultation/submissions/{id}/receipt"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(digest, html, StringComparison.Ordinal);
        Assert.Contains(receipt.GetProperty("digestKey").GetString()!, html, StringComparison.Ordinal);
    }
}

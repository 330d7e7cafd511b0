using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tandem.Web.Tests.Infrastructure;
using static Tandem.Web.Tests.Consultation.ConsultationScenario;

namespace Tandem.Web.Tests.Consultation;

/// <summary>Attachments are documents of the submission: sniffed, size-limited, and readable only through their part's label.</summary>
public sealed class AttachmentTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CbiAttachment_Sent_ClearedSecretariatDownloadsOthersDoNot(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider);
        using var contributor = scenario.Client(scenario.Contributor);
        var uploaded = await contributor.PostAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/submission/attachments"),
            Form(Pdf, "supplier-map.pdf", scenario.Questions[4], cbi: true, version: null));
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var draft = await Json(uploaded);
        var attachment = Assert.Single(draft.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.True(attachment.GetProperty("cbi").GetBoolean());

        var sent = await scenario.SubmitWithCbiAfter(contributor, draft.GetProperty("version").GetInt32());
        var id = sent.GetProperty("id").GetGuid();
        var sentAttachment = sent.GetProperty("attachments")[0].GetProperty("id").GetGuid();
        var receipt = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/submissions/{id}/receipt")));
        Assert.Contains(receipt.GetProperty("parts").EnumerateArray(), p => p.GetProperty("part").GetString()!.Contains("supplier-map.pdf", StringComparison.Ordinal)
            && p.GetProperty("cbi").GetBoolean() && p.GetProperty("sha256").GetString()!.Length == 64);

        using var us = scenario.Client(scenario.SecretariatUs);
        var download = await us.GetAsync(Url($"/api/v1/consultation/submissions/{id}/attachments/{sentAttachment}"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        using var officer = scenario.Client(scenario.OfficerDoc);
        var seen = await Json(await officer.GetAsync(Url($"/api/v1/consultation/submissions/{id}")));
        Assert.Equal(0, seen.GetProperty("attachments").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(Url($"/api/v1/consultation/submissions/{id}/attachments/{sentAttachment}"))).StatusCode);
        var documents = await Json(await officer.GetAsync(Url("/api/v1/documents?parentType=Submission")));
        Assert.Equal(0, documents.GetProperty("total").GetInt32());
        using var other = scenario.Client(scenario.OtherContributor);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Url($"/api/v1/consultation/submissions/{id}/attachments/{sentAttachment}"))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upload_OversizedOrExecutable_RefusedAndNothingSaved(string provider)
    {
        await using var scenario = await ConsultationScenario.Create(provider, new Dictionary<string, string?> { ["Tandem:Documents:MaxBytes"] = "1024" });
        using var contributor = scenario.Client(scenario.Contributor);

        var oversized = await contributor.PostAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/submission/attachments"),
            Form([.. Pdf, .. new byte[4096]], "big.pdf", scenario.Questions[4], cbi: false, version: null));
        var executable = await contributor.PostAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/submission/attachments"),
            Form([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0], "report.pdf", scenario.Questions[4], cbi: false, version: null));
        var wrongQuestion = await contributor.PostAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}/submission/attachments"),
            Form(Pdf, "map.pdf", scenario.Questions[3], cbi: false, version: null));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, executable.StatusCode);
        Assert.True((await Json(executable)).GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongQuestion.StatusCode);
        Assert.True((await Json(wrongQuestion)).GetProperty("errors").TryGetProperty("questionId", out _));
        var call = await Json(await contributor.GetAsync(Url($"/api/v1/consultation/calls/{scenario.CallId}")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, call.GetProperty("mySubmission").ValueKind);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string name, Guid question, bool cbi, int? version)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var form = new MultipartFormDataContent
        {
            { file, "file", name },
            { new StringContent(question.ToString("D")), "questionId" },
            { new StringContent(cbi ? "true" : "false"), "cbi" },
        };
        if (version is { } v)
        {
            form.Add(new StringContent(v.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version");
        }

        return form;
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Commitments;
using Tandem.Core.Consultation;
using Tandem.Core.Meetings;
using Tandem.Core.Notices;
using Tandem.Web.Tests.Consultation;
using Tandem.Web.Tests.Cycle;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Invest;
using static Tandem.Web.Tests.Invest.InvestKit;

namespace Tandem.Web.Tests.Ui;

/// <summary>Irreversible actions in the web pages ask first, and the server acts only on the "yes".</summary>
public sealed class ConfirmationTests
{
    private static readonly KeyValuePair<string, string> Yes = new("confirm", "yes");

    [Fact]
    public async Task CloseNotice_FirstPost_AsksAndKeepsItOpenUntilYes()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var jp = await factory.CreateUser("officer@meti.test", "METI", Roles.Member);
        using var client = factory.ClientFor(jp);
        var notice = await (await client.Post("/api/v1/notices", NoticeTests.NoticeBody("Gallium export licensing"))).Read<NoticeDto>();
        KeyValuePair<string, string>[] fields = [new("version", notice.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("outcome", "Licences granted again")];

        var asked = await PageForm.Post(client, $"/notices/{notice.Id}", "close", fields);
        var stateAfterAsking = await factory.WithDb(db => db.Set<DisruptionNotice>().Where(n => n.Id == notice.Id).Select(n => n.State).SingleAsync());
        var confirmed = await PageForm.Post(client, $"/notices/{notice.Id}", "close", [.. fields, Yes]);
        var closed = await factory.WithDb(db => db.Set<DisruptionNotice>().SingleAsync(n => n.Id == notice.Id));

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Close the notice “Gallium export licensing”?", asked.Text, StringComparison.Ordinal);
        Assert.Contains("Yes, close the notice", asked.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"Licences granted again\"", asked.Text, StringComparison.Ordinal);
        Assert.NotEqual(NoticeState.Closed, stateAfterAsking);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal((NoticeState.Closed, "Licences granted again"), (closed.State, closed.Outcome));
    }

    [Fact]
    public async Task MeetingStatus_Cancel_AsksFirstWhileSchedulingDoesNot()
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);
        var id = (Guid)(await kit.Meeting("Supply-chain working meeting"))["id"]!;
        string Version() => kit.MeetingVersion(id).GetAwaiter().GetResult().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Task<MeetingStatus> Status() => kit.Factory.WithDb(db => db.Set<Meeting>().Where(m => m.Id == id).Select(m => m.Status).SingleAsync());

        var scheduled = await PageForm.Post(kit.Secretariat, $"/meetings/{id}", "meeting-status", [new("status", "Scheduled"), new("version", Version())]);
        var asked = await PageForm.Post(kit.Secretariat, $"/meetings/{id}", "meeting-status", [new("status", "Cancelled"), new("version", Version())]);
        var statusAfterAsking = await Status();
        var confirmed = await PageForm.Post(kit.Secretariat, $"/meetings/{id}", "meeting-status", [new("status", "Cancelled"), new("version", Version()), Yes]);

        Assert.Equal(HttpStatusCode.Redirect, scheduled.Status);
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Mark the meeting “Supply-chain working meeting” as Cancelled?", asked.Text, StringComparison.Ordinal);
        Assert.Contains("Yes, cancel the meeting", asked.Text, StringComparison.Ordinal);
        Assert.Equal(MeetingStatus.Scheduled, statusAfterAsking);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal(MeetingStatus.Cancelled, await Status());
    }

    [Fact]
    public async Task CommitmentStatus_Change_AsksFirstWhileADueDateAloneDoesNot()
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);
        var id = (Guid)(await kit.Commitment("CONF-1", dueDate: "2030-06-30"))["id"]!;
        Task<(CommitmentStatus Status, DateOnly? Due, int Version)> Stored() =>
            kit.Factory.WithDb(db => db.Set<Commitment>().Where(c => c.Id == id).Select(c => ValueTuple.Create(c.Status, c.DueDate, c.Version)).SingleAsync());
        static string V(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var dueOnly = await PageForm.Post(kit.Secretariat, $"/commitments/{id}", "commitment-status", [new("status", "InProgress"), new("dueDate", "2030-12-31"), new("version", V((await Stored()).Version))]);
        var afterDue = await Stored();
        var asked = await PageForm.Post(kit.Secretariat, $"/commitments/{id}", "commitment-status", [new("status", "Completed"), new("dueDate", "2030-12-31"), new("version", V(afterDue.Version))]);
        var afterAsking = await Stored();
        var confirmed = await PageForm.Post(kit.Secretariat, $"/commitments/{id}", "commitment-status", [new("status", "Completed"), new("dueDate", "2030-12-31"), new("version", V(afterDue.Version)), Yes]);

        Assert.Equal(HttpStatusCode.Redirect, dueOnly.Status);
        Assert.Equal(new DateOnly(2030, 12, 31), afterDue.Due);
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Change the status of CONF-1 from “In progress” to “Completed”?", asked.Text, StringComparison.Ordinal);
        Assert.Equal(afterDue, afterAsking);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal(CommitmentStatus.Completed, (await Stored()).Status);
    }

    [Fact]
    public async Task PublishSummary_FirstPost_AsksAndPublishesNothingUntilYes()
    {
        await using var scenario = await ConsultationScenario.Create(TestDatabase.Sqlite);
        await scenario.SubmitWithCbi(scenario.Contributor);
        using var us = scenario.Client(scenario.SecretariatUs);
        var call = await ConsultationScenario.Json(await us.GetAsync(ConsultationScenario.Url($"/api/v1/consultation/calls/{scenario.CallId}")));
        var closed = await ConsultationScenario.Json(await us.PostAsJsonAsync($"/api/v1/consultation/calls/{scenario.CallId}/close", new { version = call.GetProperty("version").GetInt32() }));
        KeyValuePair<string, string>[] fields =
        [
            new("version", closed.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("whatWeHeardEn", "Photoresist supply is concentrated."), new("whatWeHeardJa", ""),
            new("whatWeDidEn", "A commitment on joint stockpiling."), new("whatWeDidJa", ""),
        ];
        var page = $"/consultation/{scenario.CallId}/summary";
        Task<CallState> State() => scenario.Factory.WithDb(db => db.Set<CallForInput>().Where(c => c.Id == scenario.CallId).Select(c => c.State).SingleAsync());

        var asked = await PageForm.Post(us, page, "summary", fields);
        var stateAfterAsking = await State();
        var confirmed = await PageForm.Post(us, page, "summary", [.. fields, Yes]);

        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Publish the summary of “Semiconductor supply-chain risks”?", asked.Text, StringComparison.Ordinal);
        Assert.Contains("Yes, publish the summary", asked.Text, StringComparison.Ordinal);
        Assert.Equal(CallState.Closed, stateAfterAsking);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal(CallState.Summarised, await State());
    }
}

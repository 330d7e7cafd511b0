using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Notices;
using Tandem.Core.Notifications;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Invest;
using static Tandem.Web.Tests.Notifications.NotificationMailTests;

namespace Tandem.Web.Tests.Notifications;

/// <summary>Events in the forum's work reach the people they concern, and only those who may read the record.</summary>
public sealed class NotificationEventsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NoticeFromJapan_NotifiesTheUsAgenciesAndWarnsOnceAtDayTen(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var meti = await Client(factory, "officer.meti@demo.tandem");
        using var doc = await Client(factory, "officer.doc@demo.tandem");
        using var secretariatUs = await Client(factory, "secretariat.us@demo.tandem");
        using var contributor = await Client(factory, "contributor@demo.tandem");

        var filed = await meti.PostAsJsonAsync(new Uri("/api/v1/notices", UriKind.Relative), NoticeTests.NoticeBody("Neon supply halted at a Japanese plant"));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var notice = await filed.Content.ReadFromJsonAsync<JsonElement>();
        var link = $"/notices/{notice.GetProperty("id").GetGuid()}";

        Assert.Contains(await Inbox(doc), n => n.GetProperty("link").GetString() == link && n.GetProperty("kind").GetString() == NotificationKinds.NoticeFiled);
        Assert.Contains(await Inbox(secretariatUs), n => n.GetProperty("link").GetString() == link);
        Assert.DoesNotContain(await Inbox(meti), n => n.GetProperty("link").GetString() == link);
        Assert.DoesNotContain(await Inbox(contributor), n => n.GetProperty("link").GetString() == link);

        var noticeId = notice.GetProperty("id").GetGuid();
        var submitted = await factory.WithDb(db => db.Set<DisruptionNotice>().Where(n => n.Id == noticeId).Select(n => n.SubmittedAt).SingleAsync());
        var dayNine = new ManualClock(new DateTimeOffset(submitted.AddDays(9), TimeSpan.Zero));
        var dayTen = new ManualClock(new DateTimeOffset(submitted.AddDays(10), TimeSpan.Zero));
        await factory.WithDb(db => NotificationJobs.RunOnce(db, new MailOptions(), dayNine, "web-1", CancellationToken.None));
        var beforeDayTen = (await Inbox(doc)).Count(n => n.GetProperty("kind").GetString() == NotificationKinds.NoticeDeadline && n.GetProperty("link").GetString() == link);
        await factory.WithDb(db => NotificationJobs.RunOnce(db, new MailOptions(), dayTen, "web-1", CancellationToken.None));
        await factory.WithDb(db => NotificationJobs.RunOnce(db, new MailOptions(), dayTen, "web-2", CancellationToken.None));

        Assert.Equal(0, beforeDayTen);
        Assert.Single(await Inbox(doc), n => n.GetProperty("kind").GetString() == NotificationKinds.NoticeDeadline && n.GetProperty("link").GetString() == link);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CommitmentOfAnAgency_DueSoonThenOverdue_TellsItsPeopleOnceEach(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var meti = await Client(factory, "officer.meti@demo.tandem");
        using var doc = await Client(factory, "officer.doc@demo.tandem");
        var today = new DateOnly(2030, 6, 1);
        var commitment = await factory.WithDb(async db =>
        {
            var metiId = await db.Agencies.Where(a => a.Code == "METI").Select(a => a.Id).SingleAsync();
            var chosen = await db.Set<Commitment>().Include(c => c.Responsibilities).OrderBy(c => c.Code).FirstAsync();
            chosen.Responsibilities.RemoveAll(r => r.AgencyId != metiId);
            if (chosen.Responsibilities.Count == 0)
            {
                chosen.Responsibilities.Add(new CommitmentResponsibility { CommitmentId = chosen.Id, Party = "JPN", AgencyId = metiId, Role = ResponsibilityRole.Lead });
            }

            chosen.DueDate = today.AddDays(10);
            chosen.Status = CommitmentStatus.InProgress;
            await db.SaveChangesAsync();
            return chosen.Id;
        });
        var morning = new DateTimeOffset(today.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);

        await factory.WithDb(db => NotificationJobs.RunOnce(db, new MailOptions(), new ManualClock(morning), "web-1", CancellationToken.None));
        await factory.WithDb(db => NotificationJobs.RunOnce(db, new MailOptions(), new ManualClock(morning.AddHours(1)), "web-1", CancellationToken.None));
        await factory.WithDb(db => NotificationJobs.RunOnce(db, new MailOptions(), new ManualClock(morning.AddDays(11)), "web-1", CancellationToken.None));
        await factory.WithDb(db => NotificationJobs.RunOnce(db, new MailOptions(), new ManualClock(morning.AddDays(12)), "web-1", CancellationToken.None));

        var link = $"/commitments/{commitment}";
        var inbox = await Inbox(meti);
        Assert.Single(inbox, n => n.GetProperty("link").GetString() == link && n.GetProperty("kind").GetString() == NotificationKinds.CommitmentDueSoon);
        Assert.Single(inbox, n => n.GetProperty("link").GetString() == link && n.GetProperty("kind").GetString() == NotificationKinds.CommitmentOverdue);
        Assert.DoesNotContain(await Inbox(doc), n => n.GetProperty("link").GetString() == link);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SecretariatRequestsProgress_TheResponsibleAgencysPeopleAreAskedAndNobodyElse(string provider)
    {
        await using var factory = new TandemFactory(provider, demo: true);
        using var secretariat = await Client(factory, "secretariat.us@demo.tandem");
        using var meti = await Client(factory, "officer.meti@demo.tandem");
        using var doc = await Client(factory, "officer.doc@demo.tandem");
        var (open, completed) = await factory.WithDb(async db =>
        {
            var metiId = await db.Agencies.Where(a => a.Code == "METI").Select(a => a.Id).SingleAsync();
            var two = await db.Set<Commitment>().Include(c => c.Responsibilities).OrderBy(c => c.Code).Take(2).ToListAsync();
            foreach (var chosen in two)
            {
                chosen.Responsibilities.RemoveAll(r => r.AgencyId != metiId);
                if (chosen.Responsibilities.Count == 0)
                {
                    chosen.Responsibilities.Add(new CommitmentResponsibility { CommitmentId = chosen.Id, Party = "JPN", AgencyId = metiId, Role = ResponsibilityRole.Lead });
                }
            }

            two[0].Status = CommitmentStatus.InProgress;
            two[1].Status = CommitmentStatus.Completed;
            await db.SaveChangesAsync();
            return (two[0].Id, two[1].Id);
        });

        using var asked = await secretariat.PostAsJsonAsync(new Uri($"/api/v1/commitments/{open}/progress-requests", UriKind.Relative), new { note = "Before the vice-ministerial, please." });
        using var byOfficer = await meti.PostAsJsonAsync(new Uri($"/api/v1/commitments/{open}/progress-requests", UriKind.Relative), new { note = "" });
        using var whenDone = await secretariat.PostAsJsonAsync(new Uri($"/api/v1/commitments/{completed}/progress-requests", UriKind.Relative), new { note = "" });

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var answer = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("notified").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, whenDone.StatusCode);
        var link = $"/commitments/{open}";
        var request = Assert.Single(await Inbox(meti), n => n.GetProperty("link").GetString() == link && n.GetProperty("kind").GetString() == NotificationKinds.ProgressRequested);
        Assert.Contains("Before the vice-ministerial, please.", request.GetProperty("titleEn").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Inbox(doc), n => n.GetProperty("kind").GetString() == NotificationKinds.ProgressRequested);
        Assert.DoesNotContain(await Inbox(meti), n => n.GetProperty("link").GetString() == $"/commitments/{completed}" && n.GetProperty("kind").GetString() == NotificationKinds.ProgressRequested);
        Assert.Equal(1, await factory.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == "request-progress" && a.ObjectId == open.ToString("D"))));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Notifications;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing;

namespace Tandem.Web.Tests.Notifications;

/// <summary>
/// Notifications reach people in Tandem and by e-mail through a real SMTP server: only those who may read the record,
/// without AMBER titles in the mail, once each even through outages and with two instances, grouped in digests on request.
/// </summary>
public sealed class NotificationMailTests
{
    private const string AmberTitle = "Photoresist stockpile negotiating margin (AMBER test)";
    private const string UsOnlyTitle = "U.S.-only gallium reserve figures (test)";
    private static readonly DateTimeOffset Monday = new(2030, 3, 4, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AmberDocumentSharedWithMeti_MetiOfficerSeesItInInboxAndGetsMailWithoutItsTitle(string provider)
    {
        await using var smtp = new TestSmtp().Start();
        await using var factory = new TandemFactory(provider, demo: true, settings: smtp.Settings(background: true));
        using var doc = await Client(factory, "officer.doc@demo.tandem");
        using var meti = await Client(factory, "officer.meti@demo.tandem");

        var shared = await DocumentKit.UploadOk(doc, AmberTitle, new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });
        var usOnly = await DocumentKit.UploadOk(doc, UsOnlyTitle, new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI", ["releasableTo"] = "USA" });

        var inbox = await Inbox(meti);
        var notice = Assert.Single(inbox, n => n.GetProperty("link").GetString() == $"/documents/{shared.Id}");
        Assert.Equal(NotificationKinds.DocumentShared, notice.GetProperty("kind").GetString());
        Assert.Contains(AmberTitle, notice.GetProperty("titleEn").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(inbox, n => n.GetProperty("link").GetString() == $"/documents/{usOnly.Id}");
        var mail = await smtp.WaitFor("officer.meti@demo.tandem", m => Text(m).Contains($"/documents/{shared.Id}", StringComparison.Ordinal));
        Assert.NotNull(mail);
        Assert.DoesNotContain(AmberTitle, Text(mail), StringComparison.Ordinal);
        Assert.DoesNotContain(AmberTitle, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("1 restricted document shared with you", Text(mail), StringComparison.Ordinal);
        Assert.Contains($"https://tandem.test/documents/{shared.Id}", Text(mail), StringComparison.Ordinal);
        Assert.DoesNotContain(smtp.Received, m => Text(m).Contains(usOnly.Id.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == "officer.doc@demo.tandem") && Text(m).Contains(shared.Id.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SmtpDownThenUp_MessageWaitsInTheOutboxAndIsDeliveredOnce(string provider)
    {
        var smtp = new TestSmtp();
        await using var factory = new TandemFactory(provider);
        var user = await World(factory);
        var clock = new ManualClock(Monday);
        await Notify(factory, user.Id, Monday.UtcDateTime, "Green paper", restricted: false);

        var whileDown = await Run(factory, smtp.Options(), clock, "web-1");
        var waiting = await factory.WithDb(db => db.Set<OutboxMail>().SingleAsync());
        await using var up = smtp.Start();
        var tooEarly = await Run(factory, smtp.Options(), clock, "web-1");
        clock.Now += MailOutboxSender.Backoff(1) + TimeSpan.FromSeconds(1);
        var retried = await Run(factory, smtp.Options(), clock, "web-1");
        clock.Now += TimeSpan.FromHours(2);
        var again = await Run(factory, smtp.Options(), clock, "web-1");

        Assert.Equal(0, whileDown);
        Assert.Null(waiting.SentAt);
        Assert.Equal(1, waiting.Attempts);
        Assert.NotEmpty(waiting.LastError);
        Assert.Equal(0, tooEarly);
        Assert.Equal(1, retried);
        Assert.Equal(0, again);
        var mail = Assert.Single(smtp.Received);
        Assert.Contains("Green paper", Text(mail), StringComparison.Ordinal);
        Assert.NotNull((await factory.WithDb(db => db.Set<OutboxMail>().SingleAsync())).SentAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoSendersOnOneDatabase_EachMessageIsDeliveredOnce(string provider)
    {
        await using var smtp = new TestSmtp().Start();
        await using var factory = new TandemFactory(provider);
        var user = await World(factory);
        for (var i = 0; i < 12; i++)
        {
            await Notify(factory, user.Id, Monday.UtcDateTime, $"Paper {i:D2}", restricted: false);
        }

        var clock = new ManualClock(Monday);
        var sent = 0;
        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Run(factory, smtp.Options(), clock, "web-1"), Run(factory, smtp.Options(), clock, "web-2"));
            sent += results.Sum();
        }

        Assert.Equal(12, sent);
        Assert.Equal(12, smtp.Received.Count);
        Assert.Equal(12, smtp.Received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(12, smtp.Received.Select(m => Text(m).Split('\n').First(l => l.Contains("Paper", StringComparison.Ordinal))).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DailyDigest_GroupsTheDaysNotificationsInOneMessageInTheUsersLanguage(string provider)
    {
        await using var smtp = new TestSmtp().Start();
        await using var factory = new TandemFactory(provider);
        var user = await World(factory);
        await factory.WithDb(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == user.Id)).PreferredCulture = "ja";
            await db.SaveChangesAsync();
        });
        using var client = factory.ClientFor(user);
        var put = await client.PutAsJsonAsync(new Uri("/api/v1/me/notification-preferences", UriKind.Relative), new
        {
            deliveries = new Dictionary<string, string> { [NotificationKinds.DocumentShared] = "DailyDigest", [NotificationKinds.MeetingChanged] = "DailyDigest" },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await Notify(factory, user.Id, Monday.UtcDateTime, "Secret margin A", restricted: true);
        await Notify(factory, user.Id, Monday.UtcDateTime, "Secret margin B", restricted: true);
        await Notify(factory, user.Id, Monday.UtcDateTime, "Plenary moved", restricted: false, kind: NotificationKinds.MeetingChanged);
        var clock = new ManualClock(Monday.AddMinutes(5));

        var sameDay = await Run(factory, smtp.Options(), clock, "web-1");
        clock.Now = Monday.Date.AddDays(1).AddHours(7).AddMinutes(1);
        var nextMorning = await Run(factory, smtp.Options(), clock, "web-1");
        clock.Now += TimeSpan.FromHours(1);
        var later = await Run(factory, smtp.Options(), clock, "web-1");

        Assert.Equal(0, sameDay);
        Assert.Equal(1, nextMorning);
        Assert.Equal(0, later);
        var digest = Assert.Single(smtp.Received);
        Assert.Contains("本日のまとめ", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("制限付き文書 2 件があなたに共有されました", Text(digest), StringComparison.Ordinal);
        Assert.Contains("Plenary moved", Text(digest), StringComparison.Ordinal);
        Assert.DoesNotContain("Secret margin", Text(digest), StringComparison.Ordinal);
        Assert.Contains("https://tandem.test/notifications", Text(digest), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PreferenceOff_SendsNoMailButTheInboxShowsIt(string provider)
    {
        await using var smtp = new TestSmtp().Start();
        await using var factory = new TandemFactory(provider);
        var meti = await World(factory);
        var doc = await factory.CreateUser("doc@mail.test", "DOC", Roles.Member);
        using var metiClient = factory.ClientFor(meti);
        using var docClient = factory.ClientFor(doc);
        var off = await metiClient.PutAsJsonAsync(new Uri("/api/v1/me/notification-preferences", UriKind.Relative), new
        {
            deliveries = new Dictionary<string, string> { [NotificationKinds.DocumentShared] = "Off" },
        });
        var unknown = await metiClient.PutAsJsonAsync(new Uri("/api/v1/me/notification-preferences", UriKind.Relative), new
        {
            deliveries = new Dictionary<string, string> { ["document.burned"] = "Off" },
        });
        var shared = await DocumentKit.UploadOk(docClient, "Quietly shared", new Dictionary<string, string> { ["level"] = "Amber", ["recipientAgencies"] = "METI" });

        var sent = await Run(factory, smtp.Options(), new ManualClock(DateTimeOffset.UtcNow), "web-1");

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var settings = await (await metiClient.GetAsync(new Uri("/api/v1/me/notification-preferences", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Off", settings.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == NotificationKinds.DocumentShared).GetProperty("delivery").GetString());
        Assert.Equal(0, sent);
        Assert.Empty(smtp.Received);
        Assert.Contains(await Inbox(metiClient), n => n.GetProperty("link").GetString() == $"/documents/{shared.Id}");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NoMailServerConfigured_NothingIsQueuedOrSentAndNothingFails(string provider)
    {
        await using var factory = new TandemFactory(provider);
        var user = await World(factory);
        await Notify(factory, user.Id, DateTime.UtcNow, "Green paper", restricted: false);

        var sent = await Run(factory, new MailOptions(), new ManualClock(DateTimeOffset.UtcNow), "web-1");

        Assert.Equal(0, sent);
        Assert.Equal(0, await factory.WithDb(db => db.Set<OutboxMail>().CountAsync()));
        Assert.Equal(MailState.Pending, await factory.WithDb(db => db.Set<Notification>().Select(n => n.MailState).SingleAsync()));
    }

    internal static string Text(MimeKit.MimeMessage? message) => message?.TextBody ?? "";

    internal static async Task<HttpClient> Client(TandemFactory factory, string email)
    {
        var secret = await factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return (await PersonalAccessTokens.Create(db, user.Id, "notification test", null, TokenScopes.Admin, DateTime.UtcNow, CancellationToken.None)).Value.Secret;
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    internal static async Task<List<JsonElement>> Inbox(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/notifications?pageSize=100", UriKind.Relative));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<TestUser> World(TandemFactory factory)
    {
        await DocumentKit.AddWorld(factory);
        return await factory.CreateUser("meti@mail.test", "METI", Roles.Member);
    }

    private static Task Notify(TandemFactory factory, Guid user, DateTime at, string title, bool restricted, string kind = NotificationKinds.DocumentShared) =>
        factory.WithDb(async db =>
        {
            NotificationUseCases.Send(db, [user], kind, title, title, "/documents", at, restricted);
            await db.SaveChangesAsync();
        });

    private static Task<int> Run(TandemFactory factory, MailOptions options, TimeProvider clock, string owner) =>
        factory.WithDb(db => NotificationJobs.RunOnce(db, options, clock, owner, CancellationToken.None));
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Demo;
using Tandem.Core.Notifications;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Ui;

public sealed class NotificationsLinkTests
{
    [Fact]
    public async Task Header_SignedInWithUnreadNotifications_LinksToThemWithTheCountInBothLanguages()
    {
        await using var factory = new TandemFactory(TestDatabase.Sqlite, demo: true);
        var meti = await factory.WithDb(db => db.Users.Where(u => u.Email == "officer.meti@demo.tandem").Select(u => u.Id).SingleAsync());
        var unread = await factory.WithDb(async db =>
        {
            var now = DateTime.UtcNow;
            db.Set<Notification>().AddRange(
                new Notification { UserId = meti, Kind = "test", TitleEn = "First", TitleJa = "一", Link = "/", CreatedAt = now },
                new Notification { UserId = meti, Kind = "test", TitleEn = "Second", TitleJa = "二", Link = "/", CreatedAt = now },
                new Notification { UserId = meti, Kind = "test", TitleEn = "Seen", TitleJa = "既読", Link = "/", CreatedAt = now, ReadAt = now });
            await db.SaveChangesAsync();
            return await db.Set<Notification>().CountAsync(n => n.UserId == meti && n.ReadAt == null);
        });
        using var english = new UiSession(factory);
        using var japanese = new UiSession(factory, culture: "ja-JP");
        using var anonymous = new UiSession(factory);
        await english.SignIn("officer.meti@demo.tandem", DemoScenario.Password);
        await japanese.SignIn("officer.meti@demo.tandem", DemoScenario.Password);

        var page = await english.Get("/forums");
        var pageJa = await japanese.Get("/forums");
        await english.Submit("/notifications", "read-all", []);
        var afterReading = await english.Get("/forums");
        var signIn = await anonymous.Get("/account/sign-in");

        Assert.True(unread >= 2);
        Assert.Contains("href=\"/notifications\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($">{unread}</span>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"{unread} unread", page.Text, StringComparison.Ordinal);
        Assert.Contains($"未読 {unread} 件", pageJa.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/notifications\"", afterReading.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(" unread", afterReading.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/notifications\"", signIn.Html, StringComparison.Ordinal);
    }
}

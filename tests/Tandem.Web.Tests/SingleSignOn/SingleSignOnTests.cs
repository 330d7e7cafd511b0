using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Web.Api;
using Tandem.Web.Infrastructure;
using Tandem.Web.Tests.Browser;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Security;

namespace Tandem.Web.Tests.SingleSignOn;

/// <summary>
/// Tandem (with the demo forum) and a test ministry directory, both listening on loopback ports. Two providers point at
/// the same directory: "Test" links existing accounts only, "Open" may also create them.
/// </summary>
public sealed class SingleSignOnFixture : IAsyncLifetime
{
    public const string DirectoryPassword = "directory-pass-1";

    public static readonly DirectoryPerson MetiOfficer = new("meti.officer", DirectoryPassword, "sub-meti-officer", "officer.meti@demo.tandem", true, "METI officer", ["meti-staff"], ["staff"]);
    public static readonly DirectoryPerson Unverified = new("unverified", DirectoryPassword, "sub-unverified", "secretariat.jp@demo.tandem", false, "MOFA secretariat", ["mofa-staff"], ["staff"]);
    public static readonly DirectoryPerson Newcomer = new("newcomer", DirectoryPassword, "sub-newcomer", "newcomer@meti.example", true, "New METI officer", ["meti-staff"], ["staff"]);
    public static readonly DirectoryPerson Creator = new("creator", DirectoryPassword, "sub-creator", "creator@meti.example", true, "Analyst from the directory", ["meti-staff"], ["analysis"]);
    public static readonly DirectoryPerson Stranger = new("stranger", DirectoryPassword, "sub-stranger", "stranger@meti.example", true, "Unmapped office", ["unknown-office"], ["staff"]);
    public static readonly DirectoryPerson SecondFactor = new("second.factor", DirectoryPassword, "sub-second-factor", "tfa@meti.example", true, "Has an authenticator", ["meti-staff"], ["staff"]);
    public static readonly DirectoryPerson OtherParty = new("other.party", DirectoryPassword, "sub-other-party", "person@state.example", true, "Mapped to a U.S. agency", ["state-dept"], ["staff"]);

    public TestIdentityProvider Directory { get; private set; } = default!;

    public TandemFactory Tandem { get; private set; } = default!;

    public Uri TandemAddress => Tandem.ServerAddress;

    public async Task InitializeAsync()
    {
        Directory = await TestIdentityProvider.Start([MetiOfficer, Unverified, Newcomer, Creator, Stranger, OtherParty, SecondFactor]);
        var settings = new Dictionary<string, string?> { ["Tandem:Security:AllowInsecureHttp"] = "true" };
        foreach (var (index, name, create) in new[] { (0, "Test", false), (1, "Open", true) })
        {
            var p = $"Tandem:Oidc:Providers:{index}:";
            settings[p + "Name"] = name;
            settings[p + "DisplayName"] = name + " directory";
            settings[p + "Authority"] = Directory.Address.ToString();
            settings[p + "ClientId"] = "tandem-" + name.ToLowerInvariant();
            settings[p + "ClientSecret"] = "secret-" + name;
            settings[p + "Party"] = "JPN";
            settings[p + "AgencyClaim"] = "agency";
            settings[p + "RoleClaim"] = "role";
            settings[p + "AllowAccountCreation"] = create ? "true" : "false";
            settings[p + "AgencyMap:0:Value"] = "meti-staff";
            settings[p + "AgencyMap:0:Agency"] = "METI";
            settings[p + "AgencyMap:1:Value"] = "mofa-staff";
            settings[p + "AgencyMap:1:Agency"] = "MOFA";

            // A U.S. agency in a Japanese directory's map: a wrong mapping must still not let it sign anyone into the U.S. side.
            settings[p + "AgencyMap:2:Value"] = "state-dept";
            settings[p + "AgencyMap:2:Agency"] = "DOS";
            settings[p + "RoleMap:0:Value"] = "staff";
            settings[p + "RoleMap:0:Role"] = "Member";
            settings[p + "RoleMap:1:Value"] = "analysis";
            settings[p + "RoleMap:1:Role"] = "Analyst";
        }

        Tandem = new BrowserAppFactory(settings);
        Tandem.UseKestrel(0);
        Tandem.StartServer();
        var withAuthenticator = await Tandem.CreateUser(SecondFactor.Email, "METI", Core.Accounts.Roles.Member);
        await Tandem.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == withAuthenticator.Id);
            user.TwoFactorEnabled = true;
            await db.SaveChangesAsync();
        });
        foreach (var name in new[] { "Test", "Open" })
        {
            await Directory.RegisterClient("tandem-" + name.ToLowerInvariant(), "secret-" + name, new Uri(TandemAddress, "/signin-oidc/" + name));
        }
    }

    public async Task DisposeAsync()
    {
        await Tandem.DisposeAsync();
        await Directory.DisposeAsync();
    }
}

/// <summary>Single sign-on through a party's OpenID Connect directory, end to end, in a browser and over HTTP.</summary>
public sealed class SingleSignOnTests(SingleSignOnFixture world, BrowserFixture browser) : IClassFixture<SingleSignOnFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Browser_ProviderButton_SignsInAtTheDirectoryAndLandsAsTheLinkedAccount()
    {
        var page = await browser.NewPage(world.Tandem);
        await page.GotoAsync("/account/sign-in");
        await page.ClickAsync("#sign-in-with-Test");

        // At the directory: its own login form, on its own address.
        try
        {
            await page.WaitForURLAsync(url => url.StartsWith(world.Directory.Address.ToString(), StringComparison.Ordinal) && url.Contains("/login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"The provider button led to {page.Url}: {await page.Locator("body").InnerTextAsync()}", e);
        }

        await page.FillAsync("#username", SingleSignOnFixture.MetiOfficer.Login);
        await page.FillAsync("#password", SingleSignOnFixture.MetiOfficer.Password);
        await page.ClickAsync("#directory-sign-in");

        await page.WaitForURLAsync(url => url.StartsWith(world.TandemAddress.ToString(), StringComparison.Ordinal) && !url.Contains("/account/", StringComparison.Ordinal));
        await BrowserFixture.Screenshot(page, "sso-signed-in");
        await page.GotoAsync("/account");
        Assert.Contains("officer.meti@demo.tandem", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var me = System.Text.Json.JsonSerializer.Deserialize<MeDto>(await (await page.APIRequest.GetAsync("/api/v1/me")).TextAsync(), System.Text.Json.JsonSerializerOptions.Web);
        Assert.Equal("officer.meti@demo.tandem", me!.Email);
        Assert.Equal("METI", me.AgencyCode);

        // Linked once, by the verified e-mail, and both the link and the sign-in are in the audit trail in the person's name.
        var user = await FindUser("officer.meti@demo.tandem");
        var logins = await world.Tandem.WithDb(db => db.UserLogins.Where(l => l.UserId == user!.Id).ToListAsync());
        Assert.Equal(SingleSignOnFixture.MetiOfficer.Subject, Assert.Single(logins, l => l.LoginProvider == "Test").ProviderKey);
        var entries = await SecurityKit.AuditEntries(world.Tandem, e => e.ActorUserId == user!.Id && e.Details.Contains("Test", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditAction.LinkLogin && e.Decision == AuditDecision.Allowed && e.ActorAgency == "METI");
        Assert.Contains(entries, e => e.Action == AuditAction.SignIn && e.Decision == AuditDecision.Allowed && e.Details.StartsWith("single sign-on with Test", StringComparison.Ordinal));
        Assert.True((await world.Tandem.WithDb(db => VerifyAuditChain.Handle(db, world.Tandem.Services.GetRequiredService<AuditSigner>(), CancellationToken.None))).Intact);

        // A second sign-in goes straight through the link: no second link is made.
        var again = await SignInOverHttp("Test", SingleSignOnFixture.MetiOfficer);
        Assert.Equal("/", again.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Single(await world.Tandem.WithDb(db => db.UserLogins.Where(l => l.UserId == user!.Id).ToListAsync()));
    }

    [Fact]
    public async Task UnverifiedEmail_MatchingAnAccount_IsNotLinkedAndIsRefused()
    {
        var response = await SignInOverHttp("Test", SingleSignOnFixture.Unverified);

        await AssertRefused(response, ExternalSignIn.Refusal.UnverifiedEmail, "has not verified your e-mail address");
        var user = await FindUser("secretariat.jp@demo.tandem");
        Assert.Empty(await world.Tandem.WithDb(db => db.UserLogins.Where(l => l.UserId == user!.Id).ToListAsync()));
        Assert.Contains(await SecurityKit.AuditEntries(world.Tandem), e => e.Action == AuditAction.SignIn && e.Decision == AuditDecision.Denied
            && e.ActorName == "secretariat.jp@demo.tandem" && e.Details.Contains("UnverifiedEmail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewPerson_WhereCreationIsNotAllowed_IsRefusedAndNoAccountIsCreated()
    {
        var response = await SignInOverHttp("Test", SingleSignOnFixture.Newcomer);

        await AssertRefused(response, ExternalSignIn.Refusal.NoAccount, "There is no Tandem account for your e-mail address");
        Assert.Null(await FindUser(SingleSignOnFixture.Newcomer.Email));
        Assert.Contains(await SecurityKit.AuditEntries(world.Tandem), e => e.Action == AuditAction.SignIn && e.Decision == AuditDecision.Denied
            && e.ActorName == SingleSignOnFixture.Newcomer.Email && e.Details.Contains("NoAccount", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewPerson_WhereCreationIsAllowed_GetsAgencyAndRoleFromTheMappedClaims()
    {
        using var client = NewBrowser();
        var response = await SignInOverHttp("Open", SingleSignOnFixture.Creator, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/", response.RequestMessage!.RequestUri!.AbsolutePath);
        var me = await client.GetFromJsonAsync<MeDto>(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(SingleSignOnFixture.Creator.Email, me!.Email);
        Assert.Equal("METI", me.AgencyCode);
        Assert.Equal([Roles.Analyst], me.Roles);
        var user = await FindUser(SingleSignOnFixture.Creator.Email);
        Assert.NotNull(user);
        var (agency, roles) = await world.Tandem.WithDb(async db =>
        {
            var code = await db.Agencies.Where(a => a.Id == user!.AgencyId).Select(a => a.Code).SingleAsync();
            var names = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user!.Id select r.Name!).ToListAsync();
            return (code, names);
        });
        Assert.Equal("METI", agency);
        Assert.Equal([Roles.Analyst], roles);
        Assert.Equal("Analyst from the directory", user!.DisplayName);
        var entries = await SecurityKit.AuditEntries(world.Tandem, e => e.ObjectId == user.Id.ToString("D"));
        Assert.Contains(entries, e => e.Action == AuditAction.Admin && e.Details.Contains("at first single sign-on with Open", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditAction.LinkLogin);
        Assert.Contains(entries, e => e.Action == AuditAction.SignIn && e.Decision == AuditDecision.Allowed);
    }

    [Fact]
    public async Task UnmappedAgency_IsRefusedWithAPageSayingSo()
    {
        var response = await SignInOverHttp("Open", SingleSignOnFixture.Stranger);

        await AssertRefused(response, ExternalSignIn.Refusal.NoAgency, "names no agency that single sign-on is set up for");
        Assert.Null(await FindUser(SingleSignOnFixture.Stranger.Email));
    }

    [Fact]
    public async Task AgencyOfAnotherParty_EvenWhenMapped_IsRefused()
    {
        var response = await SignInOverHttp("Open", SingleSignOnFixture.OtherParty);

        await AssertRefused(response, ExternalSignIn.Refusal.NoAgency, "names no agency that single sign-on is set up for");
        Assert.Null(await FindUser(SingleSignOnFixture.OtherParty.Email));
    }

    [Fact]
    public async Task AccountWithASecondFactor_AfterTheDirectory_IsAskedForItsCode()
    {
        using var client = NewBrowser();
        var response = await SignInOverHttp("Test", SingleSignOnFixture.SecondFactor, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/account/two-factor-sign-in", response.RequestMessage!.RequestUri!.AbsolutePath);
        using var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task CallbackTheDirectoryNeverIssued_IsRefusedAndAudited()
    {
        using var client = NewBrowser();
        using var response = await client.GetAsync(new Uri("/signin-oidc/Test?code=forged&state=forged", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/account/external/refused", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(await SecurityKit.AuditEntries(world.Tandem), e => e.Action == AuditAction.SignIn && e.Decision == AuditDecision.Denied
            && e.ActorName == "Test" && e.Details.StartsWith("single sign-on with Test failed", StringComparison.Ordinal));
    }

    private static async Task AssertRefused(HttpResponseMessage response, ExternalSignIn.Refusal reason, string explanation)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/account/external/refused", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("reason=" + reason, response.RequestMessage.RequestUri.Query, StringComparison.Ordinal);
        Assert.Contains(explanation, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>A cookie jar that follows redirects, across Tandem's and the directory's ports (both on 127.0.0.1).</summary>
    private HttpClient NewBrowser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, UseCookies = true }, disposeHandler: true) { BaseAddress = world.TandemAddress };

    private Task<TandemUser?> FindUser(string email) => world.Tandem.WithDb(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email));

    /// <summary>
    /// What a browser does, over plain HTTP with a cookie jar: press the provider's button on Tandem's sign-in page,
    /// log in at the directory, follow every redirect back. Answers the last response.
    /// </summary>
    private async Task<HttpResponseMessage> SignInOverHttp(string provider, DirectoryPerson person, HttpClient? browserClient = null)
    {
        using var own = browserClient is null ? NewBrowser() : null;
        var client = browserClient ?? own!;
        var signInPage = await (await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative))).Content.ReadAsStringAsync();
        var fields = SecurityKit.FormFields(signInPage);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = fields["__RequestVerificationToken"], ["returnUrl"] = "/" };
        var login = await client.PostAsync(new Uri($"/account/external/{provider}", UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var loginUri = login.RequestMessage!.RequestUri!;
        Assert.Equal(world.Directory.Address.Port, loginUri.Port);
        var returnUrl = System.Text.RegularExpressions.Regex.Match(await login.Content.ReadAsStringAsync(), "name=\"ReturnUrl\" value=\"([^\"]*)\"").Groups[1].Value;
        return await client.PostAsync(new Uri(loginUri, "/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = WebUtility.HtmlDecode(returnUrl),
            ["username"] = person.Login,
            ["password"] = person.Password,
        }));
    }
}

using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Tandem.Web.Tests.SingleSignOn;

/// <summary>A person in the test directory: how they log in there, and the claims the directory asserts about them.</summary>
public sealed record DirectoryPerson(string Login, string Password, string Subject, string Email, bool EmailVerified, string Name, string[] Agencies, string[] Roles);

/// <summary>
/// A real OpenID Connect provider (OpenIddict server, authorization code flow with PKCE) on a free loopback port, with
/// a plain login form for its own people: what a ministry's directory is to Tandem, small enough for a test.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private const string SessionScheme = "directory-session";
    private readonly WebApplication _app;
    private readonly string _folder;

    private TestIdentityProvider(WebApplication app, string folder, IReadOnlyList<DirectoryPerson> people)
    {
        _app = app;
        _folder = folder;
        People = people;
    }

    public IReadOnlyList<DirectoryPerson> People { get; }

    public Uri Address => new(_app.Urls.First().TrimEnd('/') + "/");

    public static async Task<TestIdentityProvider> Start(IReadOnlyList<DirectoryPerson> people)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tandem-tests", "idp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = folder });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<DirectoryDb>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "directory.db")};Pooling=false").UseOpenIddict());
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "directory-session";
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DirectoryDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/login", (HttpContext http) =>
        {
            var back = WebUtility.HtmlEncode(http.Request.Query["ReturnUrl"].ToString());
            return Results.Content($"""
                <!doctype html><html lang="en"><head><title>Test directory</title></head><body>
                <h1>Test directory</h1>
                <form method="post" action="/login">
                  <input type="hidden" name="ReturnUrl" value="{back}">
                  <label for="username">Login</label> <input id="username" name="username">
                  <label for="password">Password</label> <input id="password" name="password" type="password">
                  <button type="submit" id="directory-sign-in">Sign in</button>
                </form></body></html>
                """, "text/html");
        });
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var person = people.FirstOrDefault(p => p.Login == form["username"] && p.Password == form["password"]);
            if (person is null)
            {
                return Results.Content("Wrong login or password", "text/plain", statusCode: 401);
            }

            await http.SignInAsync(SessionScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, person.Login)], SessionScheme)));
            var back = form["ReturnUrl"].ToString();
            return Results.Redirect(back.StartsWith('/') ? back : "/");
        });
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var session = await http.AuthenticateAsync(SessionScheme);
            if (!session.Succeeded)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [SessionScheme]);
            }

            var person = people.Single(p => p.Login == session.Principal!.Identity!.Name);
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, person.Subject)
                .SetClaim(Claims.Email, person.Email)
                .SetClaim(Claims.EmailVerified, person.EmailVerified)
                .SetClaim(Claims.Name, person.Name);
            identity.SetClaims("agency", [.. person.Agencies]);
            identity.SetClaims(Claims.Role, [.. person.Roles]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DirectoryDb>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new TestIdentityProvider(app, folder, people);
    }

    /// <summary>Registers a relying party (Tandem) that may send people back to <paramref name="redirectUri"/>.</summary>
    public async Task RegisterClient(string clientId, string secret, Uri redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the temp folder's cleaning.
        }
    }

    private sealed class DirectoryDb(DbContextOptions<DirectoryDb> options) : DbContext(options);
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// Sign-in through a party's OpenID Connect directory. The first sign-in links the directory account to the Tandem
/// account with the same e-mail, but only when the directory says it verified that e-mail; it creates an account only
/// where the provider allows it. The agency (and, for a new account, the roles) come from the directory's claims
/// through the configured mappings, never from what the person types. Every outcome is audited.
/// </summary>
public static class ExternalSignIn
{
    public const string CallbackPath = "/account/external/callback";

    private const string ProviderItem = "LoginProvider";

    /// <summary>Why a directory sign-in was refused; each has its own explanation on the refusal page.</summary>
    public enum Refusal
    {
        ProviderFailed,
        NoAgency,
        AgencyMismatch,
        UnverifiedEmail,
        NoAccount,
        NoRole,
        NotAllowed,
    }

    public static string RefusedPath(Refusal reason) => "/account/external/refused?reason=" + reason;

    public static void Map(IEndpointRouteBuilder app)
    {
        // A form post (antiforgery-checked) rather than a link: a cross-site page cannot start a sign-in for someone.
        app.MapPost("/account/external/{name}", (string name, [FromForm] string? returnUrl, OidcProviders providers, SignInManager<TandemUser> signIn) =>
        {
            if (providers.Find(name) is not { } provider)
            {
                return Results.NotFound();
            }

            var back = LocalUrl.IsLocal(returnUrl) ? returnUrl! : "/";
            var properties = signIn.ConfigureExternalAuthenticationProperties(provider.Scheme, $"{CallbackPath}?returnUrl={Uri.EscapeDataString(back)}");
            return Results.Challenge(properties, [provider.Scheme]);
        }).ExcludeFromDescription();

        app.MapGet(CallbackPath, async (string? returnUrl, HttpContext http) =>
            await Complete(http, LocalUrl.IsLocal(returnUrl) ? returnUrl! : "/")).ExcludeFromDescription();
    }

    private static async Task<IResult> Complete(HttpContext http, string returnUrl)
    {
        var services = http.RequestServices;
        var providers = services.GetRequiredService<OidcProviders>();
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var provider = external.Succeeded && external.Properties?.Items.TryGetValue(ProviderItem, out var scheme) == true ? providers.ForScheme(scheme) : null;
        if (provider is null || external.Principal is null)
        {
            return Results.Redirect(RefusedPath(Refusal.ProviderFailed));
        }

        var db = services.GetRequiredService<TandemDbContext>();
        var users = services.GetRequiredService<UserManager<TandemUser>>();
        var signIn = services.GetRequiredService<SignInManager<TandemUser>>();
        var claims = new DirectoryClaims(provider, external.Principal);
        var resolved = await Resolve(db, users, provider, claims, http.RequestAborted);
        if (resolved.Refusal is { } refusal)
        {
            await Audit(db, AuditAction.SignIn, resolved.User, claims, AuditDecision.Denied, $"single sign-on with {provider.Name} refused: {refusal}", http.RequestAborted);
            return Results.Redirect(RefusedPath(refusal));
        }

        var result = await signIn.ExternalLoginSignInAsync(provider.Name, claims.Subject, isPersistent: false, bypassTwoFactor: false);
        var user = resolved.User!;
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await Audit(db, AuditAction.SignIn, user, claims, AuditDecision.Allowed,
                $"single sign-on with {provider.Name}{(result.RequiresTwoFactor ? "; second factor required" : "")}", http.RequestAborted);
            return result.Succeeded
                ? Results.LocalRedirect(returnUrl)
                : Results.LocalRedirect($"/account/two-factor-sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        await Audit(db, AuditAction.SignIn, user, claims, AuditDecision.Denied,
            $"single sign-on with {provider.Name} refused: {(result.IsLockedOut ? "locked out" : "not allowed")}", http.RequestAborted);
        return Results.Redirect(RefusedPath(Refusal.NotAllowed));
    }

    private sealed record Resolution(TandemUser? User, Refusal? Refusal);

    /// <summary>Finds (or links, or creates) the Tandem account the directory's claims stand for, or says why not.</summary>
    private static async Task<Resolution> Resolve(TandemDbContext db, UserManager<TandemUser> users, OidcProvider provider, DirectoryClaims claims, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(claims.Subject))
        {
            return new(null, Refusal.ProviderFailed);
        }

        // Exactly one agency, and one of this directory's own party: a directory may not sign anyone into another party.
        var codes = provider.AgenciesFor(claims.Agencies);
        var agency = codes.Count == 1 ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == codes[0], ct) : null;
        var linked = await users.FindByLoginAsync(provider.Name, claims.Subject);
        if (agency is null || !string.Equals(agency.Party, provider.Party, StringComparison.OrdinalIgnoreCase))
        {
            return new(linked, Refusal.NoAgency);
        }

        if (linked is not null)
        {
            return new(linked, linked.AgencyId == agency.Id ? null : Refusal.AgencyMismatch);
        }

        if (string.IsNullOrWhiteSpace(claims.Email) || !claims.EmailVerified)
        {
            return new(null, Refusal.UnverifiedEmail);
        }

        var existing = await users.FindByEmailAsync(claims.Email);
        if (existing is not null)
        {
            if (existing.AgencyId != agency.Id)
            {
                return new(existing, Refusal.AgencyMismatch);
            }

            var added = await users.AddLoginAsync(existing, new UserLoginInfo(provider.Name, claims.Subject, provider.ButtonText));
            if (!added.Succeeded)
            {
                return new(existing, Refusal.ProviderFailed);
            }

            await Audit(db, AuditAction.LinkLogin, existing, claims, AuditDecision.Allowed,
                $"{provider.Name} account {Shorten(claims.Subject)} linked by verified e-mail", ct);
            return new(existing, null);
        }

        if (!provider.AllowAccountCreation)
        {
            return new(null, Refusal.NoAccount);
        }

        var roles = provider.RolesFor(claims.Roles);
        if (roles.Count == 0)
        {
            return new(null, Refusal.NoRole);
        }

        var user = new TandemUser
        {
            UserName = claims.Email,
            Email = claims.Email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(claims.Name) ? claims.Email : Shorten(claims.Name, 200),
            AgencyId = agency.Id,
            CreatedAt = DateTime.UtcNow,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user);
            var withRoles = created.Succeeded ? await users.AddToRolesAsync(user, roles) : created;
            var withLogin = withRoles.Succeeded ? await users.AddLoginAsync(user, new UserLoginInfo(provider.Name, claims.Subject, provider.ButtonText)) : withRoles;
            if (!withLogin.Succeeded)
            {
                return new Resolution(null, Refusal.NoAccount);
            }

            db.Audit(AuditAction.Admin, "User", user.Id.ToString("D"),
                details: $"created {user.Email} in {agency.Code} as {string.Join("+", roles)} at first single sign-on with {provider.Name}");
            await Audit(db, AuditAction.LinkLogin, user, claims, AuditDecision.Allowed, $"{provider.Name} account {Shorten(claims.Subject)} linked to the new account", ct);
            await transaction.CommitAsync(ct);
            return new Resolution(user, null);
        });
    }

    /// <summary>Entries name the person by the account (when known) or by what the directory said, since nobody is signed in yet.</summary>
    private static async Task Audit(TandemDbContext db, string action, TandemUser? user, DirectoryClaims claims, string decision, string details, CancellationToken ct)
    {
        var entry = db.Audit(action, "User", user?.Id.ToString("D") ?? "", decision, details: Shorten(details, 2000));
        entry.ActorUserId = user?.Id;
        entry.ActorName = Shorten(user?.Email ?? claims.Email ?? $"{claims.Provider.Name}:{claims.Subject}", 256);
        entry.ActorAgency = user is null ? "" : await db.Agencies.IgnoreQueryFilters().Where(a => a.Id == user.AgencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
        await db.SaveChangesAsync(ct);
    }

    private static string Shorten(string value, int length = 64) => value.Length > length ? value[..length] : value;

    /// <summary>What the directory's ID token says, by the claim names of the OpenID Connect standard and of the provider's settings.</summary>
    private sealed class DirectoryClaims(OidcProvider provider, ClaimsPrincipal principal)
    {
        public OidcProvider Provider => provider;

        public string Subject { get; } = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

        public string? Email { get; } = (principal.FindFirstValue("email") ?? principal.FindFirstValue(ClaimTypes.Email))?.Trim();

        public bool EmailVerified { get; } = string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);

        public string? Name { get; } = principal.FindFirstValue("name");

        public IEnumerable<string> Agencies { get; } = [.. principal.FindAll(provider.AgencyClaim).Select(c => c.Value)];

        public IEnumerable<string> Roles { get; } = [.. principal.FindAll(provider.RoleClaim).Select(c => c.Value)];
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>Form posts that are not pages: sign out and switch language (both antiforgery-checked).</summary>
public static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", async ([FromForm] string? returnUrl, SignInManager<TandemUser> signIn, TandemDbContext db, HttpContext http) =>
        {
            var actor = http.User.ToActor();
            await signIn.SignOutAsync();
            if (actor.UserId is { } id)
            {
                // A new stamp invalidates every other copy of this session's cookie (SECURITY.md row 7).
                var users = http.RequestServices.GetRequiredService<UserManager<TandemUser>>();
                if (await users.FindByIdAsync(id.ToString()) is { } user)
                {
                    await users.UpdateSecurityStampAsync(user);
                }

                db.Audit(AuditAction.SignOut, "User", id.ToString("D"));
                await db.SaveChangesAsync();
            }

            return Results.LocalRedirect("/account/sign-in");
        }).ExcludeFromDescription();

        app.MapPost("/culture", ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext http) =>
        {
            if (!string.IsNullOrEmpty(returnUrl) && !LocalUrl.IsLocal(returnUrl))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["returnUrl"] = ["returnUrl must be a path on this site, starting with a single '/'."] },
                    title: "One or more fields are invalid.");
            }

            var chosen = TandemApp.Cultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "en";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl);
        }).ExcludeFromDescription();
    }
}

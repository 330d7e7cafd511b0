using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Web.Infrastructure;

namespace Tandem.Web.Api;

/// <summary>A new token: <paramref name="Scopes"/> is "read", "write" or "admin" (comma- or space-separated); empty means read and write.</summary>
public sealed record TokenRequest(string? Name, DateTime? ExpiresAt, string? Scopes = null);

public sealed record MeDto(Guid Id, string Email, string DisplayName, string AgencyCode, string Party, IReadOnlyList<string> Roles);

/// <summary>The caller's own account over HTTP: who am I, and my personal access tokens.</summary>
public static class AccountApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", (ClaimsPrincipal user) =>
        {
            var actor = user.ToActor();
            return TypedResults.Ok(new MeDto(actor.UserId ?? Guid.Empty, actor.Email ?? "", user.FindFirstValue("name") ?? "",
                user.FindFirstValue(TandemClaims.AgencyCode) ?? "", actor.Party ?? "", actor.Roles.Order(StringComparer.Ordinal).ToList()));
        }).WithTags("Account").WithName("GetMe");

        var tokens = api.MapGroup("/tokens").WithTags("Account");
        tokens.MapGet("/", async (ClaimsPrincipal user, TandemDbContext db, int? page, int? pageSize, CancellationToken ct) =>
            ApiSupport.PageOf(await PersonalAccessTokens.List(db, user.ToActor().UserId!.Value, ct), page, pageSize)).WithName("ListTokens").ProducesPage<TokenDto>();
        tokens.MapPost("/", async (TokenRequest request, ClaimsPrincipal user, TandemDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            // A stolen token must not be able to mint fresh ones that outlive its own revocation.
            if (TokenScopeClaims.IsToken(user))
            {
                db.Audit(AuditAction.Create, nameof(PersonalAccessToken), "", AuditDecision.Denied, details: "token creation with a token refused");
                await db.SaveChangesAsync(ct);
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign in to create tokens",
                    detail: "A token cannot create tokens; create one from a signed-in session (the tokens page, or the API with the session cookie).");
            }

            var result = await PersonalAccessTokens.Create(db, user.ToActor().UserId!.Value, request.Name, request.ExpiresAt, request.Scopes, clock.GetUtcNow().UtcDateTime, ct);
            return result.Succeeded ? Results.Created($"/api/v1/tokens/{result.Value.Token.Id}", result.Value) : result.Error!.ToProblem();
        }).WithName("CreateToken").WithSummary("Creates a token; its secret is returned once.").ProducesCreated<CreatedToken>();
        tokens.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, TandemDbContext db, AccessTokenCache cache, TimeProvider clock, CancellationToken ct) =>
        {
            var userId = user.ToActor().UserId!.Value;
            var result = await PersonalAccessTokens.Revoke(db, userId, id, clock.GetUtcNow().UtcDateTime, ct);

            // Only the token's id is known here, not its hash: forgetting all of the user's tokens costs one rebuild each.
            cache.InvalidateUser(userId);
            return result.Succeeded ? Results.NoContent() : result.Error!.ToProblem();
        }).WithName("RevokeToken").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using Microsoft.AspNetCore.Antiforgery;

namespace Tandem.Web.Api;

public static class TandemApi
{
    public static void MapTandemApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().ProducesAccessProblems();
        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(context);
                return TypedResults.Ok(new AntiforgeryTokenDto(tokens.HeaderName ?? "X-CSRF-TOKEN", tokens.RequestToken ?? ""));
            })
            .WithName("GetAntiforgeryToken").WithSummary("A token to send as X-CSRF-TOKEN on cookie-authenticated changes.");
        ForumModelApi.Map(api);
        AccountApi.Map(api);
        EvidenceApi.Map(api);
        DocumentsApi.Map(api);
        AuditApi.Map(api);
        MeetingsApi.Map(api);
        CommitmentsApi.Map(api);
        ComplianceApi.Map(api);
        ProgrammesApi.Map(api);
        NoticesApi.Map(api);
        ConsultationApi.Map(api);
        NotificationsApi.Map(api);
        SearchApi.Map(api);
        BriefingApi.Map(api);
        CalendarFeedApi.Map(app, api);
        MyWorkApi.Map(api);
    }
}

public sealed record AntiforgeryTokenDto(string HeaderName, string Token);

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tandem.Web.Infrastructure;

public static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Tandem API",
                Version = "v1",
                Description = "JSON API of Tandem, the economic-security coordination platform. Authenticate with a personal access token: Authorization: Bearer tdm_…",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal access token created with `tandem token create` or on the account page.",
            };
            return Task.CompletedTask;
        });
    }
}

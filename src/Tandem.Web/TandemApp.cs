using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Data;
using Tandem.Web.Api;
using Tandem.Web.Components;
using Tandem.Web.Infrastructure;

namespace Tandem.Web;

/// <summary>Composition of the web host: services, middleware order and endpoints, in one readable place.</summary>
public static class TandemApp
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("ja")];

    /// <summary>The build runs the app to write docs/api/openapi.json; it must not migrate or seed anything.</summary>
    private static bool IsOpenApiBuildTool => System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    public static WebApplication Build(string[] args)
    {
        // Settings and static files come from the build output, while relative data paths
        // (./data/tandem.db) resolve against the working directory, shared with the CLI.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        ConfigureServices(builder);
        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var database = DatabaseSettings.Parse(configuration[DatabaseSettings.ProviderKey], configuration.GetConnectionString("Tandem"));
        services.AddSingleton(database);
        var proxy = ProxySettings.Parse(configuration);
        services.AddSingleton(proxy);

        // Behind a proxy the public HTTPS port is not one Kestrel listens on: redirect plain HTTP to 443 unless told otherwise.
        services.AddHttpsRedirection(o => o.HttpsPort = configuration.GetValue<int?>("https_port") ?? (proxy.HasProxy ? 443 : null));
        services.Configure<AuditOptions>(configuration.GetSection("Tandem:Audit"));
        services.Configure<SecurityOptions>(configuration.GetSection("Tandem:Security"));
        services.AddSingleton(sp => AuditSigner.LoadOrCreate(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value));
        services.AddSingleton<AuditWitness>();
        services.AddScoped<AuditContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CacheSignals>();
        services.AddSingleton<AccessTokenCache>();
        services.AddSingleton<Tandem.Web.Evidence.TradeStoreAccess>();
        services.AddSingleton(new Tandem.Core.Briefing.ChromiumPdf(configuration.GetSection(Tandem.Core.Briefing.BriefingOptions.Section).Get<Tandem.Core.Briefing.BriefingOptions>()
            ?? new Tandem.Core.Briefing.BriefingOptions()));
        services.AddDbContext<TandemDbContext>((sp, options) => database.Apply(options));

        // Audits of reads from all requests share chain appends (see AuditBatchWriter); its contexts save directly.
        services.AddSingleton(sp =>
        {
            var options = new DbContextOptionsBuilder<TandemDbContext>();
            database.Apply(options);
            var signer = sp.GetRequiredService<AuditSigner>();
            var clock = sp.GetRequiredService<TimeProvider>();
            return new AuditBatchWriter(() => new TandemDbContext(options.Options, null, signer, clock));
        });

        // Hosted services start in registration order: migrate before the data-protection service
        // (registered by Identity below) reads its key ring from the database.
        if (!IsOpenApiBuildTool)
        {
            services.AddHostedService<StartupTasks>();
        }

        // Several instances on one PostgreSQL tell each other what to forget from their caches (ADR-014).
        if (!IsOpenApiBuildTool)
        {
            services.AddHostedService(sp => sp.GetRequiredService<CacheSignals>());
        }

        // Notification e-mail goes through Tandem:Mail (empty Host: none); links in it start at Tandem:PublicUrl.
        services.Configure<Tandem.Core.Notifications.MailOptions>(configuration.GetSection("Tandem:Mail"));
        services.PostConfigure<Tandem.Core.Notifications.MailOptions>(o => o.PublicUrl = configuration["Tandem:PublicUrl"] ?? o.PublicUrl);
        services.Configure<NotificationWorkerOptions>(configuration.GetSection("Tandem:Notifications"));
        if (!IsOpenApiBuildTool && configuration.GetValue("Tandem:Notifications:Background", true))
        {
            services.AddHostedService<NotificationWorker>();
        }

        services.AddIdentity<TandemUser, IdentityRole<Guid>>(AccountSetup.Configure)
            .AddEntityFrameworkStores<TandemDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<TandemClaimsPrincipalFactory>()
            .AddUserManager<TandemUserManager>()
            .AddSignInManager<TandemSignInManager>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        var security = configuration.GetSection("Tandem:Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.ConfigureApplicationCookie(o => CookiePolicy.Configure(o, security));
        // Authenticate every request with the cookie or the bearer token, not only the cookie: the second-factor
        // gate, the audit actor and the CSRF check run before authorization and must see token callers too.
        var authentication = services.AddAuthentication(o => o.DefaultAuthenticateScheme = AuthSchemes.CookieOrBearer)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddPolicyScheme(AuthSchemes.CookieOrBearer, null, o => o.ForwardDefaultSelector = AuthSchemes.Select);

        // Single sign-on: one OpenID Connect handler per party's directory in Tandem:Oidc:Providers (ADR-014).
        var oidc = OidcProviders.Parse(configuration);
        services.AddSingleton(oidc);
        oidc.AddSchemes(authentication, security);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(AuthSchemes.CookieOrBearer).RequireAuthenticatedUser().Build())
            .AddPolicy(AuthSchemes.ManageForum, p => p.AddAuthenticationSchemes(AuthSchemes.CookieOrBearer).RequireRole(Roles.Admin, Roles.Secretariat))
            .AddPolicy(AuthSchemes.Audit, p => p.AddAuthenticationSchemes(AuthSchemes.CookieOrBearer).RequireRole(Roles.Auditor));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddDataProtection().SetApplicationName("Tandem").PersistKeysToDbContext<TandemDbContext>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = security.AllowInsecureHttp ? "Tandem-XSRF" : CookiePolicy.AntiforgeryCookieName;
            o.Cookie.SecurePolicy = security.AllowInsecureHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddRateLimiter(RateLimits.Configure);
        services.AddSingleton<SignInThrottle>();
        services.AddProblemDetails(ProblemDetailsSetup.Configure);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => JsonSetup.Configure(o.SerializerOptions));

        // Binding failures (malformed JSON, wrong types, unknown enum names, bad query values) are thrown
        // to the exception handler, which answers 400 naming the field; otherwise they were bare 400s.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", OpenApiSetup.Configure);
        Observability.Configure(builder);
        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddRazorComponents();
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<ProxySettings>();
        if (proxy.HasProxy)
        {
            app.UseForwardedHeaders(proxy.ForwardedHeadersOptions());
        }

        app.UseExceptionHandler();
        app.UseTandemStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (app.Environment.IsProduction())
        {
            // The load balancer probes each instance over plain HTTP; a redirect would read as "down".
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal), a => a.UseHttpsRedirection());
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestAuditContextMiddleware>(RequestAuditContextMiddleware.Phase.Request);
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<RequestAuditContextMiddleware>(RequestAuditContextMiddleware.Phase.User);
        app.UseMiddleware<SecondFactorGateMiddleware>();
        app.UseMiddleware<TokenScopeMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<PageQueryValidationMiddleware>();
        app.UseMiddleware<ApiAntiforgeryMiddleware>();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        Observability.MapHealth(app);
        app.MapTandemApi();
        AccountEndpoints.Map(app);
        ExternalSignIn.Map(app);
        app.MapRazorComponents<App>();
    }
}

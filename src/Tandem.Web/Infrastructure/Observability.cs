using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tandem.Core.Data;
using Tandem.Core.Notifications;
using Tandem.Web.Evidence;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// What an operator watches: health probes for the load balancer, JSON console logs in Production (one object per
/// line, with the request id and trace id of the request that wrote it), and OpenTelemetry metrics and traces sent
/// over OTLP when a collector is configured.
/// </summary>
public static class Observability
{
    /// <summary>Either setting switches the OTLP exporter on; without one, nothing is exported.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string OtlpEndpointKey = "Tandem:Telemetry:OtlpEndpoint";

    public const string ServiceName = "tandem-web";

    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsProduction())
        {
            // Collectors read one JSON object per line; the scopes carry RequestId, TraceId and SpanId.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TandemDbContext>("database", tags: ["ready"])
            .AddCheck<TradeStoreHealthCheck>("trade-store", failureStatus: HealthStatus.Degraded, tags: ["ready"])
            .AddCheck<SmtpHealthCheck>("smtp", failureStatus: HealthStatus.Degraded, tags: ["ready"]);

        var endpoint = builder.Configuration[OtlpEndpointKey] is { Length: > 0 } configured ? configured : builder.Configuration[OtlpEndpointVariable];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp) || (otlp.Scheme != Uri.UriSchemeHttp && otlp.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException($"{OtlpEndpointKey} (or {OtlpEndpointVariable}) is '{endpoint}': give the collector's address, e.g. http://127.0.0.1:4317.");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = otlp))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = otlp));
    }

    public static void MapHealth(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Both answer without sign-in (the load balancer has no account) and name only each check and its state.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Write });
    }

    /// <summary>Status and per-check states only: exception messages can hold host names or connection details, so they stay in the log.</summary>
    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>
/// The trade store file can be read (or does not exist yet, which is fine: no trade data has been imported). The probe
/// reads the file rather than opening it with DuckDB, whose lock would make a `tandem trade import` started at that
/// moment fail.
/// </summary>
internal sealed class TradeStoreHealthCheck(TradeStoreAccess trade) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!trade.Exists)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no trade store yet"));
        }

        try
        {
            using var file = new FileStream(trade.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            Span<byte> header = stackalloc byte[16];
            return Task.FromResult(file.Read(header) == header.Length
                ? HealthCheckResult.Healthy("readable")
                : new HealthCheckResult(context.Registration.FailureStatus, "file too short"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "cannot be read"));
        }
    }
}

/// <summary>When e-mail is configured, the SMTP server accepts a connection. Mail waits in the outbox meanwhile, so this only degrades.</summary>
internal sealed class SmtpHealthCheck(IOptions<MailOptions> mail) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = mail.Value;
        if (!options.Enabled)
        {
            return HealthCheckResult.Healthy("not configured");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(options.Host, options.Port, timeout.Token);
            return HealthCheckResult.Healthy("reachable");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "unreachable");
        }
    }
}

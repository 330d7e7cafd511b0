using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Operations;

/// <summary>What the load balancer and the log collector see: health probes without sign-in, JSON log lines in Production.</summary>
public sealed class ObservabilityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HealthProbes_AnswerWithoutSignIn_NamingEachCheckAndNoSetting(string provider)
    {
        await using var factory = new TandemFactory(provider, settings: new Dictionary<string, string?>
        {
            ["Tandem:Mail:Host"] = "127.0.0.1",
            ["Tandem:Mail:Port"] = "1",
            ["Tandem:Mail:Password"] = "smtp-secret-do-not-show",
        });
        using var client = factory.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        // Mail waits in the outbox while the SMTP server is down: the instance stays in rotation, degraded.
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        Assert.Equal("Degraded", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("trade-store").GetProperty("status").GetString());
        Assert.Equal("Degraded", checks.GetProperty("smtp").GetProperty("status").GetString());
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
        foreach (var secret in new[] { "smtp-secret-do-not-show", factory.Database.Folder, "Host=", "Data Source", "127.0.0.1" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ReadyProbe_WhenTheDatabaseGoesAway_AnswersUnhealthyWhileLiveStaysUp()
    {
        if (string.IsNullOrEmpty(TestDatabase.PostgresAdmin))
        {
            return; // Needs the PostgreSQL cluster of scripts/test.sh, which CI always starts.
        }

        await using var factory = new TandemFactory(TestDatabase.PostgreSQL);
        using var client = factory.CreateClient();
        using (var before = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var name = new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString).Database!;
        await using (var admin = new NpgsqlConnection(TestDatabase.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE \"{name}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain(name, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Telemetry_IsExportedOnlyWhenACollectorIsConfigured()
    {
        await using var without = new TandemFactory(TestDatabase.Sqlite);
        await using var with = new TandemFactory(TestDatabase.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Tandem:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317",
        });
        using (without.CreateClient())
        using (with.CreateClient())
        {
            Assert.Null(without.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
            Assert.Null(without.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
            Assert.NotNull(with.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
            Assert.NotNull(with.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        }

        // A collector address that is not one stops the start with one line naming the setting.
        var (exit, _, error) = await AppProcess.RunToExit($"\"{typeof(Program).Assembly.Location}\"", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Tandem__Demo"] = "false",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4317",
        }, "The app kept running: a collector address without http:// must stop the start.");
        Assert.Equal(2, exit);
        Assert.Equal("tandem: Tandem:Telemetry:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) is 'collector:4317': give the collector's address, e.g. http://127.0.0.1:4317.",
            error.Trim());
    }

    /// <summary>A Production start behind a proxy, as deployed: every console line is one JSON object, and request lines carry the request and trace ids.</summary>
    [Fact]
    public async Task ProductionLogs_AreOneJsonObjectPerLine_WithRequestAndTraceIds()
    {
        using var database = TestDatabase.Create(TestDatabase.Sqlite);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Tandem"] = database.ConnectionString,
            ["Tandem__Database__Provider"] = TestDatabase.Sqlite,
            ["Tandem__Audit__KeyPath"] = Path.Combine(database.Folder, "audit-key.pem"),
            ["Tandem__Trade__Store"] = Path.Combine(database.Folder, "trade.duckdb"),
            ["Tandem__Proxy__KnownProxies"] = "127.0.0.1",
            ["AllowedHosts"] = "127.0.0.1",
            ["Tandem__Notifications__Background"] = "false",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        };

        string output;
        using (var web = await WebProcess.Start(environment, database.Folder, "/health/live"))
        {
            using var client = new HttpClient { BaseAddress = web.Address };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/forums", UriKind.Relative));
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            await Task.Delay(500);
            output = web.Output;
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var records = lines.Select(line =>
        {
            try
            {
                return JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new Xunit.Sdk.XunitException("not a JSON log line: " + line);
            }
        }).ToList();
        var requestLine = records.First(r => r.GetProperty("Message").GetString()!.Contains("/api/v1/forums", StringComparison.Ordinal));
        var scopes = requestLine.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString()!.Length > 0);
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString()!.Length == 32);
        Assert.True(requestLine.TryGetProperty("Timestamp", out _));
    }
}

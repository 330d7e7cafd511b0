using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tandem.Core.Data;
using Tandem.Web.Tests.Infrastructure;

namespace Tandem.Web.Tests.Security;

/// <summary>
/// The real app plus two test-only probes: an interceptor that can fail a save after its rows are written
/// but before the commit (row 14, row 19), and a logger provider that keeps every log line (row 19).
/// </summary>
public sealed class SecurityFactory(string provider, IDictionary<string, string?>? settings = null, string environment = "Testing", bool demo = false)
    : TandemFactory(provider, demo, WithProductionDefaults(environment, settings), demoLoadedAtStart: environment != "Testing")
{
    /// <summary>
    /// A Production start needs what a real deployment has: its host names and HTTPS. Tests of Production get both
    /// unless they set them themselves (a test of a refused start replaces one of them).
    /// </summary>
    private static Dictionary<string, string?> WithProductionDefaults(string environment, IDictionary<string, string?>? settings)
    {
        var all = environment == "Production"
            ? new Dictionary<string, string?> { ["AllowedHosts"] = "localhost;tandem.example.org", ["Urls"] = "https://127.0.0.1:5443" }
            : [];
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    public FailAfterWriteInterceptor FailAfterWrite { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<TandemDbContext>(options => options.AddInterceptors(FailAfterWrite)));
    }
}

/// <summary>When armed, throws from the next save after its rows are written and before the transaction commits.</summary>
public sealed class FailAfterWriteInterceptor : SaveChangesInterceptor
{
    private int _armed;

    public const string Message = "Simulated failure after the write (test interceptor)";

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            throw new InvalidOperationException(Message);
        }

        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            throw new InvalidOperationException(Message);
        }

        return base.SavedChanges(eventData, result);
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

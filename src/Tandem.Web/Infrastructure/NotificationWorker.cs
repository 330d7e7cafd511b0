using Microsoft.Extensions.Options;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notifications;

namespace Tandem.Web.Infrastructure;

/// <summary>What the notification background job does and how often (<c>Tandem:Notifications</c>).</summary>
public sealed class NotificationWorkerOptions
{
    /// <summary>Run the job in this instance; switch off in instances that should only serve requests.</summary>
    public bool Background { get; set; } = true;

    public int IntervalSeconds { get; set; } = 60;
}

/// <summary>
/// Runs <see cref="NotificationJobs.RunOnce"/> every interval: clock events, then e-mail when a mail server is
/// configured. Each instance has its own owner name, so the database lease lets exactly one of them work at a time.
/// </summary>
public sealed class NotificationWorker(IServiceScopeFactory scopes, IOptions<MailOptions> mail, IOptions<NotificationWorkerOptions> options, TimeProvider clock,
    ILogger<NotificationWorker> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AuditContext>().Actor = Actor.System("notifications");
                var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
                var sent = await NotificationJobs.RunOnce(db, mail.Value, clock, _owner, stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Sent {Count} notification e-mails", sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed pass (database briefly unavailable, say) is retried at the next tick; nothing is lost.
                logger.LogWarning(e, "Notification pass failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

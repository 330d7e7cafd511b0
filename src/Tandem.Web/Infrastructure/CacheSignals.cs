using System.Threading.Channels;
using Npgsql;
using Tandem.Core.Data;

namespace Tandem.Web.Infrastructure;

/// <summary>
/// Carries "forget what you cached about this user" between web instances on one PostgreSQL database, so a token
/// revoked or an account disabled on one instance is refused on the others at once, not after the cache lifetime.
/// Uses PostgreSQL <c>LISTEN</c>/<c>NOTIFY</c>: a message is sent after the change has committed and reaches every
/// listening instance within milliseconds. On SQLite there is only one web process, so nothing is sent.
/// If the listening connection drops, messages sent meanwhile are lost: on reconnecting each instance forgets
/// everything it cached, and the cache lifetime still bounds any entry it could have missed.
/// </summary>
public sealed class CacheSignals(DatabaseSettings database, ILogger<CacheSignals> logger) : BackgroundService
{
    public const string ChannelName = "tandem_cache";

    /// <summary>What a receiver gets when it must forget everything (the listener reconnected).</summary>
    public const string Everything = "*";

    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Action<string>> _receivers = [];

    private bool Shared => database.Provider == DatabaseProvider.PostgreSQL;

    /// <summary>Calls <paramref name="receiver"/> with every message another instance (or this one) sent.</summary>
    public void OnReceived(Action<string> receiver)
    {
        lock (_receivers)
        {
            _receivers.Add(receiver);
        }
    }

    /// <summary>Queues a message for every instance; returns at once (the sender runs in the background).</summary>
    public void Publish(string message)
    {
        if (Shared)
        {
            _outgoing.Writer.TryWrite(message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Shared)
        {
            return;
        }

        await Task.WhenAll(SendAsync(stoppingToken), ListenAsync(stoppingToken));
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new NpgsqlConnection(database.ConnectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @message)", connection);
                    command.Parameters.AddWithValue("channel", ChannelName);
                    command.Parameters.AddWithValue("message", message);
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    // The other instances still drop the entry when its short lifetime ends.
                    logger.LogWarning(e, "Could not tell other instances to forget cached access data ({Message})", message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keepalive makes a silently dropped connection fail the wait instead of hanging on it.
                var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 15, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was sent while this instance was not listening is unknown: start from an empty cache.
                Deliver(Everything);
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException or InvalidOperationException)
            {
                logger.LogWarning(e, "Listening for cache invalidations failed; retrying in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void Deliver(string message)
    {
        Action<string>[] receivers;
        lock (_receivers)
        {
            receivers = [.. _receivers];
        }

        foreach (var receiver in receivers)
        {
            receiver(message);
        }
    }
}

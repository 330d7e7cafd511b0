using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Tandem.Core.Notifications;

namespace Tandem.Web.Tests.Notifications;

/// <summary>
/// A real SMTP server in the test process on 127.0.0.1 that keeps what it receives, so tests assert on the messages
/// a mail client would get. It can be stopped and started again on the same port to play an outage.
/// </summary>
public sealed class TestSmtp : IAsyncDisposable
{
    private readonly Store _store = new();
    private CancellationTokenSource? _stop;
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public TestSmtp()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => [.. _store.Messages];

    public MailOptions Options(string publicUrl = "https://tandem.test") => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        From = "Tandem <tandem@forum.test>",
        Tls = "None",
        PublicUrl = publicUrl,
        TimeoutSeconds = 10,
    };

    public IDictionary<string, string?> Settings(bool background = false) => new Dictionary<string, string?>
    {
        ["Tandem:Mail:Host"] = "127.0.0.1",
        ["Tandem:Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Tandem:Mail:From"] = "Tandem <tandem@forum.test>",
        ["Tandem:Mail:Tls"] = "None",
        ["Tandem:PublicUrl"] = "https://tandem.test",
        ["Tandem:Notifications:Background"] = background ? "true" : "false",
        ["Tandem:Notifications:IntervalSeconds"] = "1",
    };

    public TestSmtp Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        return this;
    }

    public async Task Stop()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _server = null;
    }

    /// <summary>Waits until a message to <paramref name="address"/> arrives (the app sends in the background).</summary>
    public async Task<MimeMessage?> WaitFor(string address, Func<MimeMessage, bool>? also = null, int seconds = 60)
    {
        for (var waited = 0; waited < seconds * 10; waited++)
        {
            var found = _store.Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address) && (also is null || also(m)));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return null;
    }

    public async ValueTask DisposeAsync() => await Stop();

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>A clock the test moves by hand, so back-off and digest hours are reached without waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Tandem.Core.Data;

namespace Tandem.Core.Notifications;

/// <summary>
/// Sends what waits in the outbox through the configured SMTP server. A message leaves the outbox only once the
/// server has accepted it; a failure keeps it with its next attempt pushed back (1 minute, doubling up to an hour),
/// so an SMTP outage delays mail and never loses it. Callers hold the job lease, so one instance sends at a time.
/// </summary>
public static class MailOutboxSender
{
    public const int BatchSize = 50;

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <param name="stillLeased">Asked before each message: false when this instance has lost the lease, which stops sending.</param>
    public static async Task<int> Drain(TandemDbContext db, MailOptions options, TimeProvider clock, Func<Task<bool>> stillLeased, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(stillLeased);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMail>().Where(m => m.SentAt == null && m.NextAttemptAt <= now).OrderBy(m => m.CreatedAt).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0 || !options.Enabled)
        {
            return 0;
        }

        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, Security(options.Tls), ct);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server is down or refuses us: every due message waits for its next attempt.
            foreach (var message in due)
            {
                Failed(message, e, clock.GetUtcNow().UtcDateTime);
            }

            await db.SaveChangesAsync(ct);
            return 0;
        }

        var sent = 0;
        foreach (var message in due)
        {
            if (!await stillLeased())
            {
                break;
            }

            try
            {
                await client.SendAsync(ToMime(message, options), ct);
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                message.Attempts++;
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(message, e, clock.GetUtcNow().UtcDateTime);
                if (!client.IsConnected)
                {
                    await db.SaveChangesAsync(ct);
                    break;
                }
            }

            await db.SaveChangesAsync(ct);
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(true, ct);
        }

        return sent;
    }

    public static MimeMessage ToMime(OutboxMail message, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.Body },

            // A stable id per outbox row: should a message ever go out twice (a crash between the server's acceptance
            // and our bookkeeping), mail systems can tell the copies are one message.
            MessageId = message.Id.ToString("N") + "@tandem",
        };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Headers.Add("Content-Language", message.Culture);
        return mime;
    }

    public static SecureSocketOptions Security(string tls) => tls?.Trim().ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "STARTTLSWHENAVAILABLE" => SecureSocketOptions.StartTlsWhenAvailable,
        "SSLONCONNECT" or "SSL" or "TLS" => SecureSocketOptions.SslOnConnect,
        "AUTO" => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    private static void Failed(OutboxMail message, Exception error, DateTime now)
    {
        message.Attempts++;
        message.NextAttemptAt = now + Backoff(message.Attempts);
        var text = error.GetType().Name + ": " + error.Message;
        message.LastError = text.Length <= OutboxMail.ErrorLength ? text : text[..OutboxMail.ErrorLength];
    }
}

using System.Threading.Channels;
using Tandem.Core.Data;

namespace Tandem.Core.Audit;

/// <summary>
/// Appends the audit entries of reads for a whole process through one writer, several requests per transaction.
/// Every append to the chain takes the head row's lock (SQLite: the database write lock), so appends serialise;
/// with one entry per list request, sixty-four concurrent readers would otherwise queue for that lock one by
/// one (and SQLite's busy-retry sleeps make the queue slow). Here each request still waits until its entry is
/// committed before it answers, so a read is never shown unaudited, but the requests that arrive while one
/// batch is being written share the next transaction, chain position after chain position.
/// </summary>
public sealed class AuditBatchWriter : IAsyncDisposable
{
    /// <summary>Enough to drain a burst of concurrent requests in one transaction without a huge statement batch.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<PendingEntry> _queue = Channel.CreateUnbounded<PendingEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<TandemDbContext> _createContext;
    private readonly Task _writer;

    /// <param name="createContext">A new context per batch, without a batch writer of its own (its save appends directly).</param>
    public AuditBatchWriter(Func<TandemDbContext> createContext)
    {
        _createContext = createContext;
        _writer = Task.Run(WriteLoop);
    }

    /// <summary>Queues entries whose actor and request are already filled in; completes once they are committed in the chain, together and in order.</summary>
    public Task Append(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var pending = new PendingEntry(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit writer has stopped: the application is shutting down.");
        }

        return pending.Committed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingEntry>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await using var db = _createContext();
                foreach (var entry in batch.SelectMany(p => p.Entries))
                {
                    db.Queue(entry);
                }

                await db.SaveChangesAsync().ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetResult();
                }
            }
#pragma warning disable CA1031 // The failure belongs to the waiting requests: each gets it and answers with an error, and the writer serves the next batch.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetException(e);
                }
            }
        }
    }

    private sealed record PendingEntry(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource Committed);
}

using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Tandem.Core.Audit;

/// <summary>
/// Keeps a witness of the audit chain outside the database: signed head digests appended to a JSON-lines
/// file, at every signed checkpoint and at most a minute after any other entry. Someone who restores an
/// older copy of the database, or rewrites it, cannot also take back what the witness already holds.
/// Saves only report their committed chain end here; the file is written by one background loop,
/// so no request waits for the disk.
/// </summary>
public sealed class AuditWitness : IAsyncDisposable, IDisposable
{
    /// <summary>The longest an entry stays unwitnessed while the application runs.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly AuditSigner _signer;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (long Sequence, string Hash)? _pending;
    private bool _checkpointPending;
    private long _witnessed;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;
    private Task? _loop;
    private bool _disposed;

    public AuditWitness(IOptions<AuditOptions> options, AuditSigner signer, TimeProvider? clock = null, ILogger<AuditWitness>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signer);
        Path = options.Value.WitnessFile;
        _signer = signer;
        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? NullLogger<AuditWitness>.Instance;
    }

    public string Path { get; }

    /// <summary>
    /// A save committed entries up to <paramref name="sequence"/>. Cheap and non-blocking: it only wakes the
    /// writer, which appends now when a checkpoint was among them and otherwise once the minute is up.
    /// </summary>
    public void Committed(long sequence, string hash, bool checkpoint)
    {
        lock (_gate)
        {
            if (_disposed || sequence <= _witnessed)
            {
                return;
            }

            // The writer sleeps until the minute is up once something is pending; only a first pending end or a
            // checkpoint changes when it must wake, so busy periods cost no more than this lock.
            var wake = _pending is null || (checkpoint && !_checkpointPending);

            // Two saves can report out of order; the newer chain end covers the older one.
            if (_pending is not { } pending || sequence > pending.Sequence)
            {
                _pending = (sequence, hash);
            }

            _checkpointPending |= checkpoint;
            _loop ??= Task.Run(RunAsync);
            if (wake)
            {
                _wake.TrySetResult();
            }
        }
    }

    /// <summary>Reads the configured witness file (none yet is an empty reading).</summary>
    public WitnessReading Read() => AuditWitnessFile.Read(Path, mustExist: false);

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TimeSpan? wait;
            Task wake;
            lock (_gate)
            {
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wake = _wake.Task;
                wait = _pending is null ? null
                    : _checkpointPending ? TimeSpan.Zero
                    : _lastWrite + Period - _clock.GetUtcNow();
            }

            if (wait is { } due && due <= TimeSpan.Zero)
            {
                WritePending();
                continue;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var delay = wait is { } d ? Task.Delay(d, _clock, sleep.Token) : Task.Delay(Timeout.InfiniteTimeSpan, sleep.Token);
            await Task.WhenAny(wake, delay).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
        }
    }

    private void WritePending()
    {
        (long Sequence, string Hash) head;
        lock (_gate)
        {
            if (_pending is not { } pending)
            {
                return;
            }

            head = pending;
            _pending = null;
            _checkpointPending = false;
            _lastWrite = _clock.GetUtcNow();
        }

        try
        {
            AuditWitnessFile.Append(Path, _signer.SignDigest(head.Sequence, head.Hash, _clock.GetUtcNow().UtcDateTime));
            lock (_gate)
            {
                _witnessed = Math.Max(_witnessed, head.Sequence);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            // The chain itself is intact; the next attempt comes with the next checkpoint or minute.
            _logger.LogError(e, "Could not append the audit head digest (sequence {Sequence}) to the witness file {Path}.", head.Sequence, Path);
            lock (_gate)
            {
                if (_pending is null)
                {
                    _pending = head;
                }
            }
        }
    }

    /// <summary>Stops the writer and witnesses the last chain end, so a stopped application leaves nothing unwitnessed.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        WritePending();
        _stop.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>
/// The witness file: appended by every Tandem process (the web app and the command line) under an exclusive
/// file lock, one whole line per write, and read tolerating a line torn by a crash.
/// </summary>
public static class AuditWitnessFile
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public static void Append(string path, AuditDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);

        // .NET's append mode seeks to the end rather than using O_APPEND, so the exclusive lock (flock) is what keeps
        // two processes from writing at the same offset; the line goes out in one write.
        using var file = Locked(() => new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        var line = digest.ToJsonLine() + "\n";
        if (file.Length > 0)
        {
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != '\n')
            {
                // A crash tore the last line: end it, so this digest starts a line of its own.
                line = "\n" + line;
            }
        }

        file.Seek(0, SeekOrigin.End);
        file.Write(Encoding.UTF8.GetBytes(line));
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Reads every digest of a witness file; lines that are not digests (a torn last line) are counted, not fatal.
    /// A file that exists but cannot be read is a configuration problem named by <paramref name="setting"/>.
    /// </summary>
    public static WitnessReading Read(string path, bool mustExist, string setting = "Tandem:Audit:WitnessPath")
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return mustExist
                ? throw new Data.ConfigurationException($"{setting}: no witness file at {full}.")
                : new WitnessReading([], 0, [full]);
        }

        try
        {
            return ReadExisting(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Data.ConfigurationException($"{setting}: cannot read the witness file {full} ({e.Message}).");
        }
    }

    private static WitnessReading ReadExisting(string full)
    {

        var digests = new List<WitnessedDigest>();
        var unreadable = 0;
        using var file = Locked(() => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.SequentialScan));
        using var reader = new StreamReader(file, new UTF8Encoding(false));
        var number = 0;
        while (ReadLine(reader) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (AuditDigest.Parse(line) is { } digest)
            {
                digests.Add(new WitnessedDigest(digest, full, number));
            }
            else
            {
                unreadable++;
            }
        }

        return new WitnessReading(digests, unreadable, [full]);
    }

    /// <summary>One line, cut at <see cref="AuditDigest.MaxLineLength"/> characters so a damaged file cannot exhaust memory.</summary>
    private static string? ReadLine(StreamReader reader)
    {
        var line = new StringBuilder();
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                return line.Length == 0 && reader.EndOfStream ? null : line.ToString();
            }

            if (c == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            if (line.Length <= AuditDigest.MaxLineLength)
            {
                line.Append((char)c);
            }
        }
    }

    /// <summary>Opens under the other process's lock: retries while the other writer or reader holds it.</summary>
    private static FileStream Locked(Func<FileStream> open)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return open();
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }
}

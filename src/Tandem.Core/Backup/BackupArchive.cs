using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Tandem.Core.Backup;

/// <summary>
/// A backup file opened for reading: the manifest is checked (format, version), and <see cref="VerifyAsync"/> re-hashes
/// every entry and recounts every table's rows. Each failure is a <see cref="BackupException"/> whose message names the
/// file and entry, so a damaged or foreign archive is refused before anything is restored.
/// </summary>
public sealed class BackupArchive : IDisposable
{
    private readonly ZipArchive _zip;

    private BackupArchive(string path, ZipArchive zip, BackupManifest manifest)
    {
        Path = path;
        _zip = zip;
        Manifest = manifest;
    }

    public string Path { get; }

    public BackupManifest Manifest { get; }

    public static BackupArchive Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new BackupException($"no backup file at {System.IO.Path.GetFullPath(path)}.");
        }

        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new BackupException($"{path} is not a readable backup (damaged or not a ZIP archive: {e.Message}).");
        }

        try
        {
            var manifestEntry = zip.GetEntry(BackupManifest.EntryName)
                ?? throw new BackupException($"{path} has no {BackupManifest.EntryName}: it is not a Tandem backup.");
            BackupManifest? manifest;
            using (var stream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(stream, BackupManifest.Json);
            }

            if (manifest is null || manifest.FormatName != BackupManifest.Format)
            {
                throw new BackupException($"{path}: {BackupManifest.EntryName} does not describe a Tandem backup.");
            }

            if (manifest.FormatVersion != BackupManifest.CurrentFormatVersion)
            {
                throw new BackupException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} is in backup format version {manifest.FormatVersion}; this version of Tandem reads version {BackupManifest.CurrentFormatVersion} only."));
            }

            return new BackupArchive(path, zip, manifest);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            zip.Dispose();
            throw new BackupException($"{path}: {BackupManifest.EntryName} cannot be read ({e.Message}).");
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>Re-hashes every entry the manifest names and recounts each table's rows; throws at the first difference.</summary>
    public async Task VerifyAsync(CancellationToken ct)
    {
        foreach (var table in Manifest.Tables)
        {
            var (hash, lines) = await HashEntry(table.Entry, countLines: true, ct);
            Check(table.Entry, table.Sha256, hash);
            if (lines != table.Rows)
            {
                throw new BackupException(string.Create(CultureInfo.InvariantCulture,
                    $"{Path}: {table.Entry} holds {lines} rows, the manifest says {table.Rows}."));
            }
        }

        foreach (var file in Manifest.Files)
        {
            var (hash, _) = await HashEntry(file.Entry, countLines: false, ct);
            Check(file.Entry, file.Sha256, hash);
        }
    }

    /// <summary>The rows of a table's entry, one JSON object each, in the order they were written.</summary>
    public async IAsyncEnumerable<JsonElement> Rows(BackupTableEntry table, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var reader = new StreamReader(OpenEntry(table.Entry));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }

    public Stream OpenEntry(string name)
    {
        var entry = _zip.GetEntry(name) ?? throw new BackupException($"{Path}: the manifest names {name}, which the archive does not hold.");
        return entry.Open();
    }

    public void Dispose() => _zip.Dispose();

    private void Check(string entry, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupException($"{Path}: {entry} is damaged (SHA-256 {actual}, the manifest says {expected}).");
        }
    }

    private async Task<(string Hash, long Lines)> HashEntry(string name, bool countLines, CancellationToken ct)
    {
        try
        {
            await using var input = OpenEntry(name);
            await using var hashing = new HashingStream(null);
            var buffer = new byte[81920];
            long lines = 0;
            int read;
            while ((read = await input.ReadAsync(buffer, ct)) > 0)
            {
                if (countLines)
                {
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                }

                await hashing.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return (hashing.HashHex(), lines);
        }
        catch (InvalidDataException e)
        {
            // Deflate or the ZIP's own CRC caught the damage before the hash could.
            throw new BackupException($"{Path}: {name} is damaged ({e.Message}).");
        }
    }
}

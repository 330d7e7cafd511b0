using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tandem.Analytics.Store;
using Tandem.Cli.Commands.Trade;
using Tandem.Core.Audit;
using Tandem.Core.Backup;
using Tandem.Core.Data;

namespace Tandem.Cli.Commands;

/// <summary>
/// <c>tandem backup --out FILE</c>, <c>tandem backup verify FILE</c> and <c>tandem restore FILE</c>: the whole of Tandem's
/// data — records, document contents, the audit chain with its checkpoints, the trade store — in one self-describing ZIP,
/// taken while the web app keeps writing. The audit signing key is never in it.
/// </summary>
internal static class BackupCommands
{
    /// <summary>The backup is damaged, foreign or of another format version; nothing was restored.</summary>
    public const int BadBackup = 4;

    /// <summary>The target database or trade store already holds data.</summary>
    public const int NotEmpty = 5;

    private const string TradeStoreKind = "trade-store";
    private const string TradeStoreEntry = "trade/trade.duckdb";

    public static Command Backup()
    {
        var backup = new Command("backup",
            "Write an online backup of everything (every table, document contents, the audit chain and checkpoints, the trade store) to a ZIP "
            + "with a manifest of row counts and SHA-256 hashes. It reads one snapshot while the web app keeps writing. "
            + "The audit signing key (Tandem:Audit:KeyPath) is NOT included: keep it apart.");
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (refused if it exists)", Required = true };
        var store = TradeCli.StoreOption();
        backup.Options.Add(output);
        backup.Options.Add(store);
        backup.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var file = parse.GetValue(output)!;
            if (file.Exists)
            {
                return CliOutput.Fail($"--out: {file.FullName} already exists; choose a new name.");
            }

            if (!(file.Directory?.Exists ?? false))
            {
                return CliOutput.Fail($"--out: folder {file.DirectoryName} does not exist.");
            }

            var storePath = Path.GetFullPath(TradeCli.StorePath(parse, store));
            var files = new List<BackupFileSource>();
            if (File.Exists(storePath))
            {
                files.Add(new BackupFileSource(TradeStoreKind, TradeStoreEntry, async (stream, token) =>
                {
                    var copied = await TradeStoreFile.CopyConsistentAsync(storePath, stream, TimeSpan.FromSeconds(30), token);
                    if (!copied.IsSuccess)
                    {
                        throw new BackupException("trade store: " + copied.Failure!.Message);
                    }
                }));
            }

            await using var services = CliServices.Create();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            var partial = file.FullName + ".partial";
            try
            {
                BackupManifest manifest;
                await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                {
                    manifest = await DatabaseBackup.WriteAsync(db, stream, files, TimeProvider.System, ct);
                    await stream.FlushAsync(ct);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(partial, file.FullName);
                var withStore = manifest.Files.Count > 0 ? ", trade store" : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Backup written to {file.FullName}: {manifest.Tables.Count} tables, {manifest.Tables.Sum(t => t.Rows)} rows, audit chain to sequence {manifest.AuditLastSequence}{withStore}. The audit signing key is not in it."));
                return CliOutput.Ok;
            }
            catch (BackupException e)
            {
                File.Delete(partial);
                return CliOutput.Fail(e.Message);
            }
        }));
        backup.Subcommands.Add(Verify());
        return backup;
    }

    private static Command Verify()
    {
        var verify = new Command("verify", $"Check a backup: its format version, every entry's SHA-256 and every table's row count against its manifest. Exit 0 when sound, {BadBackup} when not.");
        var path = new Argument<FileInfo>("FILE") { Description = "The backup file" };
        verify.Arguments.Add(path);
        verify.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var file = parse.GetValue(path)!;
            try
            {
                using var archive = BackupArchive.Open(file.FullName);
                await archive.VerifyAsync(ct);
                var manifest = archive.Manifest;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Backup sound: format {manifest.FormatVersion}, {manifest.Provider} at schema {manifest.Migration}, taken {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss}Z; {manifest.Tables.Count} tables, {manifest.Tables.Sum(t => t.Rows)} rows, audit chain to sequence {manifest.AuditLastSequence}, {manifest.Files.Count} files; every hash matches."));
                return CliOutput.Ok;
            }
            catch (BackupException e)
            {
                Console.Error.WriteLine("tandem: " + e.Message);
                return BadBackup;
            }
        }));
        return verify;
    }

    public static Command Restore()
    {
        var restore = new Command("restore",
            "Restore a backup into an EMPTY database of either provider (ConnectionStrings:Tandem, Tandem:Database:Provider), in one transaction, "
            + "then verify the audit chain with the key at Tandem:Audit:KeyPath and print each table's rows beside the backup's. "
            + "Refuses a damaged backup and a database or trade store that already holds data.");
        var path = new Argument<FileInfo>("FILE") { Description = "The backup file" };
        var store = TradeCli.StoreOption();
        restore.Arguments.Add(path);
        restore.Options.Add(store);
        restore.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var file = parse.GetValue(path)!;
            var storePath = Path.GetFullPath(TradeCli.StorePath(parse, store));
            string? stagedStore = null;
            try
            {
                using var archive = BackupArchive.Open(file.FullName);
                await archive.VerifyAsync(ct);

                await using var services = CliServices.Create();
                var options = services.GetRequiredService<IOptions<AuditOptions>>().Value;
                using var signer = AuditSigner.LoadExisting(options);
                if (archive.Manifest.Files.Any(f => f.Kind == TradeStoreKind) && TradeStoreFile.HoldsData(storePath))
                {
                    Console.Error.WriteLine($"tandem: the trade store {storePath} already holds imports: restore only into an empty one (move it aside).");
                    return NotEmpty;
                }

                IReadOnlyList<RestoredTable> restored;
                await using (var scope = services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
                    await SchemaMigrator.MigrateAsync(db.Database, ct);
                    if (archive.Manifest.Files.FirstOrDefault(f => f.Kind == TradeStoreKind) is { } trade)
                    {
                        // Written beside its place before the database commits, moved in after: never half a store.
                        stagedStore = storePath + ".restoring";
                        Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
                        await using var source = archive.OpenEntry(trade.Entry);
                        await using var target = new FileStream(stagedStore, FileMode.Create, FileAccess.Write);
                        await source.CopyToAsync(target, ct);
                    }

                    restored = await DatabaseRestore.RestoreAsync(db, archive, ct);
                }

                if (stagedStore is not null)
                {
                    File.Move(stagedStore, storePath, overwrite: true);
                    File.Delete(storePath + ".wal");
                    stagedStore = null;
                }

                PrintCounts(restored);
                await using var verifyScope = services.CreateAsyncScope();
                var verification = await VerifyAuditChain.Handle(verifyScope.ServiceProvider.GetRequiredService<TandemDbContext>(), signer,
                    AuditWitnessFile.Read(options.WitnessFile, mustExist: false), ct);
                if (!verification.Intact)
                {
                    Console.Error.WriteLine("tandem: restored, but the audit chain is NOT intact: " + verification.Message);
                    return AuditCommands.ChainBroken;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Restored {file.Name}: {restored.Sum(r => r.Restored)} rows in {restored.Count} tables. {verification.Summary}"));
                return CliOutput.Ok;
            }
            catch (BackupException e)
            {
                Console.Error.WriteLine("tandem: " + e.Message);
                return e.TargetNotEmpty ? NotEmpty : BadBackup;
            }
            finally
            {
                if (stagedStore is not null)
                {
                    File.Delete(stagedStore);
                }
            }
        }));
        return restore;
    }

    private static void PrintCounts(IReadOnlyList<RestoredTable> restored)
    {
        var width = restored.Max(r => r.Table.Length);
        Console.WriteLine($"{"table".PadRight(width)}  restored  in backup");
        foreach (var table in restored)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{table.Table.PadRight(width)}  {table.Restored,8}  {table.InManifest,9}{(table.Restored == table.InManifest ? "" : "  DIFFERENT")}"));
        }
    }
}

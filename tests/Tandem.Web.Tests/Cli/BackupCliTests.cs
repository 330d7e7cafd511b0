extern alias cli;

using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Analytics.Store;
using Tandem.Core.Backup;
using Tandem.Core.Data;
using Tandem.Web.Tests.Cycle;
using Tandem.Web.Tests.Infrastructure;
using Tandem.Web.Tests.Sharing;
using BackupExit = cli::Tandem.Cli.Commands.BackupCommands;

namespace Tandem.Web.Tests.Cli;

/// <summary><c>tandem backup</c>, <c>backup verify</c> and <c>restore</c>: everything comes back, across providers, or nothing does.</summary>
[Collection(CommandLineRunsAlone.Name)]
public sealed class BackupCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Backup_WhileTheAppWrites_RestoresOneConsistentMomentWithEveryRowAndAnIntactChain(string provider)
    {
        await using var kit = await CycleKit.Start(provider);
        CreateTradeStore(kit.Factory);
        var backupFile = Path.Combine(kit.Factory.Database.Folder, "tandem-backup.zip");

        // Writers keep uploading documents and creating commitments through the API for the whole backup.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await kit.Commitment($"BK-{n}");
                using var upload = await DocumentKit.Upload(kit.Doc, $"Written during the backup {n}", content: DocumentKit.Pdf(new string('x', 2000 + n)));
                Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
                Interlocked.Increment(ref written);
            }
        });
        while (Volatile.Read(ref written) < 3)
        {
            await Task.Delay(50);
        }

        var before = Volatile.Read(ref written);
        var backup = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "--out", backupFile);
        var after = Volatile.Read(ref written);
        await Task.Delay(300);
        await stop.CancelAsync();
        await writer;

        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("The audit signing key is not in it.", backup.Output, StringComparison.Ordinal);
        var manifest = ReadManifest(backupFile);
        Assert.False(manifest.AuditKeyIncluded);
        Assert.DoesNotContain(manifest.Files, f => f.Entry.Contains("key", StringComparison.OrdinalIgnoreCase));
        var commitments = manifest.Tables.Single(t => t.Table == "Commitment").Rows;
        var demoCommitments = await kit.Factory.WithDb(db => db.Set<Tandem.Core.Commitments.Commitment>().CountAsync(c => !c.Code.StartsWith("BK-")));
        Assert.InRange(commitments - demoCommitments, before, after + 1);

        var verify = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "verify", backupFile);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.StartsWith("Backup sound: format 1, " + provider, verify.Output, StringComparison.Ordinal);

        using var target = TestDatabase.Create(provider);
        var restore = await CliRunner.Run(TargetEnvironment(kit.Factory, target), "restore", backupFile);

        Assert.True(restore.ExitCode == 0, restore.Error + restore.Output);
        Assert.Contains("Audit chain intact: " + manifest.AuditLastSequence.ToString(CultureInfo.InvariantCulture) + " entries", restore.Output, StringComparison.Ordinal);
        foreach (var table in manifest.Tables)
        {
            Assert.Equal((table.Table, table.Rows), (table.Table, await Count(target, table.Table)));
            Assert.Matches($@"(?m)^{table.Table}\s+{table.Rows}\s+{table.Rows}$", restore.Output.Replace("\r", "", StringComparison.Ordinal));
        }

        // One moment: every document version restored has its content, every commitment its creation in the audit log.
        Assert.Equal(await Count(target, "DocumentVersions"), await Count(target, "DocumentContents"));
        await using (var db = Open(target))
        {
            var restoredIds = await db.Set<Tandem.Core.Commitments.Commitment>().Where(c => c.Code.StartsWith("BK-")).Select(c => c.Id.ToString()).ToListAsync();
            var audited = await db.AuditEntries.Where(e => e.Action == "create" && e.ObjectType == "Commitment").Select(e => e.ObjectId).ToListAsync();
            Assert.Equal(commitments - demoCommitments, restoredIds.Count);
            Assert.Empty(restoredIds.Except(audited, StringComparer.OrdinalIgnoreCase));
        }

        // The trade store comes back byte for byte.
        var tradeEntry = Assert.Single(manifest.Files);
        await using (var restoredStore = File.OpenRead(Path.Combine(target.Folder, "trade.duckdb")))
        {
            Assert.Equal(tradeEntry.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(restoredStore)));
        }
    }

    [Fact]
    public async Task Restore_SqliteBackupIntoPostgreSQL_ServesTheSameDocumentsToTheSameTokens()
    {
        if (string.IsNullOrEmpty(TestDatabase.PostgresAdmin))
        {
            return; // Needs the PostgreSQL cluster of scripts/test.sh, which CI always starts.
        }

        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);
        var content = Encoding.UTF8.GetBytes("%PDF-1.4\n% 半導体 supply chain, 日本語 and English\n%%EOF\n");
        var document = await DocumentKit.UploadOk(kit.Doc, "Moved to PostgreSQL", content: content);
        await kit.Commitment("MOVE-1");
        var backupFile = Path.Combine(kit.Factory.Database.Folder, "sqlite-backup.zip");
        var backup = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "--out", backupFile);
        Assert.True(backup.ExitCode == 0, backup.Error);

        using var target = TestDatabase.Create(TestDatabase.PostgreSQL);
        var restore = await CliRunner.Run(TargetEnvironment(kit.Factory, target), "restore", backupFile);

        Assert.True(restore.ExitCode == 0, restore.Error + restore.Output);
        Assert.Contains("Audit chain intact", restore.Output, StringComparison.Ordinal);
        foreach (var table in ReadManifest(backupFile).Tables)
        {
            Assert.Equal((table.Table, table.Rows), (table.Table, await Count(target, table.Table)));
        }

        // The restored PostgreSQL database serves the document to the same token, and keeps numbering after the restored ids.
        await using var moved = new TandemFactory(TestDatabase.PostgreSQL, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tandem"] = target.ConnectionString,
            ["Tandem:Audit:KeyPath"] = Path.Combine(kit.Factory.Database.Folder, "audit-key.pem"),
            ["Tandem:Audit:WitnessPath"] = Path.Combine(target.Folder, "audit-witness.jsonl"),
        });
        using var client = moved.CreateClient();
        client.DefaultRequestHeaders.Authorization = kit.Doc.DefaultRequestHeaders.Authorization;
        using var download = await client.GetAsync(new Uri($"/api/v1/documents/{document.Id}/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        await DocumentKit.UploadOk(client, "Written after the move");
        var verified = await moved.WithDb(db => Tandem.Core.Audit.VerifyAuditChain.Handle(db,
            moved.Services.GetRequiredService<Tandem.Core.Audit.AuditSigner>(), CancellationToken.None));
        Assert.True(verified.Intact, verified.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Restore_OfABackupWithOneFlippedByte_IsRefusedAndWritesNothing(string provider)
    {
        await using var kit = await CycleKit.Start(provider);
        await DocumentKit.UploadOk(kit.Doc, "Tampered in the backup");
        var backupFile = Path.Combine(kit.Factory.Database.Folder, "backup.zip");
        var backup = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "--out", backupFile);
        Assert.True(backup.ExitCode == 0, backup.Error);

        // One byte of the documents' entry changes; the ZIP itself stays well-formed (its CRC is rewritten), only the manifest's hash can tell.
        var entry = ReadManifest(backupFile).Tables.Single(t => t.Table == "DocumentContents").Entry;
        using (var zip = ZipFile.Open(backupFile, ZipArchiveMode.Update))
        {
            byte[] bytes;
            using (var stream = zip.GetEntry(entry)!.Open())
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy);
                bytes = copy.ToArray();
            }

            bytes[bytes.Length / 2] ^= 0x01;
            zip.GetEntry(entry)!.Delete();
            using var replaced = zip.CreateEntry(entry).Open();
            await replaced.WriteAsync(bytes);
        }

        var verify = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "verify", backupFile);
        using var target = TestDatabase.Create(provider);
        var restore = await CliRunner.Run(TargetEnvironment(kit.Factory, target), "restore", backupFile);

        Assert.Equal(BackupExit.BadBackup, verify.ExitCode);
        Assert.Contains($"{entry} is damaged (SHA-256", verify.Error, StringComparison.Ordinal);
        Assert.Equal(BackupExit.BadBackup, restore.ExitCode);
        Assert.Contains($"{entry} is damaged", restore.Error, StringComparison.Ordinal);
        foreach (var table in new[] { "AuditEntries", "AspNetUsers", "Documents", "DocumentContents", "Commitment", "Agencies" })
        {
            Assert.Equal((table, 0L), (table, await Count(target, table)));
        }
    }

    [Fact]
    public async Task Backup_MissingDamagedForeignOrIntoAFullDatabase_EachRefusedWithItsReason()
    {
        await using var kit = await CycleKit.Start(TestDatabase.Sqlite);
        var folder = kit.Factory.Database.Folder;
        var backupFile = Path.Combine(folder, "backup.zip");
        Assert.Equal(0, (await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "--out", backupFile)).ExitCode);

        var missing = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "verify", Path.Combine(folder, "nowhere.zip"));
        Assert.Equal(BackupExit.BadBackup, missing.ExitCode);
        Assert.Contains("no backup file at", missing.Error, StringComparison.Ordinal);

        var truncated = Path.Combine(folder, "truncated.zip");
        var whole = await File.ReadAllBytesAsync(backupFile);
        await File.WriteAllBytesAsync(truncated, whole[..(whole.Length / 2)]);
        var damaged = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "verify", truncated);
        Assert.Equal(BackupExit.BadBackup, damaged.ExitCode);
        Assert.Contains("is not a readable backup", damaged.Error, StringComparison.Ordinal);

        var future = Path.Combine(folder, "future.zip");
        File.Copy(backupFile, future);
        using (var zip = ZipFile.Open(future, ZipArchiveMode.Update))
        {
            string text;
            using (var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open()))
            {
                text = await reader.ReadToEndAsync();
            }

            zip.GetEntry("manifest.json")!.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            await writer.WriteAsync(text.Replace("\"formatVersion\": 1", "\"formatVersion\": 2", StringComparison.Ordinal));
        }

        var newer = await CliRunner.Run(SourceEnvironment(kit.Factory), "backup", "verify", future);
        Assert.Equal(BackupExit.BadBackup, newer.ExitCode);
        Assert.Contains("is in backup format version 2; this version of Tandem reads version 1 only", newer.Error, StringComparison.Ordinal);

        // Restoring over the live database itself: refused, and it keeps every row.
        var users = await Count(kit.Factory.Database, "AspNetUsers");
        var full = await CliRunner.Run(SourceEnvironment(kit.Factory), "restore", backupFile);
        Assert.Equal(BackupExit.NotEmpty, full.ExitCode);
        Assert.Contains("the target database is not empty", full.Error, StringComparison.Ordinal);
        Assert.Equal(users, await Count(kit.Factory.Database, "AspNetUsers"));
    }

    private static Dictionary<string, string?> SourceEnvironment(TandemFactory factory)
    {
        var environment = CliRunner.EnvironmentFor(factory.Database);
        environment["Tandem__Trade__Store"] = Path.Combine(factory.Database.Folder, "trade.duckdb");
        return environment;
    }

    /// <summary>The new database, with the source's signing key (kept apart from backups) and a witness of its own.</summary>
    private static Dictionary<string, string?> TargetEnvironment(TandemFactory source, TestDatabase target)
    {
        var environment = CliRunner.EnvironmentFor(target);
        environment["Tandem__Audit__KeyPath"] = Path.Combine(source.Database.Folder, "audit-key.pem");
        environment["Tandem__Audit__WitnessPath"] = Path.Combine(target.Folder, "audit-witness.jsonl");
        environment["Tandem__Trade__Store"] = Path.Combine(target.Folder, "trade.duckdb");
        return environment;
    }

    private static void CreateTradeStore(TandemFactory factory)
    {
        using var store = TradeStore.Open(Path.Combine(factory.Database.Folder, "trade.duckdb")).Value;
    }

    private static BackupManifest ReadManifest(string file)
    {
        using var archive = BackupArchive.Open(file);
        return archive.Manifest;
    }

    private static TandemDbContext Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<TandemDbContext>();
        DatabaseSettings.Parse(database.Provider, database.ConnectionString).Apply(options);
        return new TandemDbContext(options.Options);
    }

    private static Task<long> Count(TestDatabase database, string table) => Scalar(database, $"SELECT COUNT(*) FROM \"{table}\"");

    private static async Task<long> Scalar(TestDatabase database, string sql)
    {
        await using var db = Open(database);
        await using DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

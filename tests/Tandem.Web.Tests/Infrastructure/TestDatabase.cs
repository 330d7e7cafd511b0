using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Core.Data;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database of its own for one test host: a temp SQLite file, or a new database on
/// the throw-away PostgreSQL cluster that scripts/test.sh starts (TANDEM_TEST_POSTGRES).
/// Migrating costs far more than copying, so each provider is migrated once per test run into a
/// template, and every test gets a copy of it (a file copy, or <c>CREATE DATABASE … TEMPLATE</c>).
/// The template holds the schema and the rows the migrations themselves insert, nothing written
/// by the app: no audit entries (each test signs its chain with its own key), no roles, no keys.
/// Tests of the demo get a second template per provider (<see cref="CreateWithDemo"/>): the app started
/// once on a copy of the first with the demo on, copied together with the folder holding its audit key.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSQL = "PostgreSQL";

    private const string SqliteFileName = "tandem.db";

    private static readonly Lazy<string> SqliteTemplate = new(CreateSqliteTemplate, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> PostgresTemplate = new(CreatePostgresTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly ConcurrentDictionary<(string Provider, DateOnly Day), Lazy<TestDatabase>> DemoTemplates = new();

    private readonly string? _folder;
    private readonly string? _pgDatabase;

    private TestDatabase(string provider, string connectionString, string? folder, string? pgDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _pgDatabase = pgDatabase;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES");

    /// <summary>The providers every database test runs against: SQLite always, PostgreSQL when the script started it.</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (!string.IsNullOrEmpty(PostgresAdmin))
            {
                data.Add(PostgreSQL);
            }

            return data;
        }
    }

    /// <summary>A database already at the latest migration, which no other test sees.</summary>
    public static TestDatabase Create(string provider)
    {
        var folder = NewFolder();
        if (provider == Sqlite)
        {
            var file = Path.Combine(folder, SqliteFileName);
            CopySqlite(SqliteTemplate.Value, file);
            return new TestDatabase(provider, $"Data Source={file}", folder, null);
        }

        var admin = AdminConnectionString();
        var name = "tandem_" + Guid.NewGuid().ToString("N");
        CreatePostgresDatabase(admin, name, PostgresTemplate.Value);
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, folder, name);
    }

    /// <summary>
    /// A database and folder in the state the app leaves them after its first start with the demo on: the demo
    /// scenario loaded, its audit entries signed with the audit key in <see cref="Folder"/> (the copy's own file,
    /// which the host must use: <c>Tandem:Audit:KeyPath</c> in this folder). No other test sees it.
    /// </summary>
    public static TestDatabase CreateWithDemo(string provider)
    {
        // The demo dates its commitments and progress from today: a run that passes midnight (UTC) makes a new template.
        var template = DemoTemplates.GetOrAdd((provider, DateOnly.FromDateTime(DateTime.UtcNow)),
            key => new Lazy<TestDatabase>(() => CreateDemoTemplate(key.Provider), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        var folder = NewFolder();
        CopyFolder(template.Folder, folder);
        if (provider == Sqlite)
        {
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, SqliteFileName)}", folder, null);
        }

        var admin = AdminConnectionString();
        var name = "tandem_" + Guid.NewGuid().ToString("N");
        CreatePostgresDatabase(admin, name, template._pgDatabase!);
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, folder, name);
    }

    /// <summary>A folder beside the database for files the app keeps outside it (audit key, uploads).</summary>
    public string Folder => _folder!;

    public void Dispose()
    {
        if (_pgDatabase is not null && PostgresAdmin is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            DropPostgresDatabase(admin, _pgDatabase);
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing host is removed with the temp folder later.
            }
        }
    }

    /// <summary>
    /// Where test folders go: Linux's memory file system when there is one, else the temp folder. Every test writes a
    /// database copy and its log there and deletes them minutes later; on a disk those writes (and SQLite's syncs)
    /// wait for a device shared with the builds, in memory they do not. TANDEM_TEST_TEMP chooses another place.
    /// </summary>
    public static string Root { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("TANDEM_TEST_TEMP") is { Length: > 0 } chosen ? chosen
            : OperatingSystem.IsLinux() && Directory.Exists("/dev/shm") ? "/dev/shm"
            : Path.GetTempPath(),
        "tandem-tests");

    private static string NewFolder()
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string AdminConnectionString() =>
        PostgresAdmin ?? throw new InvalidOperationException("TANDEM_TEST_POSTGRES is not set: run the tests through scripts/test.sh.");

    /// <summary>Migrates with the app's own provider settings, so the template is what start-up would have made.</summary>
    private static void Migrate(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<TandemDbContext>();
        DatabaseSettings.Parse(provider, connectionString).Apply(options);
        using var db = new TandemDbContext(options.Options);
        db.Database.Migrate();
    }

    private static string CreateSqliteTemplate()
    {
        var folder = NewFolder();
        var file = Path.Combine(folder, SqliteFileName);

        // Without pooling the last connection really closes, so SQLite folds any write-ahead log
        // back into the file and a plain copy of it is the whole database.
        Migrate(Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(folder);
        return file;
    }

    /// <summary>
    /// Starts the app once, as a test would, on a fresh copy of the migrated template with the demo on, and keeps
    /// what it leaves behind. Pooling is off so that, once the host has stopped, no connection holds the SQLite file
    /// or the PostgreSQL database (which PostgreSQL needs before it copies a template).
    /// </summary>
    private static TestDatabase CreateDemoTemplate(string provider)
    {
        var database = Create(provider);
        var unpooled = provider == Sqlite
            ? new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString
            : new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
        using (var host = new TandemFactory(database, demo: true, new Dictionary<string, string?> { ["ConnectionStrings:Tandem"] = unpooled }, ownsDatabase: false))
        {
            // Asking for the services builds and starts the host: its start-up tasks load the demo.
            _ = host.Services;
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                database.Dispose();
            }
            catch (NpgsqlException)
            {
                // The cluster is thrown away after the run; a template left behind costs nothing.
            }
        };
        return database;
    }

    /// <summary>Everything the app wrote beside the database (audit key, witness file, the SQLite file itself).</summary>
    private static void CopyFolder(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }

    private static void CopySqlite(string template, string target)
    {
        File.Copy(template, target);

        // Only present if a journal mode keeps them after the last connection closed; copied so the pair stays consistent.
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(template + suffix))
            {
                File.Copy(template + suffix, target + suffix);
            }
        }
    }

    private static string CreatePostgresTemplate()
    {
        var admin = AdminConnectionString();
        var name = "tandem_template_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        // PostgreSQL copies a template only while nobody is connected to it: no pool may keep a connection open.
        Migrate(PostgreSQL, new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                DropPostgresDatabase(admin, name);
            }
            catch (NpgsqlException)
            {
                // The cluster is thrown away after the run; a template left behind costs nothing.
            }
        };
        return name;
    }

    private static void CreatePostgresDatabase(string admin, string name, string template)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(admin);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // "source database is being accessed by other users": a connection to the template is
                // still closing (autovacuum can visit it too); it is gone within moments.
                Thread.Sleep(50 * attempt);
            }
        }
    }

    private static void DropPostgresDatabase(string admin, string name)
    {
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }
}

using Npgsql;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test host: a temp SQLite file, or a new database on the
/// throw-away PostgreSQL cluster that scripts/test.sh starts (TANDEM_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSQL = "PostgreSQL";

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

    public static TestDatabase Create(string provider)
    {
        if (provider == Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "tandem-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "tandem.db")}", folder, null);
        }

        var admin = PostgresAdmin ?? throw new InvalidOperationException("TANDEM_TEST_POSTGRES is not set: run the tests through scripts/test.sh.");
        var name = "tandem_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var folderForKeys = Path.Combine(Path.GetTempPath(), "tandem-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folderForKeys);
        return new TestDatabase(provider, builder.ConnectionString, folderForKeys, name);
    }

    /// <summary>A folder beside the database for files the app keeps outside it (audit key, uploads).</summary>
    public string Folder => _folder!;

    public void Dispose()
    {
        if (_pgDatabase is not null && PostgresAdmin is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
}

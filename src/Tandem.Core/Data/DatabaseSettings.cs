using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tandem.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// <c>Tandem:Database:Provider</c> and <c>ConnectionStrings:Tandem</c>, checked once at start-up so
/// a typo is a one-line error naming the setting rather than a stack trace on first query.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Tandem:Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Tandem";
    public const string DefaultSqlite = "Data Source=data/tandem.db";

    public static DatabaseSettings Parse(string? provider, string? connectionString)
    {
        var kind = provider?.Trim() switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var p when p.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || p.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.PostgreSQL,
            var p => throw new ConfigurationException($"{ProviderKey} is '{p}': use Sqlite or PostgreSQL."),
        };

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (kind == DatabaseProvider.PostgreSQL)
            {
                throw new ConfigurationException($"{ConnectionStringKey} is required when {ProviderKey} is PostgreSQL.");
            }

            connectionString = DefaultSqlite;
        }

        try
        {
            if (kind == DatabaseProvider.Sqlite)
            {
                var builder = new SqliteConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    throw new ConfigurationException($"{ConnectionStringKey} has no Data Source.");
                }
            }
            else
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    throw new ConfigurationException($"{ConnectionStringKey} has no Host.");
                }
            }
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"{ConnectionStringKey} is not a valid {kind} connection string: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new ConfigurationException($"{ConnectionStringKey} is not a valid {kind} connection string: {e.Message}");
        }

        return new DatabaseSettings(kind, connectionString);
    }

    public void Apply(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder();
            options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Tandem.Migrations.Sqlite")).AddInterceptors(SqliteConnectionSetup.Instance);
        }
        else
        {
            options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Tandem.Migrations.PostgreSQL"));
        }
    }

    /// <summary>SQLite creates the file but not its folder; <c>./data/</c> is made on first start.</summary>
    private void EnsureSqliteFolder()
    {
        var source = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (source.Length > 0 && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(source));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
    }
}

/// <summary>A setting is wrong: the message names it and says what is expected.</summary>
public sealed class ConfigurationException(string message) : Exception(message);

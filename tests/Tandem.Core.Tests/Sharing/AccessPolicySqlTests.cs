using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tandem.Core.Data;
using Tandem.Core.Documents;
using Tandem.Core.Forums;
using Tandem.Core.Sharing;

namespace Tandem.Core.Tests.Sharing;

/// <summary>The access rule exists twice (in memory and in SQL); random labelled rows and readers prove they agree on both databases.</summary>
public sealed class AccessPolicySqlTests
{
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "Sqlite" };
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES")))
            {
                data.Add("PostgreSQL");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VisibleTo_RandomLabelsAndReaders_SelectsExactlyWhatCanSeeAllows(string provider)
    {
        await using var database = await MigratedDatabase.Create(provider);
        await using var db = database.Context();
        var owner = new Agency { Code = "OWNER", Party = "USA", Kind = AgencyKind.Ministry, NameEn = "Owner" };
        db.Agencies.Add(owner);
        var labels = LabelGenerators.Label.Sample(400);
        foreach (var (label, i) in labels.Select((l, i) => (l, i)))
        {
            db.Documents.Add(new Document { Title = $"doc {i}", OwnerAgencyId = owner.Id, CurrentVersion = 1, Label = LabelData.From(label) });
        }

        await db.SaveChangesAsync();
        var stored = await db.Documents.AsNoTracking().Select(d => new { d.Id, d.Label }).ToListAsync();

        foreach (var viewer in LabelGenerators.Viewer.Sample(40))
        {
            var inSql = await db.Documents.AsNoTracking().VisibleTo(viewer).Select(d => d.Id).ToListAsync();
            var inMemory = stored.Where(d => AccessPolicy.CanSee(viewer, d.Label)).Select(d => d.Id).ToList();

            Assert.Equal(inMemory.Order(), inSql.Order());

            var addressedInSql = await db.Documents.AsNoTracking().VisibleToAddressee(viewer).Select(d => d.Id).ToListAsync();
            var addressedInMemory = stored.Where(d => AccessPolicy.CanSeeAsAddressee(viewer, d.Label)).Select(d => d.Id).ToList();

            Assert.Equal(addressedInMemory.Order(), addressedInSql.Order());
        }
    }

    /// <summary>A freshly migrated database of one provider, dropped afterwards.</summary>
    private sealed class MigratedDatabase : IAsyncDisposable
    {
        private readonly DatabaseSettings _settings;
        private readonly string? _pgName;
        private readonly string? _file;

        private MigratedDatabase(DatabaseSettings settings, string? pgName, string? file)
        {
            _settings = settings;
            _pgName = pgName;
            _file = file;
        }

        public static async Task<MigratedDatabase> Create(string provider)
        {
            MigratedDatabase database;
            if (provider == "Sqlite")
            {
                var file = Path.Combine(Path.GetTempPath(), $"tandem-core-{Guid.NewGuid():N}.db");
                database = new MigratedDatabase(DatabaseSettings.Parse(provider, $"Data Source={file}"), null, file);
            }
            else
            {
                var admin = Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES")!;
                var name = "tandem_core_" + Guid.NewGuid().ToString("N");
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await command.ExecuteNonQueryAsync();
                }

                var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
                database = new MigratedDatabase(DatabaseSettings.Parse(provider, cs), name, null);
            }

            await using var db = database.Context();
            await db.Database.MigrateAsync();
            return database;
        }

        public TandemDbContext Context()
        {
            var options = new DbContextOptionsBuilder<TandemDbContext>();
            _settings.Apply(options);
            return new TandemDbContext(options.Options);
        }

        public async ValueTask DisposeAsync()
        {
            if (_pgName is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TANDEM_TEST_POSTGRES"));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }

            if (_file is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(_file);
            }
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Data;

namespace Tandem.Core.Tests.Data;

/// <summary>
/// A database made before the migrations were squashed into one baseline records migrations this version does
/// not have; migrating it would fail half-way on tables that already exist. It must be refused before anything is
/// written, with a message that says what to do, and a fresh database must still be created as before.
/// </summary>
public sealed class SchemaMigratorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tandem-migrator-").FullName;

    [Fact]
    public async Task EmptyFolder_GetsTheCurrentSchema()
    {
        await using var db = Context();

        await SchemaMigrator.MigrateAsync(db.Database);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Agencies.CountAsync());
    }

    [Fact]
    public async Task DatabaseFromAPreReleaseBuild_IsRefusedWithWhatToDo_AndLeftUntouched()
    {
        await using (var db = Context())
        {
            await SchemaMigrator.MigrateAsync(db.Database);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20261127232316_Initial', '10.0.0')");
        }

        await using var again = Context();
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => SchemaMigrator.MigrateAsync(again.Database));

        Assert.Contains("pre-release build", error.Message);
        Assert.Contains("20261127232316_Initial", error.Message);
        Assert.Contains("Move it aside", error.Message);
        Assert.Contains("20261127232316_Initial", await again.Database.GetAppliedMigrationsAsync());
    }

    private TandemDbContext Context()
    {
        var options = new DbContextOptionsBuilder<TandemDbContext>();
        DatabaseSettings.Parse("Sqlite", $"Data Source={Path.Combine(_folder, "tandem.db")};Pooling=False").Apply(options);
        return new TandemDbContext(options.Options);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

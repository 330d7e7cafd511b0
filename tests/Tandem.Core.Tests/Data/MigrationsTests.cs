using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Tests.Data;

/// <summary>
/// The model in the code and the migrations of each provider must describe the same schema. A model
/// change without its migration would otherwise pass every test (they start from databases built by
/// the migrations) and fail only on a real server, when the app reads a column nobody created.
/// No database server is needed: the comparison is between the code and the migrations' snapshot.
/// </summary>
public sealed class MigrationsTests
{
    // Placeholders only: the model is built and compared without ever connecting.
    private const string SqliteConnection = "Data Source=model-comparison.db";
    private const string PostgresConnection = "Host=127.0.0.1;Database=model_comparison";

    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSQL" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_MatchesTheMigrations(string provider)
    {
        using var db = Context(provider);

        var differences = Differences(db);

        Assert.True(differences.Count == 0,
            $"The model has changes without a {provider} migration: {Describe(differences)}. " +
            $"Add one for both providers (dotnet ef migrations add, project src/Tandem.Migrations.{provider}).");
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_WithAColumnNoMigrationCreates_IsReportedWithItsTable(string provider)
    {
        using var db = Context(provider, drift: true);

        var differences = Differences(db);

        var added = Assert.Single(differences.OfType<AddColumnOperation>());
        Assert.Equal(("Agencies", "Nickname"), (added.Table, added.Name));
        Assert.True(db.Database.HasPendingModelChanges());
    }

    private static TandemDbContext Context(string provider, bool drift = false)
    {
        var options = new DbContextOptionsBuilder<TandemDbContext>();
        DatabaseSettings.Parse(provider, provider == "Sqlite" ? SqliteConnection : PostgresConnection).Apply(options);
        if (drift)
        {
            options.ReplaceService<IModelCustomizer, ColumnWithoutMigration>();
        }

        return new TandemDbContext(options.Options);
    }

    /// <summary>What a new migration would contain: the migrations' snapshot compared with the model in the code.</summary>
    private static IReadOnlyList<MigrationOperation> Differences(TandemDbContext db)
    {
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot?.Model
            ?? throw new InvalidOperationException("The migrations assembly has no model snapshot.");
        if (snapshot is IMutableModel mutable)
        {
            snapshot = mutable.FinalizeModel();
        }

        var migrated = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot, designTime: true);
        return db.GetService<IMigrationsModelDiffer>().GetDifferences(migrated.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
    }

    private static string Describe(IEnumerable<MigrationOperation> operations) => string.Join("; ", operations.Select(o => o switch
    {
        ColumnOperation c => $"{o.GetType().Name.Replace("Operation", "", StringComparison.Ordinal)} {c.Table}.{c.Name}",
        ITableMigrationOperation t => $"{o.GetType().Name.Replace("Operation", "", StringComparison.Ordinal)} {t.Table}",
        _ => o.GetType().Name.Replace("Operation", "", StringComparison.Ordinal),
    }));

    /// <summary>The real model plus one column that no migration adds: what forgetting a migration looks like.</summary>
    private sealed class ColumnWithoutMigration(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<Agency>().Property<string>("Nickname");
        }
    }
}

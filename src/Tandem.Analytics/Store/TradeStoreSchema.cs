using DuckDB.NET.Data;
using Tandem.Analytics.CodeLists;

namespace Tandem.Analytics.Store;

/// <summary>
/// The store's own migrations, applied in order on open. Each step runs once and is recorded in
/// <c>schema_version</c>; a store written by a newer Tandem is refused rather than guessed at.
/// </summary>
internal static class TradeStoreSchema
{
    public const int CurrentVersion = 2;

    private const string Version1 = """
        CREATE TABLE imports (
            import_id     INTEGER PRIMARY KEY,
            file_name     VARCHAR NOT NULL,
            sha256        VARCHAR NOT NULL,
            size_bytes    BIGINT NOT NULL,
            source        VARCHAR NOT NULL,
            data_version  VARCHAR NOT NULL,
            years         INTEGER[] NOT NULL,
            rows          BIGINT NOT NULL,
            bad_rows      BIGINT NOT NULL,
            skipped_rows  BIGINT NOT NULL,
            imported_at   TIMESTAMP NOT NULL,
            superseded_by INTEGER,
            table_name    VARCHAR NOT NULL,
            -- Rows with a positive value repeating the (year, exporter, importer, hs6) of an earlier one; NULL until counted (see PairFlows).
            duplicate_pairs BIGINT
        );
        -- Each import writes its own table flows_NNNNNN straight from read_csv (one pass, the cost of a plain
        -- CREATE TABLE AS), and the flows view is the UNION ALL of the active ones. Replacing a year drops a table
        -- instead of deleting millions of rows. No primary key or index: an ART index would slow an 11-million-row
        -- insert several fold, and every query here is a columnar scan anyway.
        CREATE TABLE flows_empty (
            source     VARCHAR NOT NULL,
            year       INTEGER NOT NULL,
            exporter   iso3 NOT NULL,
            importer   iso3 NOT NULL,
            hs6        VARCHAR(6) NOT NULL,
            value      DOUBLE NOT NULL,
            quantity   DOUBLE,
            reporter   iso3,
            reported   VARCHAR(1),
            import_id  INTEGER NOT NULL
        );
        CREATE VIEW flows AS SELECT * FROM flows_empty;
        CREATE TABLE products (hs6 VARCHAR(6) PRIMARY KEY, description VARCHAR NOT NULL, section VARCHAR NOT NULL);
        CREATE TABLE hs_sections (section VARCHAR PRIMARY KEY, name VARCHAR NOT NULL);
        CREATE TABLE countries (iso3 VARCHAR PRIMARY KEY, iso2 VARCHAR, numeric INTEGER, name VARCHAR NOT NULL);
        CREATE TABLE baci_countries (code INTEGER PRIMARY KEY, iso3 VARCHAR NOT NULL, name VARCHAR NOT NULL);
        CREATE TABLE baskets (basket VARCHAR NOT NULL, hs6 VARCHAR(6) NOT NULL, reason VARCHAR NOT NULL);
        """;

    // Screening summaries (ADR-0102): per active BACI import, its flows aggregated once per importer × product × year
    // with the world-side columns joined in. Derived data only: a row here names a table built from the import's
    // current flows, and is removed with that table whenever the import's flows change (see ScreeningSummaries).
    private const string Version2 = """
        CREATE TABLE screening_summaries (
            import_id  INTEGER PRIMARY KEY,
            table_name VARCHAR NOT NULL,
            built_at   TIMESTAMP NOT NULL
        );
        """;

    public static Result<int> Migrate(DuckDBConnection connection)
    {
        Sql.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)");
        var current = Sql.Scalar<int?>(connection, "SELECT max(version) FROM schema_version") ?? 0;
        if (current > CurrentVersion)
        {
            return Result<int>.Fail(FailureKind.Conflict,
                $"the trade store has schema version {current}, newer than this Tandem understands ({CurrentVersion})");
        }

        if (current < 1)
        {
            using var tx = connection.BeginTransaction();
            // Countries are an ENUM: stored and grouped as small integers, read and compared as ISO3 text. Members are
            // in alphabetical order, so ordering by a country column is alphabetical (the screening's tie-break
            // relies on it).
            var members = string.Join(",", TradeCodeLists.Default.KnownIso3.Order(StringComparer.Ordinal).Select(Sql.Literal));
            Sql.Execute(connection, $"CREATE TYPE iso3 AS ENUM ({members})");
            Sql.Execute(connection, Version1);
            LoadCodeLists(connection, TradeCodeLists.Default, ProductBaskets.All);
            Sql.Execute(connection, "INSERT INTO schema_version VALUES (1, now()::TIMESTAMP)");
            tx.Commit();
        }

        if (current < 2)
        {
            using var tx = connection.BeginTransaction();
            Sql.Execute(connection, Version2);
            Sql.Execute(connection, "INSERT INTO schema_version VALUES (2, now()::TIMESTAMP)");
            tx.Commit();
        }

        return CurrentVersion;
    }

    private static void LoadCodeLists(DuckDBConnection connection, TradeCodeLists lists, IReadOnlyList<ProductBasket> baskets)
    {
        using (var appender = connection.CreateAppender("products"))
        {
            foreach (var p in lists.Products)
            {
                appender.CreateRow().AppendValue(p.Hs6).AppendValue(p.Description).AppendValue(p.Section).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("hs_sections"))
        {
            foreach (var s in lists.Sections)
            {
                appender.CreateRow().AppendValue(s.Section).AppendValue(s.Name).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("countries"))
        {
            foreach (var c in lists.Countries)
            {
                appender.CreateRow().AppendValue(c.Iso3).AppendValue(c.Iso2).AppendValue(c.Numeric).AppendValue(c.Name).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("baci_countries"))
        {
            foreach (var c in lists.BaciCountries)
            {
                appender.CreateRow().AppendValue(c.Code).AppendValue(c.Iso3).AppendValue(c.Name).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("baskets"))
        {
            foreach (var b in baskets)
            {
                foreach (var p in b.Products)
                {
                    appender.CreateRow().AppendValue(b.Name).AppendValue(p.Hs6).AppendValue(p.Reason).EndRow();
                }
            }
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Migrations.PostgreSQL;

/// <summary>
/// Every statement that inserts, updates, deletes or truncates rows of a counted table adds one to its row in
/// "ChangeStamps", inside the writer's transaction, so cached list totals notice writes from any instance, the
/// command line or plain SQL.
/// </summary>
internal static class ChangeStampTriggers
{
    public static void Create(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION tandem_bump_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "ChangeStamps" SET "Stamp" = "Stamp" + 1 WHERE "Name" = TG_TABLE_NAME;
                RETURN NULL;
            END;
            $$;
            """);
        foreach (var table in tables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION tandem_bump_change_stamp();
                """);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_stamp\" ON \"{table}\";");
        }

        migrationBuilder.Sql("DROP FUNCTION IF EXISTS tandem_bump_change_stamp();");
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Migrations.PostgreSQL;

/// <summary>
/// The audit log is append-only: triggers reject UPDATE, DELETE and TRUNCATE of audit entries and
/// checkpoints, and those privileges are revoked from PUBLIC, so even a tool that bypasses Tandem
/// cannot rewrite history silently.
/// </summary>
internal static class AuditAppendOnly
{
    private static readonly string[] Tables = ["AuditEntries", "AuditCheckpoints"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION tandem_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END;
            $$;
            """);
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}"
                FOR EACH ROW EXECUTE FUNCTION tandem_audit_append_only();
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION tandem_audit_append_only();
                """);
            migrationBuilder.Sql($"REVOKE UPDATE, DELETE, TRUNCATE ON \"{table}\" FROM PUBLIC;");
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_append_only\" ON \"{table}\";");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_truncate\" ON \"{table}\";");
        }

        migrationBuilder.Sql("DROP FUNCTION IF EXISTS tandem_audit_append_only();");
    }
}

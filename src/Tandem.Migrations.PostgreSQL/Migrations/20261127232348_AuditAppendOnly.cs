using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <summary>
    /// The audit log is append-only (SECURITY.md row 16): triggers reject UPDATE, DELETE and
    /// TRUNCATE of audit entries and checkpoints, and the privileges are revoked from PUBLIC.
    /// </summary>
    public partial class AuditAppendOnly : Migration
    {
        private static readonly string[] Tables = ["AuditEntries", "AuditCheckpoints"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_append_only\" ON \"{table}\";");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_truncate\" ON \"{table}\";");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS tandem_audit_append_only();");
        }
    }
}

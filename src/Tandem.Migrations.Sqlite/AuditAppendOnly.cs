using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Migrations.Sqlite;

/// <summary>
/// The audit log is append-only: SQLite triggers abort any UPDATE or DELETE of audit entries and
/// checkpoints, whoever issues it, so even a tool that bypasses Tandem cannot rewrite history silently.
/// </summary>
internal static class AuditAppendOnly
{
    private static readonly string[] Tables = ["AuditEntries", "AuditCheckpoints"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_update" BEFORE UPDATE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}"
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
                """);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_update\";");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_no_delete\";");
        }
    }
}

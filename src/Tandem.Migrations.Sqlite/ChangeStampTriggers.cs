using Microsoft.EntityFrameworkCore.Migrations;

namespace Tandem.Migrations.Sqlite;

/// <summary>
/// Every insert, update and delete of a counted table adds one to its row in "ChangeStamps", inside the writer's
/// transaction, so cached list totals notice writes from any instance, the command line or plain SQL.
/// </summary>
internal static class ChangeStampTriggers
{
    private static readonly string[] Events = ["INSERT", "UPDATE", "DELETE"];

    public static void Create(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            foreach (var change in Events)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_stamp_{change.ToLowerInvariant()}" AFTER {change} ON "{table}"
                    BEGIN UPDATE "ChangeStamps" SET "Stamp" = "Stamp" + 1 WHERE "Name" = '{table}'; END;
                    """);
            }
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder, IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            foreach (var change in Events)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{table}_stamp_{change.ToLowerInvariant()}\";");
            }
        }
    }
}

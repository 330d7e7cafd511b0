using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tandem.Core.Data;

#nullable disable

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <summary>
    /// Audit details long enough to name every record of a list page (up to 200 ids). Widening a varchar is a
    /// catalogue change in PostgreSQL: no row is rewritten, and the append-only trigger is untouched.
    /// </summary>
    [DbContext(typeof(TandemDbContext))]
    [Migration("20261204170000_ListReadAudit")]
    public partial class ListReadAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"AuditEntries\" ALTER COLUMN \"Details\" TYPE character varying(10000);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"AuditEntries\" ALTER COLUMN \"Details\" TYPE character varying(2000);");
        }
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tandem.Core.Data;

#nullable disable

namespace Tandem.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Audit details long enough to name every record of a list page. SQLite does not enforce text lengths, so only
    /// the model changes; the table is deliberately not rebuilt (a rebuild would drop its append-only triggers).
    /// </summary>
    [DbContext(typeof(TandemDbContext))]
    [Migration("20261204170000_ListReadAudit")]
    public partial class ListReadAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}

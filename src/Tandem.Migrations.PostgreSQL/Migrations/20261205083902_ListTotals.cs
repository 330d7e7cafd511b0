using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ListTotals : Migration
    {
        private static readonly string[] Counted = ["Agencies", "Commitment", "CommitmentResponsibilities", "Documents", "Tracks"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeStamps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeStamps", x => x.Name);
                });

            migrationBuilder.InsertData(
                table: "ChangeStamps",
                columns: new[] { "Name", "Stamp" },
                values: new object[,]
                {
                    { "Agencies", 0L },
                    { "Commitment", 0L },
                    { "CommitmentResponsibilities", 0L },
                    { "Documents", 0L },
                    { "Tracks", 0L }
                });

            ChangeStampTriggers.Create(migrationBuilder, Counted);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ChangeStampTriggers.Drop(migrationBuilder, Counted);
            migrationBuilder.DropTable(
                name: "ChangeStamps");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DocumentRefinements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Documents_DeletedAt_UpdatedAt",
                table: "Documents");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_DeletedAt_UpdatedAt_Id",
                table: "Documents",
                columns: new[] { "DeletedAt", "UpdatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Documents_DeletedAt_UpdatedAt_Id",
                table: "Documents");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_DeletedAt_UpdatedAt",
                table: "Documents",
                columns: new[] { "DeletedAt", "UpdatedAt" });
        }
    }
}

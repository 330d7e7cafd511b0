using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class SearchFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Kind_Id",
                table: "SearchEntries",
                columns: new[] { "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_TrackId_Id",
                table: "SearchEntries",
                columns: new[] { "TrackId", "Id" });

            // Search filtered by label level reads the newest rows of that level through this index (ADR-010); it is
            // written here because the level is a column of the owned label, which the model cannot index with the key.
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchEntries_LabelLevel_Id" ON "SearchEntries" ("LabelLevel", "Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_SearchEntries_LabelLevel_Id";""");

            migrationBuilder.DropIndex(
                name: "IX_SearchEntries_Kind_Id",
                table: "SearchEntries");

            migrationBuilder.DropIndex(
                name: "IX_SearchEntries_TrackId_Id",
                table: "SearchEntries");
        }
    }
}

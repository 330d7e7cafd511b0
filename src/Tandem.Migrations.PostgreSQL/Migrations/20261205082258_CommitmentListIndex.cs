using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class CommitmentListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Commitment_Live_ForumId_Code_Id",
                table: "Commitment",
                columns: new[] { "ForumId", "Code", "Id" },
                filter: "\"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Commitment_Live_ForumId_Code_Id",
                table: "Commitment");
        }
    }
}

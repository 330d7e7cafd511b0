using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Evidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Analysis",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    DataSources = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ResultCsv = table.Column<string>(type: "TEXT", nullable: false),
                    ResultRows = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    LabelLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    LabelParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    LabelAgencies = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LabelUsers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LabelCommunityOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabelOriginatorOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabelCaveats = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEmbargoedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LabelOriginator = table.Column<Guid>(type: "TEXT", nullable: false),
                    LabelOriginatingParty = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Analysis", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AnalysisLink",
                columns: table => new
                {
                    AnalysisId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LinkedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisLink", x => new { x.AnalysisId, x.TargetType, x.TargetId });
                    table.ForeignKey(
                        name: "FK_AnalysisLink_Analysis_AnalysisId",
                        column: x => x.AnalysisId,
                        principalTable: "Analysis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Analysis_CreatedAt",
                table: "Analysis",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisLink_TargetType_TargetId",
                table: "AnalysisLink",
                columns: new[] { "TargetType", "TargetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalysisLink");

            migrationBuilder.DropTable(
                name: "Analysis");
        }
    }
}

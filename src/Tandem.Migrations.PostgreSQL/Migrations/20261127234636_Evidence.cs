using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.PostgreSQL.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ParametersJson = table.Column<string>(type: "text", nullable: false),
                    DataSources = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ResultCsv = table.Column<string>(type: "text", nullable: false),
                    ResultRows = table.Column<int>(type: "integer", nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    LabelLevel = table.Column<int>(type: "integer", nullable: false),
                    LabelParties = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LabelAgencies = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LabelUsers = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LabelCommunityOnly = table.Column<bool>(type: "boolean", nullable: false),
                    LabelOriginatorOnly = table.Column<bool>(type: "boolean", nullable: false),
                    LabelCaveats = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LabelEmbargoedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    LabelOriginator = table.Column<Guid>(type: "uuid", nullable: false),
                    LabelOriginatingParty = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Analysis", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AnalysisLink",
                columns: table => new
                {
                    AnalysisId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<Guid>(type: "uuid", nullable: false)
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

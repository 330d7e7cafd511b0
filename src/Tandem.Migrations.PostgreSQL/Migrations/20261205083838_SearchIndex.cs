using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    ForumId = table.Column<Guid>(type: "uuid", nullable: true),
                    TrackId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Parties = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    IsDraft = table.Column<bool>(type: "boolean", nullable: false),
                    OpenToAllRegistered = table.Column<bool>(type: "boolean", nullable: false),
                    Date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    TitleJa = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    ContentVersion = table.Column<int>(type: "integer", nullable: false),
                    Marking = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LabelLevel = table.Column<int>(type: "integer", nullable: false),
                    LabelParties = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LabelAgencies = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LabelUsers = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LabelCommunityOnly = table.Column<bool>(type: "boolean", nullable: false),
                    LabelOriginatorOnly = table.Column<bool>(type: "boolean", nullable: false),
                    LabelCaveats = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LabelEmbargoedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    LabelOriginator = table.Column<Guid>(type: "uuid", nullable: false),
                    LabelOriginatingParty = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Date",
                table: "SearchEntries",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Kind_RecordId",
                table: "SearchEntries",
                columns: new[] { "Kind", "RecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_ParentId",
                table: "SearchEntries",
                column: "ParentId");

            // The full-text index over the entries (ADR-010): a tsvector (generated, so always in step with the row) with a GIN
            // index ranks word matches; a pg_trgm GIN index over the same text answers substring matches of three or more
            // characters, which Japanese needs as it has no word breaks. Search queries use exactly this expression.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""
                ALTER TABLE "SearchEntries" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, "Title" || ' ' || "TitleJa"), 'A')
                    || setweight(to_tsvector('simple'::regconfig, "Body" || ' ' || "Content"), 'B')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchEntries_SearchVector" ON "SearchEntries" USING GIN ("SearchVector");""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_SearchEntries_Text" ON "SearchEntries" USING GIN (("Title" || ' ' || "TitleJa" || ' ' || "Body" || ' ' || "Content") gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_SearchEntries_Text";""");
            migrationBuilder.Sql("""DROP INDEX "IX_SearchEntries_SearchVector";""");
            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}

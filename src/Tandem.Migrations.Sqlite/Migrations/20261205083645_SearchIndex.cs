using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Parties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsDraft = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpenToAllRegistered = table.Column<bool>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    ContentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Marking = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    LabelLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    LabelParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    LabelAgencies = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LabelUsers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LabelCommunityOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabelOriginatorOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabelCaveats = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEmbargoedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LabelOriginator = table.Column<Guid>(type: "TEXT", nullable: false),
                    LabelOriginatingParty = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
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

            // The full-text index over the entries (ADR-010): an FTS5 table with the trigram tokenizer, which finds any
            // substring of three or more characters and so needs no word breaks for Japanese. It stores no text of its
            // own (external content); the triggers keep it in step with every write to SearchEntries, in the same transaction.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "SearchIndex" USING fts5("Title", "TitleJa", "Body", "Content", content='SearchEntries', content_rowid='Id', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Inserted" AFTER INSERT ON "SearchEntries" BEGIN
                    INSERT INTO "SearchIndex"(rowid, "Title", "TitleJa", "Body", "Content") VALUES (new."Id", new."Title", new."TitleJa", new."Body", new."Content");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Deleted" AFTER DELETE ON "SearchEntries" BEGIN
                    INSERT INTO "SearchIndex"("SearchIndex", rowid, "Title", "TitleJa", "Body", "Content") VALUES ('delete', old."Id", old."Title", old."TitleJa", old."Body", old."Content");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_Updated" AFTER UPDATE OF "Title", "TitleJa", "Body", "Content" ON "SearchEntries" BEGIN
                    INSERT INTO "SearchIndex"("SearchIndex", rowid, "Title", "TitleJa", "Body", "Content") VALUES ('delete', old."Id", old."Title", old."TitleJa", old."Body", old."Content");
                    INSERT INTO "SearchIndex"(rowid, "Title", "TitleJa", "Body", "Content") VALUES (new."Id", new."Title", new."TitleJa", new."Body", new."Content");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "SearchEntries_Updated";""");
            migrationBuilder.Sql("""DROP TRIGGER "SearchEntries_Deleted";""");
            migrationBuilder.Sql("""DROP TRIGGER "SearchEntries_Inserted";""");
            migrationBuilder.Sql("""DROP TABLE "SearchIndex";""");
            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}

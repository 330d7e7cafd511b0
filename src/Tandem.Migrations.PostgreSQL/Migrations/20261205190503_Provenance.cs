using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class Provenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "JapaneseSource",
                table: "Meeting",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "JapaneseSource",
                table: "Commitment",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Confidence",
                table: "AgendaItems",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "JapaneseSource",
                table: "AgendaItems",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "AgendaItems",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JapaneseSource",
                table: "Meeting");

            migrationBuilder.DropColumn(
                name: "JapaneseSource",
                table: "Commitment");

            migrationBuilder.DropColumn(
                name: "Confidence",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "JapaneseSource",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "SourceUrl",
                table: "AgendaItems");
        }
    }
}

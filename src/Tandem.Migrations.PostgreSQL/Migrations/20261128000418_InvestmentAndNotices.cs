using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Tandem.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class InvestmentAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoercionIncident",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ForumId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TargetParty = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    CoercingParty = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Measures = table.Column<int[]>(type: "integer[]", nullable: false),
                    Products = table.Column<List<string>>(type: "text[]", nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Phase = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ReporterAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
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
                    table.PrimaryKey("PK_CoercionIncident", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoercionIncident_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisruptionNotice",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ForumId = table.Column<Guid>(type: "uuid", nullable: false),
                    NotifyingParty = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    NotifyingAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Products = table.Column<List<string>>(type: "text[]", nullable: false),
                    Basket = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    SourceCountry = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Cause = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Impact = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ExpectedDuration = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MeasuresTaken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AssistanceSought = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MeetingDays = table.Column<int>(type: "integer", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedByParty = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MeetingDate = table.Column<DateOnly>(type: "date", nullable: true),
                    MeetingTier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ExposureStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExposureNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ExposureAnalysisId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExposureComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
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
                    table.PrimaryKey("PK_DisruptionNotice", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisruptionNotice_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExchangeRate",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PerUsd = table.Column<decimal>(type: "numeric(24,8)", precision: 24, scale: 8, nullable: false),
                    Basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExchangeRate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JointProject",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameJa = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Objective = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
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
                    table.PrimaryKey("PK_JointProject", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Technology",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameJa = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Prioritised = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Technology", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CoercionPhaseEntry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Phase = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DocumentIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoercionPhaseEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoercionPhaseEntry_CoercionIncident_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "CoercionIncident",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Programme",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Party = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameJa = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Instrument = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TechnologyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(24,4)", precision: 24, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    StartYear = table.Column<int>(type: "integer", nullable: false),
                    EndYear = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SourceUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Confidence = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
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
                    table.PrimaryKey("PK_Programme", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Programme_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Programme_Technology_TechnologyId",
                        column: x => x.TechnologyId,
                        principalTable: "Technology",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Disbursement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(24,4)", precision: 24, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disbursement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Disbursement_Programme_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programme",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JointProjectProgramme",
                columns: table => new
                {
                    JointProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointProjectProgramme", x => new { x.JointProjectId, x.ProgrammeId });
                    table.ForeignKey(
                        name: "FK_JointProjectProgramme_JointProject_JointProjectId",
                        column: x => x.JointProjectId,
                        principalTable: "JointProject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JointProjectProgramme_Programme_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programme",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Technology",
                columns: new[] { "Id", "Code", "CreatedAt", "DeletedAt", "NameEn", "NameJa", "Prioritised", "SortOrder", "UpdatedAt", "Version" },
                values: new object[,]
                {
                    { new Guid("7ec40000-0000-0000-0000-000000000001"), "semiconductors", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Semiconductors", "半導体", true, 1, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000002"), "batteries", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Batteries", "蓄電池", true, 2, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000003"), "critical-minerals", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Critical minerals", "重要鉱物", true, 3, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000004"), "quantum", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Quantum", "量子", false, 4, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000005"), "ai", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Artificial intelligence", "人工知能（AI）", false, 5, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000006"), "telecommunications", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Telecommunications / Open RAN", "通信（オープンRAN）", false, 6, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000007"), "biotechnology", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Biotechnology", "バイオテクノロジー", false, 7, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000008"), "energy", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Energy", "エネルギー", false, 8, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { new Guid("7ec40000-0000-0000-0000-000000000009"), "multiple", new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), null, "Multiple / cross-cutting", "複数分野・横断", false, 9, new DateTime(2026, 11, 28, 0, 0, 0, 0, DateTimeKind.Utc), 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoercionIncident_ForumId",
                table: "CoercionIncident",
                column: "ForumId");

            migrationBuilder.CreateIndex(
                name: "IX_CoercionPhaseEntry_IncidentId",
                table: "CoercionPhaseEntry",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursement_ProgrammeId_Year",
                table: "Disbursement",
                columns: new[] { "ProgrammeId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionNotice_ForumId",
                table: "DisruptionNotice",
                column: "ForumId");

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionNotice_State_Deadline",
                table: "DisruptionNotice",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_DisruptionNotice_SubmittedAt",
                table: "DisruptionNotice",
                column: "SubmittedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ExchangeRate_Currency_Date",
                table: "ExchangeRate",
                columns: new[] { "Currency", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_JointProjectProgramme_ProgrammeId",
                table: "JointProjectProgramme",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_Programme_AgencyId",
                table: "Programme",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Programme_Code",
                table: "Programme",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Programme_Party",
                table: "Programme",
                column: "Party");

            migrationBuilder.CreateIndex(
                name: "IX_Programme_TechnologyId",
                table: "Programme",
                column: "TechnologyId");

            migrationBuilder.CreateIndex(
                name: "IX_Technology_Code",
                table: "Technology",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoercionPhaseEntry");

            migrationBuilder.DropTable(
                name: "Disbursement");

            migrationBuilder.DropTable(
                name: "DisruptionNotice");

            migrationBuilder.DropTable(
                name: "ExchangeRate");

            migrationBuilder.DropTable(
                name: "JointProjectProgramme");

            migrationBuilder.DropTable(
                name: "CoercionIncident");

            migrationBuilder.DropTable(
                name: "JointProject");

            migrationBuilder.DropTable(
                name: "Programme");

            migrationBuilder.DropTable(
                name: "Technology");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Tandem.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agencies_Agencies_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditCheckpoints",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditCheckpoints", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ActorAgency = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "AuditHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ComplianceScoreRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CycleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: true),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceScoreRevisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Number = table.Column<decimal>(type: "TEXT", precision: 28, scale: 8, nullable: true),
                    IsCbi = table.Column<bool>(type: "INTEGER", nullable: false),
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
                    table.PrimaryKey("PK_ConsultationAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    IsCbi = table.Column<bool>(type: "INTEGER", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("PK_ConsultationAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DescriptionEn = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    DescriptionJa = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    OpensAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
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
                    table.PrimaryKey("PK_ConsultationCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationOrganisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Website = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SelfRegistered = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegisteredBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationOrganisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationSubmissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WorkingRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    CbiParties = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FirstSubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reviewed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_ConsultationSubmissions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationSummaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WhatWeHeardEn = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    WhatWeHeardJa = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    WhatWeDidEn = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    WhatWeDidJa = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationSummaries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentContents",
                columns: table => new
                {
                    StorageKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentContents", x => x.StorageKey);
                });

            migrationBuilder.CreateTable(
                name: "ExchangeRate",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PerUsd = table.Column<decimal>(type: "TEXT", precision: 24, scale: 8, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExchangeRate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Forums",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Launched = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Tiers = table.Column<string>(type: "TEXT", nullable: false),
                    EmergencyMeetingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Forums", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JointProject",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Objective = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("PK_JointProject", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Parties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Iso3 = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CapitalTimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Parties", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Technology",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Prioritised = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Technology", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PreferredCulture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OwnerAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_Documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Documents_Agencies_OwnerAgencyId",
                        column: x => x.OwnerAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationInvitations",
                columns: table => new
                {
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationInvitations", x => new { x.CallId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_ConsultationInvitations_ConsultationCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ConsultationCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TextJa = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false),
                    Min = table.Column<decimal>(type: "TEXT", precision: 28, scale: 8, nullable: true),
                    Max = table.Column<decimal>(type: "TEXT", precision: 28, scale: 8, nullable: true),
                    MaxLength = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationQuestions_ConsultationCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ConsultationCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationLinks",
                columns: table => new
                {
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LinkedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationLinks", x => new { x.SubmissionId, x.TargetType, x.TargetId });
                    table.ForeignKey(
                        name: "FK_ConsultationLinks_ConsultationSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "ConsultationSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationSubmissionRevisions",
                columns: table => new
                {
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DigestKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationSubmissionRevisions", x => new { x.SubmissionId, x.Number });
                    table.ForeignKey(
                        name: "FK_ConsultationSubmissionRevisions_ConsultationSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "ConsultationSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationTags",
                columns: table => new
                {
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationTags", x => new { x.SubmissionId, x.Kind, x.Value });
                    table.ForeignKey(
                        name: "FK_ConsultationTags_ConsultationSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "ConsultationSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationSummaryLinks",
                columns: table => new
                {
                    SummaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationSummaryLinks", x => new { x.SummaryId, x.TargetType, x.TargetId });
                    table.ForeignKey(
                        name: "FK_ConsultationSummaryLinks_ConsultationSummaries_SummaryId",
                        column: x => x.SummaryId,
                        principalTable: "ConsultationSummaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentCycle",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Unscored = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Percent = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Parties = table.Column<string>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentCycle", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentCycle_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoercionIncident",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TargetParty = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CoercingParty = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", nullable: false),
                    Products = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ReporterAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotifyingParty = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    NotifyingAgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Products = table.Column<string>(type: "TEXT", nullable: false),
                    Basket = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sectors = table.Column<string>(type: "TEXT", nullable: false),
                    SourceCountry = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ExpectedDuration = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    MeasuresTaken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AssistanceSought = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MeetingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedByParty = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ScheduledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MeetingTier = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ExposureStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExposureNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ExposureAnalysisId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExposureComputedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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
                    table.PrimaryKey("PK_DisruptionNotice", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisruptionNotice_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ForumParties",
                columns: table => new
                {
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForumParties", x => new { x.ForumId, x.Party });
                    table.ForeignKey(
                        name: "FK_ForumParties_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Meeting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: true),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meeting", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Meeting_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Tracks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FirstUsed = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tracks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tracks_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Programme",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameJa = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TechnologyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 24, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    StartYear = table.Column<int>(type: "INTEGER", nullable: false),
                    EndYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
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
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonalAccessTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false, defaultValue: "read write")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalAccessTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentVersions_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoercionPhaseEntry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DocumentIds = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
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
                name: "MeetingAttendees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingAttendees_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingAttendees_Meeting_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingOutcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TextJa = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingOutcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingOutcomes_Meeting_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingPaper",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("PK_MeetingPaper", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingPaper_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingPaper_Meeting_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgendaItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PresentingAgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionSought = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CommitmentIds = table.Column<string>(type: "TEXT", nullable: false),
                    PreReadDocumentIds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Agencies_PresentingAgencyId",
                        column: x => x.PresentingAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Meeting_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgendaItems_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Commitment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TextJa = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceMeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceOutcomeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceStatement = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SourceParagraph = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MadeOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SupersededById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Progress = table.Column<double>(type: "REAL", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commitment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Commitment_Forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "Forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Commitment_Meeting_SourceMeetingId",
                        column: x => x.SourceMeetingId,
                        principalTable: "Meeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Commitment_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrackParticipations",
                columns: table => new
                {
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackParticipations", x => new { x.TrackId, x.AgencyId });
                    table.ForeignKey(
                        name: "FK_TrackParticipations_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TrackParticipations_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Disbursement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 24, scale: 4, nullable: false)
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
                    JointProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "CommitmentResponsibilities",
                columns: table => new
                {
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentResponsibilities", x => new { x.CommitmentId, x.AgencyId });
                    table.ForeignKey(
                        name: "FK_CommitmentResponsibilities_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommitmentResponsibilities_Commitment_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ComplianceScore",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CycleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: true),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceScore", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplianceScore_AssessmentCycle_CycleId",
                        column: x => x.CycleId,
                        principalTable: "AssessmentCycle",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComplianceScore_Commitment_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CycleCommitments",
                columns: table => new
                {
                    CycleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CycleCommitments", x => new { x.CycleId, x.CommitmentId });
                    table.ForeignKey(
                        name: "FK_CycleCommitments_AssessmentCycle_CycleId",
                        column: x => x.CycleId,
                        principalTable: "AssessmentCycle",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CycleCommitments_Commitment_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Progress = table.Column<int>(type: "INTEGER", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Milestones_Commitment_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressReport",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: false),
                    EvidenceLinks = table.Column<string>(type: "TEXT", nullable: false),
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
                    table.PrimaryKey("PK_ProgressReport", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressReport_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgressReport_Commitment_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "Commitment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "AuditHeads",
                columns: new[] { "Id", "LastHash", "LastSequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

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
                name: "IX_Agencies_Code",
                table: "Agencies",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_ParentId",
                table: "Agencies",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Party",
                table: "Agencies",
                column: "Party");

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_MeetingId_Position",
                table: "AgendaItems",
                columns: new[] { "MeetingId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_PresentingAgencyId",
                table: "AgendaItems",
                column: "PresentingAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_TrackId",
                table: "AgendaItems",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_Analysis_CreatedAt",
                table: "Analysis",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisLink_TargetType_TargetId",
                table: "AnalysisLink",
                columns: new[] { "TargetType", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AgencyId",
                table: "AspNetUsers",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentCycle_ForumId_Name",
                table: "AssessmentCycle",
                columns: new[] { "ForumId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorUserId",
                table: "AuditEntries",
                column: "ActorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ObjectType_ObjectId",
                table: "AuditEntries",
                columns: new[] { "ObjectType", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_SecretHash",
                table: "CalendarFeeds",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoercionIncident_ForumId",
                table: "CoercionIncident",
                column: "ForumId");

            migrationBuilder.CreateIndex(
                name: "IX_CoercionPhaseEntry_IncidentId",
                table: "CoercionPhaseEntry",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Commitment_ForumId_Code",
                table: "Commitment",
                columns: new[] { "ForumId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Commitment_ForumId_DueDate",
                table: "Commitment",
                columns: new[] { "ForumId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Commitment_ForumId_Status",
                table: "Commitment",
                columns: new[] { "ForumId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Commitment_SourceMeetingId",
                table: "Commitment",
                column: "SourceMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Commitment_TrackId",
                table: "Commitment",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentResponsibilities_AgencyId",
                table: "CommitmentResponsibilities",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceScore_CommitmentId",
                table: "ComplianceScore",
                column: "CommitmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceScore_CycleId_CommitmentId_Party",
                table: "ComplianceScore",
                columns: new[] { "CycleId", "CommitmentId", "Party" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceScore_CycleId_Party_Value",
                table: "ComplianceScore",
                columns: new[] { "CycleId", "Party", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceScoreRevisions_CycleId_CommitmentId_Party",
                table: "ComplianceScoreRevisions",
                columns: new[] { "CycleId", "CommitmentId", "Party" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswers_QuestionId",
                table: "ConsultationAnswers",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswers_SubmissionId_Revision_QuestionId",
                table: "ConsultationAnswers",
                columns: new[] { "SubmissionId", "Revision", "QuestionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAttachments_SubmissionId_Revision",
                table: "ConsultationAttachments",
                columns: new[] { "SubmissionId", "Revision" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationCalls_ClosesAt",
                table: "ConsultationCalls",
                column: "ClosesAt");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationCalls_TrackId",
                table: "ConsultationCalls",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationLinks_TargetType_TargetId",
                table: "ConsultationLinks",
                columns: new[] { "TargetType", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationOrganisations_AgencyId",
                table: "ConsultationOrganisations",
                column: "AgencyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationOrganisations_Status",
                table: "ConsultationOrganisations",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationQuestions_CallId_Number",
                table: "ConsultationQuestions",
                columns: new[] { "CallId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationSubmissions_CallId_OrganisationId",
                table: "ConsultationSubmissions",
                columns: new[] { "CallId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationSubmissions_Reference",
                table: "ConsultationSubmissions",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationSummaries_CallId",
                table: "ConsultationSummaries",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationTags_Kind_Value",
                table: "ConsultationTags",
                columns: new[] { "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_CycleCommitments_CommitmentId",
                table: "CycleCommitments",
                column: "CommitmentId");

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
                name: "IX_Documents_DeletedAt_UpdatedAt_Id",
                table: "Documents",
                columns: new[] { "DeletedAt", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_OwnerAgencyId",
                table: "Documents",
                column: "OwnerAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_ParentType_ParentId",
                table: "Documents",
                columns: new[] { "ParentType", "ParentId" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentVersions_DocumentId_Number",
                table: "DocumentVersions",
                columns: new[] { "DocumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentVersions_StorageKey",
                table: "DocumentVersions",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExchangeRate_Currency_Date",
                table: "ExchangeRate",
                columns: new[] { "Currency", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Forums_Code",
                table: "Forums",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JointProjectProgramme_ProgrammeId",
                table: "JointProjectProgramme",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_Meeting_ForumId_StartsAt",
                table: "Meeting",
                columns: new[] { "ForumId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendees_AgencyId",
                table: "MeetingAttendees",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendees_MeetingId",
                table: "MeetingAttendees",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingOutcomes_MeetingId",
                table: "MeetingOutcomes",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingPaper_AgencyId",
                table: "MeetingPaper",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingPaper_MeetingId",
                table: "MeetingPaper",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_CommitmentId",
                table: "Milestones",
                column: "CommitmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Parties_Iso3",
                table: "Parties",
                column: "Iso3",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_SecretHash",
                table: "PersonalAccessTokens",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_UserId",
                table: "PersonalAccessTokens",
                column: "UserId");

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
                name: "IX_ProgressReport_AgencyId",
                table: "ProgressReport",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressReport_CommitmentId",
                table: "ProgressReport",
                column: "CommitmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Technology_Code",
                table: "Technology",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackParticipations_AgencyId",
                table: "TrackParticipations",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Tracks_ForumId_Code",
                table: "Tracks",
                columns: new[] { "ForumId", "Code" },
                unique: true);

            AuditAppendOnly.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            AuditAppendOnly.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "AgendaItems");

            migrationBuilder.DropTable(
                name: "AnalysisLink");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditCheckpoints");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AuditHeads");

            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "CoercionPhaseEntry");

            migrationBuilder.DropTable(
                name: "CommitmentResponsibilities");

            migrationBuilder.DropTable(
                name: "ComplianceScore");

            migrationBuilder.DropTable(
                name: "ComplianceScoreRevisions");

            migrationBuilder.DropTable(
                name: "ConsultationAnswers");

            migrationBuilder.DropTable(
                name: "ConsultationAttachments");

            migrationBuilder.DropTable(
                name: "ConsultationInvitations");

            migrationBuilder.DropTable(
                name: "ConsultationLinks");

            migrationBuilder.DropTable(
                name: "ConsultationOrganisations");

            migrationBuilder.DropTable(
                name: "ConsultationQuestions");

            migrationBuilder.DropTable(
                name: "ConsultationSubmissionRevisions");

            migrationBuilder.DropTable(
                name: "ConsultationSummaryLinks");

            migrationBuilder.DropTable(
                name: "ConsultationTags");

            migrationBuilder.DropTable(
                name: "CycleCommitments");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Disbursement");

            migrationBuilder.DropTable(
                name: "DisruptionNotice");

            migrationBuilder.DropTable(
                name: "DocumentContents");

            migrationBuilder.DropTable(
                name: "DocumentVersions");

            migrationBuilder.DropTable(
                name: "ExchangeRate");

            migrationBuilder.DropTable(
                name: "ForumParties");

            migrationBuilder.DropTable(
                name: "JointProjectProgramme");

            migrationBuilder.DropTable(
                name: "MeetingAttendees");

            migrationBuilder.DropTable(
                name: "MeetingOutcomes");

            migrationBuilder.DropTable(
                name: "MeetingPaper");

            migrationBuilder.DropTable(
                name: "Milestones");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "Parties");

            migrationBuilder.DropTable(
                name: "PersonalAccessTokens");

            migrationBuilder.DropTable(
                name: "ProgressReport");

            migrationBuilder.DropTable(
                name: "TrackParticipations");

            migrationBuilder.DropTable(
                name: "Analysis");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "CoercionIncident");

            migrationBuilder.DropTable(
                name: "ConsultationCalls");

            migrationBuilder.DropTable(
                name: "ConsultationSummaries");

            migrationBuilder.DropTable(
                name: "ConsultationSubmissions");

            migrationBuilder.DropTable(
                name: "AssessmentCycle");

            migrationBuilder.DropTable(
                name: "Documents");

            migrationBuilder.DropTable(
                name: "JointProject");

            migrationBuilder.DropTable(
                name: "Programme");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Commitment");

            migrationBuilder.DropTable(
                name: "Technology");

            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "Meeting");

            migrationBuilder.DropTable(
                name: "Tracks");

            migrationBuilder.DropTable(
                name: "Forums");
        }
    }
}

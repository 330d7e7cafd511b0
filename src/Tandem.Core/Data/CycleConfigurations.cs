using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Commitments;
using Tandem.Core.Compliance;
using Tandem.Core.Forums;
using Tandem.Core.Meetings;

namespace Tandem.Core.Data;

// Meetings (C2), commitments (C3) and compliance (C4). Enums are stored by name so the database reads on its own.

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(m => m.Tier).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.TitleEn).HasMaxLength(300);
        builder.Property(m => m.TitleJa).HasMaxLength(300);
        builder.Property(m => m.Venue).HasMaxLength(200);
        builder.Property(m => m.TimeZone).HasMaxLength(64);
        builder.Property(m => m.Notes).HasMaxLength(4000);
        builder.Property(m => m.SourceUrl).HasMaxLength(1000);
        builder.Property(m => m.Confidence).HasMaxLength(32);
        builder.Property(m => m.JapaneseSource).HasMaxLength(1000);
        builder.HasOne(m => m.Forum).WithMany().HasForeignKey(m => m.ForumId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ForumId, m.StartsAt });
        builder.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Outcomes).WithOne().HasForeignKey(o => o.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasQueryFilter(m => m.DeletedAt == null);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("AgendaItems");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.TitleEn).HasMaxLength(300);
        builder.Property(a => a.TitleJa).HasMaxLength(300);
        builder.Property(a => a.DecisionSought).HasMaxLength(4000);
        builder.Property(a => a.SourceUrl).HasMaxLength(1000);
        builder.Property(a => a.Confidence).HasMaxLength(32);
        builder.Property(a => a.JapaneseSource).HasMaxLength(1000);
        builder.PrimitiveCollection(a => a.CommitmentIds);
        builder.PrimitiveCollection(a => a.PreReadDocumentIds);
        builder.HasOne(a => a.Track).WithMany().HasForeignKey(a => a.TrackId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.PresentingAgency).WithMany().HasForeignKey(a => a.PresentingAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MeetingId, a.Position });
    }
}

internal sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> builder)
    {
        builder.ToTable("MeetingAttendees");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.PersonName).HasMaxLength(200);
        builder.Property(a => a.Role).HasMaxLength(100);
        builder.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AgencyId);
    }
}

internal sealed class MeetingOutcomeConfiguration : IEntityTypeConfiguration<MeetingOutcome>
{
    public void Configure(EntityTypeBuilder<MeetingOutcome> builder)
    {
        builder.ToTable("MeetingOutcomes");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.TextEn).HasMaxLength(4000);
        builder.Property(o => o.TextJa).HasMaxLength(4000);
    }
}

internal sealed class MeetingPaperConfiguration : IEntityTypeConfiguration<MeetingPaper>
{
    public void Configure(EntityTypeBuilder<MeetingPaper> builder)
    {
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.HasOne(p => p.Meeting).WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.MeetingId);
        builder.HasQueryFilter(p => p.DeletedAt == null);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.TextEn).HasMaxLength(4000);
        builder.Property(c => c.TextJa).HasMaxLength(4000);
        builder.Property(c => c.Area).HasMaxLength(200);
        builder.Property(c => c.SourceStatement).HasMaxLength(300);
        builder.Property(c => c.SourceParagraph).HasMaxLength(100);
        builder.Property(c => c.SourceUrl).HasMaxLength(1000);
        builder.Property(c => c.Confidence).HasMaxLength(32);
        builder.Property(c => c.JapaneseSource).HasMaxLength(1000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(c => c.Forum).WithMany().HasForeignKey(c => c.ForumId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Track).WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.SourceMeeting).WithMany().HasForeignKey(c => c.SourceMeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Responsibilities).WithOne().HasForeignKey(r => r.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Milestones).WithOne().HasForeignKey(m => m.CommitmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.ForumId, c.Code }).IsUnique();
        builder.HasIndex(c => new { c.ForumId, c.Status });

        // The commitment list's count and default page: live rows of a forum in code order, read from the index alone.
        builder.HasIndex(c => new { c.ForumId, c.Code, c.Id }, "IX_Commitment_Live_ForumId_Code_Id").HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(c => new { c.ForumId, c.DueDate });
        builder.HasIndex(c => c.TrackId);
        builder.HasIndex(c => c.SourceMeetingId);
        builder.HasQueryFilter(c => c.DeletedAt == null);
    }
}

internal sealed class CommitmentResponsibilityConfiguration : IEntityTypeConfiguration<CommitmentResponsibility>
{
    public void Configure(EntityTypeBuilder<CommitmentResponsibility> builder)
    {
        builder.ToTable("CommitmentResponsibilities");
        builder.HasKey(r => new { r.CommitmentId, r.AgencyId });
        builder.Property(r => r.Party).HasMaxLength(3);
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.AgencyId);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.ToTable("Milestones");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.TitleEn).HasMaxLength(300);
        builder.Property(m => m.TitleJa).HasMaxLength(300);
        builder.HasIndex(m => m.CommitmentId);
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> builder)
    {
        builder.Property(r => r.Narrative).HasMaxLength(20_000);
        builder.PrimitiveCollection(r => r.EvidenceLinks);
        builder.HasOne(r => r.Commitment).WithMany().HasForeignKey(r => r.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.CommitmentId);
        builder.HasQueryFilter(r => r.DeletedAt == null);
    }
}

internal sealed class AssessmentCycleConfiguration : IEntityTypeConfiguration<AssessmentCycle>
{
    public void Configure(EntityTypeBuilder<AssessmentCycle> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Scheme).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Unscored).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Percent).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.PrimitiveCollection(c => c.Parties);
        builder.HasOne(c => c.Forum).WithMany().HasForeignKey(c => c.ForumId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Commitments).WithOne().HasForeignKey(c => c.CycleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.ForumId, c.Name }).IsUnique();
        builder.HasQueryFilter(c => c.DeletedAt == null);
    }
}

internal sealed class CycleCommitmentConfiguration : IEntityTypeConfiguration<CycleCommitment>
{
    public void Configure(EntityTypeBuilder<CycleCommitment> builder)
    {
        builder.ToTable("CycleCommitments");
        builder.HasKey(c => new { c.CycleId, c.CommitmentId });
        builder.HasOne(c => c.Commitment).WithMany().HasForeignKey(c => c.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.CommitmentId);
    }
}

internal sealed class ComplianceScoreConfiguration : IEntityTypeConfiguration<ComplianceScore>
{
    public void Configure(EntityTypeBuilder<ComplianceScore> builder)
    {
        builder.Property(s => s.Party).HasMaxLength(3);
        builder.Property(s => s.Rationale).HasMaxLength(4000);
        builder.Property(s => s.Evidence).HasMaxLength(4000);
        builder.HasOne<AssessmentCycle>().WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Commitment>().WithMany().HasForeignKey(s => s.CommitmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CycleId, s.CommitmentId, s.Party }).IsUnique();
        builder.HasIndex(s => new { s.CycleId, s.Party, s.Value });
        builder.HasIndex(s => s.CommitmentId);
        builder.HasQueryFilter(s => s.DeletedAt == null);
    }
}

internal sealed class ComplianceScoreRevisionConfiguration : IEntityTypeConfiguration<ComplianceScoreRevision>
{
    public void Configure(EntityTypeBuilder<ComplianceScoreRevision> builder)
    {
        builder.ToTable("ComplianceScoreRevisions");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Party).HasMaxLength(3);
        builder.Property(r => r.Rationale).HasMaxLength(4000);
        builder.Property(r => r.Evidence).HasMaxLength(4000);
        builder.Property(r => r.By).HasMaxLength(256);
        builder.HasIndex(r => new { r.CycleId, r.CommitmentId, r.Party });
    }
}

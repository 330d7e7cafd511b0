using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Notices;
using Tandem.Core.Programmes;

namespace Tandem.Core.Data;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Party).HasMaxLength(3);
        builder.HasIndex(p => p.Party);
        builder.Property(p => p.NameEn).HasMaxLength(300);
        builder.Property(p => p.NameJa).HasMaxLength(300);
        builder.Property(p => p.Instrument).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Stage).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Amount).HasPrecision(24, 4);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.LegalBasis).HasMaxLength(2000);
        builder.Property(p => p.Source).HasMaxLength(2000);
        builder.Property(p => p.SourceUrl).HasMaxLength(1000);
        builder.Property(p => p.Confidence).HasMaxLength(100);
        builder.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Technology).WithMany().HasForeignKey(p => p.TechnologyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Disbursements).WithOne().HasForeignKey(d => d.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasQueryFilter(p => p.DeletedAt == null);
    }
}

internal sealed class DisbursementConfiguration : IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Disbursement> builder)
    {
        builder.HasIndex(d => new { d.ProgrammeId, d.Year });
        builder.Property(d => d.Amount).HasPrecision(24, 4);
    }
}

internal sealed class TechnologyConfiguration : IEntityTypeConfiguration<Technology>
{
    public void Configure(EntityTypeBuilder<Technology> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(64);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.NameEn).HasMaxLength(200);
        builder.Property(t => t.NameJa).HasMaxLength(200);
        builder.HasQueryFilter(t => t.DeletedAt == null);
        builder.HasData(TechnologyUseCases.Defaults);
    }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> builder)
    {
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.PerUsd).HasPrecision(24, 8);
        builder.Property(r => r.Basis).HasMaxLength(300);

        // Soft-deleted rates keep their row, so the uniqueness holds among live rates only (checked by the use cases).
        builder.HasIndex(r => new { r.Currency, r.Date });
        builder.HasQueryFilter(r => r.DeletedAt == null);
    }
}

internal sealed class JointProjectConfiguration : IEntityTypeConfiguration<JointProject>
{
    public void Configure(EntityTypeBuilder<JointProject> builder)
    {
        builder.Property(j => j.NameEn).HasMaxLength(300);
        builder.Property(j => j.NameJa).HasMaxLength(300);
        builder.Property(j => j.Objective).HasMaxLength(2000);
        builder.HasMany(j => j.Programmes).WithOne().HasForeignKey(l => l.JointProjectId);
        builder.HasQueryFilter(j => j.DeletedAt == null);
    }
}

internal sealed class JointProjectProgrammeConfiguration : IEntityTypeConfiguration<JointProjectProgramme>
{
    public void Configure(EntityTypeBuilder<JointProjectProgramme> builder)
    {
        builder.HasKey(l => new { l.JointProjectId, l.ProgrammeId });
        builder.HasOne<Programme>().WithMany().HasForeignKey(l => l.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.ProgrammeId);
    }
}

internal sealed class DisruptionNoticeConfiguration : IEntityTypeConfiguration<DisruptionNotice>
{
    public void Configure(EntityTypeBuilder<DisruptionNotice> builder)
    {
        builder.HasOne(n => n.Forum).WithMany().HasForeignKey(n => n.ForumId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.NotifyingParty).HasMaxLength(3);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.PrimitiveCollection(n => n.Products);
        builder.Property(n => n.Basket).HasMaxLength(64);
        builder.PrimitiveCollection(n => n.Sectors);
        builder.Property(n => n.SourceCountry).HasMaxLength(3);
        builder.Property(n => n.Cause).HasMaxLength(4000);
        builder.Property(n => n.Impact).HasMaxLength(4000);
        builder.Property(n => n.ExpectedDuration).HasMaxLength(300);
        builder.Property(n => n.MeasuresTaken).HasMaxLength(4000);
        builder.Property(n => n.AssistanceSought).HasMaxLength(4000);
        builder.Property(n => n.State).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.AcknowledgedByParty).HasMaxLength(3);
        builder.Property(n => n.MeetingTier).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Outcome).HasMaxLength(4000);
        builder.Property(n => n.ExposureStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.ExposureNote).HasMaxLength(1000);
        builder.HasIndex(n => new { n.State, n.Deadline });
        builder.HasIndex(n => n.SubmittedAt);
        builder.HasQueryFilter(n => n.DeletedAt == null);
    }
}

internal sealed class CoercionIncidentConfiguration : IEntityTypeConfiguration<CoercionIncident>
{
    public void Configure(EntityTypeBuilder<CoercionIncident> builder)
    {
        builder.HasOne(i => i.Forum).WithMany().HasForeignKey(i => i.ForumId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.TargetParty).HasMaxLength(3);
        builder.Property(i => i.CoercingParty).HasMaxLength(3);
        builder.PrimitiveCollection(i => i.Measures);
        builder.PrimitiveCollection(i => i.Products);
        builder.Property(i => i.Description).HasMaxLength(4000);
        builder.Property(i => i.Phase).HasConversion<string>().HasMaxLength(30);
        builder.HasMany(i => i.Entries).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasQueryFilter(i => i.DeletedAt == null);
    }
}

internal sealed class CoercionPhaseEntryConfiguration : IEntityTypeConfiguration<CoercionPhaseEntry>
{
    public void Configure(EntityTypeBuilder<CoercionPhaseEntry> builder)
    {
        builder.Property(e => e.Phase).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Notes).HasMaxLength(4000);
        builder.PrimitiveCollection(e => e.DocumentIds);
        builder.Property(e => e.AgencyCode).HasMaxLength(32);
    }
}

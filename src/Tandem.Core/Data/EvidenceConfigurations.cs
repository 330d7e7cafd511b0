using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Evidence;

namespace Tandem.Core.Data;

internal sealed class AnalysisConfiguration : IEntityTypeConfiguration<Analysis>
{
    public void Configure(EntityTypeBuilder<Analysis> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Summary).HasMaxLength(4000);
        builder.Property(a => a.DataSources).HasMaxLength(8000);
        builder.HasIndex(a => a.CreatedAt);
        builder.HasMany(a => a.Links).WithOne().HasForeignKey(l => l.AnalysisId);
        builder.HasQueryFilter(a => a.DeletedAt == null);
    }
}

internal sealed class AnalysisLinkConfiguration : IEntityTypeConfiguration<AnalysisLink>
{
    public void Configure(EntityTypeBuilder<AnalysisLink> builder)
    {
        builder.HasKey(l => new { l.AnalysisId, l.TargetType, l.TargetId });
        builder.Property(l => l.TargetType).HasMaxLength(32);
        builder.HasIndex(l => new { l.TargetType, l.TargetId });
    }
}

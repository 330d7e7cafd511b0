using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Documents;
using Tandem.Core.Forums;

namespace Tandem.Core.Data;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(Document.TitleLength);
        builder.Property(d => d.Description).HasMaxLength(Document.DescriptionLength);
        builder.Property(d => d.UploadedByName).HasMaxLength(256);
        builder.Property(d => d.ParentType).HasMaxLength(64);
        builder.HasOne<Agency>().WithMany().HasForeignKey(d => d.OwnerAgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Versions).WithOne().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Restrict);

        // The list's default order and page; the policy's own predicates are substring tests (ADR-002, ADR-003).
        builder.HasIndex(d => new { d.DeletedAt, d.UpdatedAt, d.Id });
        builder.HasIndex(d => d.OwnerAgencyId);
        builder.HasIndex(d => new { d.ParentType, d.ParentId });
        builder.HasQueryFilter(d => d.DeletedAt == null);
    }
}

internal sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<DocumentVersion>
{
    public void Configure(EntityTypeBuilder<DocumentVersion> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.FileName).HasMaxLength(255);
        builder.Property(v => v.ContentType).HasMaxLength(128);
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.UploadedByName).HasMaxLength(256);
        builder.HasIndex(v => new { v.DocumentId, v.Number }).IsUnique();
        builder.HasIndex(v => v.StorageKey).IsUnique();
    }
}

internal sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> builder)
    {
        builder.HasKey(c => c.StorageKey);
        builder.Property(c => c.StorageKey).ValueGeneratedNever();
    }
}

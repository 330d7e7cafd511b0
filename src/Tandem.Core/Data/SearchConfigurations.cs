using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Search;

namespace Tandem.Core.Data;

internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> builder)
    {
        builder.ToTable("SearchEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Parties).HasMaxLength(400);
        builder.Property(e => e.Title).HasMaxLength(SearchEntry.TitleLength);
        builder.Property(e => e.TitleJa).HasMaxLength(SearchEntry.TitleLength);
        builder.Property(e => e.Marking).HasMaxLength(400);
        builder.HasIndex(e => new { e.Kind, e.RecordId }).IsUnique();
        builder.HasIndex(e => e.ParentId);
        builder.HasIndex(e => e.Date);

        // A search narrowed by kind or track first reads the newest matching rows through these (ADR-010); the label
        // level's index is created in the migrations (an owned type's column cannot share an index with the key here).
        builder.HasIndex(e => new { e.Kind, e.Id });
        builder.HasIndex(e => new { e.TrackId, e.Id });
    }
}

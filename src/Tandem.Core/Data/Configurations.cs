using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Accounts;
using Tandem.Core.Audit;
using Tandem.Core.Forums;

namespace Tandem.Core.Data;

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.Property(p => p.Iso3).HasMaxLength(3);
        builder.HasIndex(p => p.Iso3).IsUnique();
        builder.Property(p => p.NameEn).HasMaxLength(200);
        builder.Property(p => p.NameJa).HasMaxLength(200);
        builder.Property(p => p.CapitalTimeZone).HasMaxLength(64);
        builder.PrimitiveCollection(p => p.OtherTimeZones);
        builder.HasQueryFilter(p => p.DeletedAt == null);
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(32);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Party).HasMaxLength(3);
        builder.HasIndex(a => a.Party);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.NameEn).HasMaxLength(200);
        builder.Property(a => a.NameJa).HasMaxLength(200);
        builder.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasQueryFilter(a => a.DeletedAt == null);
    }
}

internal sealed class ForumConfiguration : IEntityTypeConfiguration<Forum>
{
    public void Configure(EntityTypeBuilder<Forum> builder)
    {
        builder.Property(f => f.Code).HasMaxLength(32);
        builder.HasIndex(f => f.Code).IsUnique();
        builder.Property(f => f.ShortName).HasMaxLength(100);
        builder.Property(f => f.NameEn).HasMaxLength(200);
        builder.Property(f => f.NameJa).HasMaxLength(200);
        builder.Property(f => f.Description).HasMaxLength(4000);
        builder.PrimitiveCollection(f => f.Tiers);
        builder.HasMany(f => f.Parties).WithOne().HasForeignKey(p => p.ForumId);
        builder.HasMany(f => f.Tracks).WithOne(t => t.Forum).HasForeignKey(t => t.ForumId).OnDelete(DeleteBehavior.Restrict);
        builder.HasQueryFilter(f => f.DeletedAt == null);
    }
}

internal sealed class ForumPartyConfiguration : IEntityTypeConfiguration<ForumParty>
{
    public void Configure(EntityTypeBuilder<ForumParty> builder)
    {
        builder.HasKey(p => new { p.ForumId, p.Party });
        builder.Property(p => p.Party).HasMaxLength(3);
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(32);
        builder.HasIndex(t => new { t.ForumId, t.Code }).IsUnique();
        builder.Property(t => t.NameEn).HasMaxLength(300);
        builder.Property(t => t.NameJa).HasMaxLength(300);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.HasMany(t => t.Participations).WithOne(p => p.Track).HasForeignKey(p => p.TrackId);
        builder.HasQueryFilter(t => t.DeletedAt == null);
    }
}

internal sealed class TrackParticipationConfiguration : IEntityTypeConfiguration<TrackParticipation>
{
    public void Configure(EntityTypeBuilder<TrackParticipation> builder)
    {
        builder.HasKey(p => new { p.TrackId, p.AgencyId });
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(p => p.Agency).WithMany(a => a.Participations).HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TandemUserConfiguration : IEntityTypeConfiguration<TandemUser>
{
    public void Configure(EntityTypeBuilder<TandemUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PreferredCulture).HasMaxLength(10);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.Scopes).HasMaxLength(32).HasDefaultValue(TokenScopes.Default);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.ActorAgency).HasMaxLength(32);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.ObjectType).HasMaxLength(64);
        builder.Property(e => e.ObjectId).HasMaxLength(64);
        builder.Property(e => e.Label).HasMaxLength(500);
        builder.Property(e => e.Decision).HasMaxLength(16);
        builder.Property(e => e.RequestId).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(2000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ObjectType, e.ObjectId });
        builder.HasIndex(e => e.ActorUserId);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(200);
        builder.Property(c => c.KeyId).HasMaxLength(32);
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64);
        builder.HasData(new AuditHead { Id = 1, LastSequence = 0, LastHash = AuditChain.GenesisHash });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<Meetings.CalendarFeed>
{
    public void Configure(EntityTypeBuilder<Meetings.CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.HasKey(f => f.UserId);
        builder.Property(f => f.SecretHash).HasMaxLength(64);
        builder.HasIndex(f => f.SecretHash).IsUnique();
        builder.HasOne(f => f.User).WithOne().HasForeignKey<Meetings.CalendarFeed>(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Notifications;

namespace Tandem.Core.Data;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Kind).HasMaxLength(Notification.KindLength);
        builder.Property(n => n.TitleEn).HasMaxLength(Notification.TitleLength);
        builder.Property(n => n.TitleJa).HasMaxLength(Notification.TitleLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkLength);
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}

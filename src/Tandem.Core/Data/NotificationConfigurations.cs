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
        builder.Property(n => n.MailState).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.HasIndex(n => new { n.MailState, n.CreatedAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => new { p.UserId, p.Kind });
        builder.Property(p => p.Kind).HasMaxLength(Notification.KindLength);
        builder.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class NotificationOnceConfiguration : IEntityTypeConfiguration<NotificationOnce>
{
    public void Configure(EntityTypeBuilder<NotificationOnce> builder)
    {
        builder.ToTable("NotificationsOnce");
        builder.HasKey(o => o.Key);
        builder.Property(o => o.Key).HasMaxLength(NotificationOnce.KeyLength);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> builder)
    {
        builder.ToTable("MailOutbox");
        builder.Property(m => m.To).HasMaxLength(OutboxMail.AddressLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectLength);
        builder.Property(m => m.Culture).HasMaxLength(8);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMail.ErrorLength);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(JobLease.NameLength);
        builder.Property(l => l.Owner).HasMaxLength(JobLease.OwnerLength);
        builder.HasData(new JobLease { Name = JobLease.Notifications, Owner = "", Until = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Core.Consultation;

namespace Tandem.Core.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("ConsultationOrganisations");
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Code).HasMaxLength(Organisation.CodeLength);
        builder.Property(o => o.NameEn).HasMaxLength(Organisation.NameLength);
        builder.Property(o => o.NameJa).HasMaxLength(Organisation.NameLength);
        builder.Property(o => o.Party).HasMaxLength(3);
        builder.Property(o => o.Website).HasMaxLength(400);
        builder.Property(o => o.ContactName).HasMaxLength(200);
        builder.Property(o => o.ContactEmail).HasMaxLength(256);
        builder.Property(o => o.Description).HasMaxLength(4000);
        builder.Property(o => o.DecisionNote).HasMaxLength(1000);
        builder.HasIndex(o => o.AgencyId).IsUnique();
        builder.HasIndex(o => o.Status);
        builder.HasQueryFilter(o => o.DeletedAt == null);
    }
}

internal sealed class CallForInputConfiguration : IEntityTypeConfiguration<CallForInput>
{
    public void Configure(EntityTypeBuilder<CallForInput> builder)
    {
        builder.ToTable("ConsultationCalls");
        builder.Property(c => c.TitleEn).HasMaxLength(CallForInput.TitleLength);
        builder.Property(c => c.TitleJa).HasMaxLength(CallForInput.TitleLength);
        builder.Property(c => c.DescriptionEn).HasMaxLength(CallForInput.DescriptionLength);
        builder.Property(c => c.DescriptionJa).HasMaxLength(CallForInput.DescriptionLength);
        builder.Property(c => c.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => c.TrackId);
        builder.HasIndex(c => c.ClosesAt);
        builder.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CallId);
        builder.HasMany(c => c.Invitations).WithOne().HasForeignKey(i => i.CallId);
        builder.HasQueryFilter(c => c.DeletedAt == null);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("ConsultationQuestions");
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.TextEn).HasMaxLength(Question.TextLength);
        builder.Property(q => q.TextJa).HasMaxLength(Question.TextLength);
        builder.PrimitiveCollection(q => q.Options);
        builder.Property(q => q.Min).HasPrecision(28, 8);
        builder.Property(q => q.Max).HasPrecision(28, 8);
        builder.HasIndex(q => new { q.CallId, q.Number }).IsUnique();
    }
}

internal sealed class CallInvitationConfiguration : IEntityTypeConfiguration<CallInvitation>
{
    public void Configure(EntityTypeBuilder<CallInvitation> builder)
    {
        builder.ToTable("ConsultationInvitations");
        builder.HasKey(i => new { i.CallId, i.OrganisationId });
    }
}

internal sealed class CallSummaryConfiguration : IEntityTypeConfiguration<CallSummary>
{
    public void Configure(EntityTypeBuilder<CallSummary> builder)
    {
        builder.ToTable("ConsultationSummaries");
        builder.Property(s => s.WhatWeHeardEn).HasMaxLength(CallSummary.TextLength);
        builder.Property(s => s.WhatWeHeardJa).HasMaxLength(CallSummary.TextLength);
        builder.Property(s => s.WhatWeDidEn).HasMaxLength(CallSummary.TextLength);
        builder.Property(s => s.WhatWeDidJa).HasMaxLength(CallSummary.TextLength);
        builder.HasIndex(s => s.CallId).IsUnique();
        builder.HasMany(s => s.Links).WithOne().HasForeignKey(l => l.SummaryId);
        builder.HasQueryFilter(s => s.DeletedAt == null);
    }
}

internal sealed class SummaryLinkConfiguration : IEntityTypeConfiguration<SummaryLink>
{
    public void Configure(EntityTypeBuilder<SummaryLink> builder)
    {
        builder.ToTable("ConsultationSummaryLinks");
        builder.HasKey(l => new { l.SummaryId, l.TargetType, l.TargetId });
        builder.Property(l => l.TargetType).HasMaxLength(32);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.ToTable("ConsultationSubmissions");
        builder.Property(s => s.Reference).HasMaxLength(Submission.ReferenceLength);
        builder.HasIndex(s => s.Reference).IsUnique();
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CbiParties).HasMaxLength(400);
        // One submission per organisation and call: amendments are revisions of it.
        builder.HasIndex(s => new { s.CallId, s.OrganisationId }).IsUnique();
        builder.HasMany(s => s.Revisions).WithOne().HasForeignKey(r => r.SubmissionId);
        builder.HasMany(s => s.Tags).WithOne().HasForeignKey(t => t.SubmissionId);
        builder.HasMany(s => s.Links).WithOne().HasForeignKey(l => l.SubmissionId);
        builder.HasQueryFilter(s => s.DeletedAt == null);
    }
}

internal sealed class SubmissionRevisionConfiguration : IEntityTypeConfiguration<SubmissionRevision>
{
    public void Configure(EntityTypeBuilder<SubmissionRevision> builder)
    {
        builder.ToTable("ConsultationSubmissionRevisions");
        builder.HasKey(r => new { r.SubmissionId, r.Number });
        builder.Property(r => r.SubmittedByName).HasMaxLength(256);
        builder.Property(r => r.Digest).HasMaxLength(64);
        builder.Property(r => r.DigestKey).HasMaxLength(64);
    }
}

internal sealed class SubmissionAnswerConfiguration : IEntityTypeConfiguration<SubmissionAnswer>
{
    public void Configure(EntityTypeBuilder<SubmissionAnswer> builder)
    {
        builder.ToTable("ConsultationAnswers");
        builder.Property(a => a.Text).HasMaxLength(SubmissionAnswer.TextLength);
        builder.Property(a => a.Number).HasPrecision(28, 8);
        builder.HasIndex(a => new { a.SubmissionId, a.Revision, a.QuestionId }).IsUnique();
        builder.HasIndex(a => a.QuestionId);
    }
}

internal sealed class SubmissionAttachmentConfiguration : IEntityTypeConfiguration<SubmissionAttachment>
{
    public void Configure(EntityTypeBuilder<SubmissionAttachment> builder)
    {
        builder.ToTable("ConsultationAttachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => new { a.SubmissionId, a.Revision });
    }
}

internal sealed class SubmissionTagConfiguration : IEntityTypeConfiguration<SubmissionTag>
{
    public void Configure(EntityTypeBuilder<SubmissionTag> builder)
    {
        builder.ToTable("ConsultationTags");
        builder.HasKey(t => new { t.SubmissionId, t.Kind, t.Value });
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Value).HasMaxLength(SubmissionTag.ValueLength);
        builder.HasIndex(t => new { t.Kind, t.Value });
    }
}

internal sealed class SubmissionLinkConfiguration : IEntityTypeConfiguration<SubmissionLink>
{
    public void Configure(EntityTypeBuilder<SubmissionLink> builder)
    {
        builder.ToTable("ConsultationLinks");
        builder.HasKey(l => new { l.SubmissionId, l.TargetType, l.TargetId });
        builder.Property(l => l.TargetType).HasMaxLength(32);
        builder.HasIndex(l => new { l.TargetType, l.TargetId });
    }
}

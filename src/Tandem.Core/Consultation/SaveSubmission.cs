using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Notifications;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

/// <summary>One answer as typed: the value is parsed by the question's kind. <see cref="Cbi"/> marks it confidential business information.</summary>
public sealed record AnswerInput(Guid? QuestionId, string? Value, bool Cbi = false);

/// <summary>
/// A save of the organisation's answers. <see cref="Answers"/> replaces every answer of the revision
/// being edited (null keeps them); <see cref="CbiParties"/> names the parties whose secretariat may
/// read the CBI parts (null keeps the earlier choice; the first default is every party of the forum).
/// </summary>
public sealed record SubmissionInput(IReadOnlyList<AnswerInput>? Answers, IReadOnlyList<string>? CbiParties = null, bool Submit = false, int? Version = null);

/// <summary>
/// Saves a draft, sends it (with a receipt reference such as EPCC-P4-2026-0001), or amends a sent
/// submission while the call accepts input. An amendment is a new revision: what was sent before is
/// never rewritten. Every check happens before anything changes.
/// </summary>
public static class SaveSubmission
{
    public static async Task<Result<SubmissionDto>> Handle(TandemDbContext db, Actor actor, TimeProvider clock, Guid callId, SubmissionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(input);
        var prepared = await Prepare(db, actor, clock, callId, input.Version, ct);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var (organisation, call, submission) = prepared.Value;
        var validation = new Validation();
        var working = submission is null ? [] : await WorkingAnswers(db, submission, ct);
        var answers = input.Answers is null ? working : ParseAnswers(validation, call, input.Answers);
        var parties = ChooseParties(validation, input.CbiParties, submission, await CallQueries.ForumParties(db, call.ForumId, ct));
        var attachments = submission is null ? [] : await WorkingAttachments(db, submission, ct);
        if (input.Submit)
        {
            RequireAnswers(validation, call, answers, attachments);
        }

        if (parties.Count == 0 && (answers.Any(a => a.IsCbi) || attachments.Any(a => a.IsCbi)))
        {
            validation.Add("cbiParties", "Choose at least one party whose secretariat may read the parts you marked CBI.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reference = input.Submit && submission?.Reference is null ? await NextReference(db, call, now, ct) : null;
        var labels = await Labels(db, call, organisation, parties, actor.UserId!.Value, ct);
        var replaced = submission is { HasUnsentChanges: true } ? await DraftedAnswers(db, submission, ct) : [];
        List<Guid> officers = [];
        if (input.Submit)
        {
            await SubmissionFiles.Track(db, attachments.Select(a => a.FileId), ct);

            // The secretariat officers who may read what was sent hear of it; those the label leaves out do not.
            officers = await NotificationAudience.WhoMaySee(db, NotificationAudience.InRoles(db, Roles.Secretariat)
                .Where(u => db.Agencies.Any(a => a.Id == u.AgencyId && a.Kind != Forums.AgencyKind.Private)), labels.Submission, ConsultationAccess.Today(clock), ct);
        }

        void Change(Submission target)
        {
            StartRevision(db, target, answers, attachments, replaced);
            target.CbiParties = ConsultationAccess.JoinParties(parties);
            Relabel(db, target, labels);
            if (input.Submit)
            {
                Send(db, target, actor, reference, now);
                NotificationUseCases.Send(db, officers, NotificationKinds.SubmissionReceived,
                    $"Submission from {organisation.NameEn} to {call.TitleEn}", $"{Pick(organisation.NameJa, organisation.NameEn)} から回答: {Pick(call.TitleJa, call.TitleEn)}",
                    $"/consultation/submissions/{target.Id:D}", now, NotificationAudience.IsRestricted(labels.Submission));
            }

            // Answers live in their own rows; the submission's version still moves with every save.
            if (db.Entry(target).State == EntityState.Unchanged)
            {
                db.Entry(target).State = EntityState.Modified;
            }
        }

        try
        {
            if (submission is null)
            {
                submission = new Submission
                {
                    CallId = call.Id,
                    OrganisationId = organisation.Id,
                    AgencyId = organisation.AgencyId!.Value,
                    State = SubmissionState.Draft,
                    WorkingRevision = 0,
                    SubmittedRevision = 0,
                };
                db.Set<Submission>().Add(submission);
                Change(submission);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                var saved = await Concurrency.SaveAsync(db, submission, input.Version!.Value, () => Change(submission), () => true, ct);
                if (!saved.Succeeded)
                {
                    return saved.Error!;
                }
            }
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries().Any())
        {
            // Two first saves of the same organisation, or two receipts numbered at the same moment.
            db.ChangeTracker.Clear();
            return Error.Conflict("Someone else saved this submission at the same moment. Reload it and save again.");
        }

        return await SubmissionQueries.Get(db, actor, clock, submission.Id, ct, audit: false);
    }

    internal sealed record Context(Organisation Organisation, CallForInput Call, Submission? Submission);

    /// <summary>The contributor's organisation, the call (visible to it and accepting input) and its submission so far.</summary>
    internal static async Task<Result<Context>> Prepare(TandemDbContext db, Actor actor, TimeProvider clock, Guid callId, int? version, CancellationToken ct)
    {
        var organisation = await ConsultationAccess.OrganisationOf(db, actor, ct);
        if (organisation is null || actor.UserId is null)
        {
            return Error.Forbidden("Only contributors of an approved organisation answer calls for input.");
        }

        var found = await ConsultationAccess.FindCall(db, actor, clock, callId, Audit.AuditAction.Update, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var call = found.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!call.IsAccepting(now))
        {
            var message = call.State == CallState.Open && now < call.OpensAt
                ? $"The call opens at {call.OpensAt:yyyy-MM-dd HH:mm} UTC; it does not accept input yet."
                : $"The call closed at {call.ClosesAt:yyyy-MM-dd HH:mm} UTC; it no longer accepts input or amendments.";
            return new Error(ErrorKind.Conflict, message, new Dictionary<string, string[]> { ["call"] = [message] });
        }

        var submission = await db.Set<Submission>().Include(s => s.Revisions).FirstOrDefaultAsync(s => s.CallId == call.Id && s.OrganisationId == organisation.Id, ct);
        if (submission is not null && version is null)
        {
            return Error.Invalid("version", "version is required: the version of the submission you edited.");
        }

        return new Context(organisation, call, submission);
    }

    /// <summary>The labels of a save: non-CBI parts, CBI parts, and files of unsent revisions (the organisation's contributors only).</summary>
    internal sealed record PartLabels(LabelData Submission, LabelData Cbi, LabelData Draft);

    internal static async Task<PartLabels> Labels(TandemDbContext db, CallForInput call, Organisation organisation, IReadOnlyCollection<string> parties, Guid submitter, CancellationToken ct)
    {
        var people = (await ConsultationAccess.ContributorsOf(db, organisation.AgencyId!.Value, ct)).Append(submitter).ToList();
        var submissionLabel = ConsultationAccess.SubmissionLabel(call.Label.ToLabel(), organisation, people);
        var cbi = parties.Count == 0 ? submissionLabel : await ConsultationAccess.CbiLabel(db, organisation, parties, submitter, ct);
        var draft = ConsultationAccess.DraftLabel(organisation, people);
        return new PartLabels(LabelData.From(submissionLabel), LabelData.From(cbi), LabelData.From(draft));
    }

    /// <summary>The answers of the revision being edited (copies of the sent revision when nothing is drafted yet).</summary>
    internal static async Task<List<SubmissionAnswer>> WorkingAnswers(TandemDbContext db, Submission submission, CancellationToken ct)
    {
        var revision = submission.WorkingRevision;
        var rows = await db.Set<SubmissionAnswer>().AsNoTracking().Where(a => a.SubmissionId == submission.Id && a.Revision == revision).ToListAsync(ct);
        return rows.Select(a => new SubmissionAnswer { QuestionId = a.QuestionId, Text = a.Text, Number = a.Number, IsCbi = a.IsCbi }).ToList();
    }

    /// <summary>The tracked answer rows of an unsent revision, to be replaced.</summary>
    internal static async Task<List<SubmissionAnswer>> DraftedAnswers(TandemDbContext db, Submission submission, CancellationToken ct)
    {
        var revision = submission.WorkingRevision;
        return await db.Set<SubmissionAnswer>().Where(a => a.SubmissionId == submission.Id && a.Revision == revision).ToListAsync(ct);
    }

    internal static async Task<List<SubmissionAttachment>> WorkingAttachments(TandemDbContext db, Submission submission, CancellationToken ct)
    {
        var revision = submission.WorkingRevision;
        return await db.Set<SubmissionAttachment>().Where(a => a.SubmissionId == submission.Id && a.Revision == revision).ToListAsync(ct);
    }

    /// <summary>
    /// Makes the revision being edited hold <paramref name="answers"/> and <paramref name="attachments"/>:
    /// a sent revision is never touched, so editing after sending starts the next revision with copies.
    /// </summary>
    internal static void StartRevision(TandemDbContext db, Submission submission, List<SubmissionAnswer> answers, List<SubmissionAttachment> attachments,
        List<SubmissionAnswer> replaced)
    {
        if (!submission.HasUnsentChanges)
        {
            submission.WorkingRevision = submission.SubmittedRevision + 1;
            foreach (var kept in attachments)
            {
                db.Set<SubmissionAttachment>().Add(new SubmissionAttachment
                {
                    SubmissionId = submission.Id,
                    Revision = submission.WorkingRevision,
                    QuestionId = kept.QuestionId,
                    IsCbi = kept.IsCbi,
                    FileId = kept.FileId,
                    FileName = kept.FileName,
                    ContentType = kept.ContentType,
                    Size = kept.Size,
                    Sha256 = kept.Sha256,
                    AddedAt = kept.AddedAt,
                    Label = kept.Label.Clone(),
                });
            }
        }
        else
        {
            // Unsent rows only: answers are not versioned records, so they are removed, not soft-deleted.
            db.Set<SubmissionAnswer>().RemoveRange(replaced);
        }

        foreach (var answer in answers)
        {
            db.Set<SubmissionAnswer>().Add(new SubmissionAnswer
            {
                SubmissionId = submission.Id,
                Revision = submission.WorkingRevision,
                QuestionId = answer.QuestionId,
                Text = answer.Text,
                Number = answer.Number,
                IsCbi = answer.IsCbi,
            });
        }
    }

    /// <summary>Every part of the revision being edited takes the current labels (audiences are resolved again on each save).</summary>
    internal static void Relabel(TandemDbContext db, Submission submission, PartLabels labels)
    {
        CopyLabel(labels.Submission, submission.Label);
        var revision = submission.WorkingRevision;
        foreach (var entry in db.ChangeTracker.Entries<SubmissionAnswer>().Where(e => e.State == EntityState.Added && e.Entity.SubmissionId == submission.Id && e.Entity.Revision == revision))
        {
            entry.Entity.Label = (entry.Entity.IsCbi ? labels.Cbi : labels.Submission).Clone();
        }

        foreach (var entry in db.ChangeTracker.Entries<SubmissionAttachment>().Where(e => e.State != EntityState.Deleted && e.Entity.SubmissionId == submission.Id && e.Entity.Revision == revision))
        {
            CopyLabel(entry.Entity.IsCbi ? labels.Cbi : labels.Submission, entry.Entity.Label);
        }
    }

    private static string Pick(string japanese, string english) => string.IsNullOrWhiteSpace(japanese) ? english : japanese;

    /// <summary>Changes a tracked record's label in place (replacing the owned instance would re-insert its columns).</summary>
    internal static void CopyLabel(LabelData from, LabelData to)
    {
        to.Level = from.Level;
        to.Parties = from.Parties;
        to.Agencies = from.Agencies;
        to.Users = from.Users;
        to.CommunityOnly = from.CommunityOnly;
        to.OriginatorOnly = from.OriginatorOnly;
        to.Caveats = from.Caveats;
        to.EmbargoedUntil = from.EmbargoedUntil;
        to.Originator = from.Originator;
        to.OriginatingParty = from.OriginatingParty;
    }

    private static void Send(TandemDbContext db, Submission submission, Actor actor, string? reference, DateTime now)
    {
        submission.Reference ??= reference;
        submission.State = SubmissionState.Submitted;
        submission.SubmittedRevision = submission.WorkingRevision;
        submission.FirstSubmittedAt ??= now;
        submission.SubmittedAt = now;
        submission.SubmittedBy = actor.UserId;
        var revision = submission.WorkingRevision;
        var parts = db.ChangeTracker.Entries<SubmissionAnswer>().Where(e => e.State == EntityState.Added && e.Entity.SubmissionId == submission.Id && e.Entity.Revision == revision)
            .Select(e => $"A|{e.Entity.QuestionId:D}|{e.Entity.IsCbi}|{e.Entity.Text}|{e.Entity.Number?.ToString(CultureInfo.InvariantCulture)}")
            .Concat(db.ChangeTracker.Entries<SubmissionAttachment>().Where(e => e.State != EntityState.Deleted && e.Entity.SubmissionId == submission.Id && e.Entity.Revision == revision)
                .Select(e => $"F|{e.Entity.QuestionId:D}|{e.Entity.IsCbi}|{e.Entity.Sha256}"))
            .Order(StringComparer.Ordinal);
        // Sent files now carry their part's label (until then they were visible to the organisation only).
        foreach (var entry in db.ChangeTracker.Entries<SubmissionAttachment>().Where(e => e.State != EntityState.Deleted && e.Entity.SubmissionId == submission.Id && e.Entity.Revision == revision))
        {
            SubmissionFiles.Relabel(db, entry.Entity.FileId, entry.Entity.Label);
        }

        var key = RandomNumberGenerator.GetBytes(SubmissionRevision.DigestKeyBytes);
        submission.Revisions.Add(new SubmissionRevision
        {
            SubmissionId = submission.Id,
            Number = revision,
            SubmittedAt = now,
            SubmittedBy = actor.UserId!.Value,
            SubmittedByName = actor.Email ?? "",
            Digest = SubmissionRevision.ComputeDigest(key, submission.Reference!, revision, parts),
            DigestKey = Convert.ToHexStringLower(key),
        });
    }

    /// <summary>FORUM-TRACK-YEAR-NNNN, numbered per forum, track and year.</summary>
    private static async Task<string> NextReference(TandemDbContext db, CallForInput call, DateTime now, CancellationToken ct)
    {
        var codes = await CallQueries.TrackCodes(db, [call.TrackId], ct);
        var (track, forum) = codes.GetValueOrDefault(call.TrackId);
        var prefix = $"{forum}-{track}-{now.Year.ToString(CultureInfo.InvariantCulture)}-";
        var taken = await db.Set<Submission>().IgnoreQueryFilters().CountAsync(s => s.Reference != null && s.Reference.StartsWith(prefix), ct);
        return prefix + (taken + 1).ToString("D4", CultureInfo.InvariantCulture);
    }

    private static List<string> ChooseParties(Validation validation, IReadOnlyList<string>? chosen, Submission? submission, List<(string Party, string TimeZone)> forumParties)
    {
        var allowed = forumParties.Select(p => p.Party).ToList();
        if (chosen is null)
        {
            var earlier = submission is null ? [] : ConsultationAccess.SplitParties(submission.CbiParties);
            return earlier.Count > 0 || submission is not null ? earlier.ToList() : allowed;
        }

        var parties = chosen.Select(p => p?.Trim().ToUpperInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList();
        foreach (var party in parties.Where(p => !allowed.Contains(p, StringComparer.Ordinal)))
        {
            validation.Add("cbiParties", $"'{party}' is not a party of this forum: choose from {string.Join(", ", allowed)}.");
        }

        return parties;
    }

    private static List<SubmissionAnswer> ParseAnswers(Validation validation, CallForInput call, IReadOnlyList<AnswerInput> input)
    {
        var answers = new List<SubmissionAnswer>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < input.Count; i++)
        {
            var given = input[i];
            var question = given?.QuestionId is { } id ? call.Questions.FirstOrDefault(q => q.Id == id) : null;
            if (given is null || question is null)
            {
                validation.Add($"answers[{i}].questionId", $"answers[{i}].questionId is not a question of this call.");
                continue;
            }

            var field = Field(question);
            if (!seen.Add(question.Id))
            {
                validation.Add(field, $"Q{question.Number} is answered twice.");
                continue;
            }

            var value = given.Value?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var answer = new SubmissionAnswer { QuestionId = question.Id, IsCbi = given.Cbi };
            switch (question.Kind)
            {
                case QuestionKind.FreeText:
                    if (value.Length > question.MaxLength)
                    {
                        validation.Add(field, $"Q{question.Number} takes at most {question.MaxLength} characters.");
                    }

                    answer.Text = value;
                    break;
                case QuestionKind.Choice:
                    var option = question.Options.FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase));
                    if (option is null)
                    {
                        validation.Add(field, $"Q{question.Number} must be one of: {string.Join("; ", question.Options)}.");
                    }

                    answer.Text = option ?? "";
                    break;
                case QuestionKind.Numeric:
                    if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    {
                        validation.Add(field, $"Q{question.Number} needs a number (digits, a leading minus and a decimal point), not '{Clip(value)}'.");
                    }
                    else if (question.Min is { } min && number < min)
                    {
                        validation.Add(field, $"Q{question.Number} must be at least {min.ToString(CultureInfo.InvariantCulture)}.");
                    }
                    else if (question.Max is { } max && number > max)
                    {
                        validation.Add(field, $"Q{question.Number} must be at most {max.ToString(CultureInfo.InvariantCulture)}.");
                    }

                    answer.Number = number;
                    break;
                case QuestionKind.File:
                    validation.Add(field, $"Q{question.Number} is answered with a file: upload it as an attachment to this question.");
                    break;
            }

            answers.Add(answer);
        }

        return answers;
    }

    private static void RequireAnswers(Validation validation, CallForInput call, List<SubmissionAnswer> answers, List<SubmissionAttachment> attachments)
    {
        foreach (var question in call.Questions.Where(q => q.Required))
        {
            var answered = question.Kind == QuestionKind.File
                ? attachments.Any(a => a.QuestionId == question.Id)
                : answers.Any(a => a.QuestionId == question.Id);
            if (!answered)
            {
                validation.Add(Field(question), question.Kind == QuestionKind.File
                    ? $"Q{question.Number} is required: attach a file."
                    : $"Q{question.Number} is required.");
            }
        }
    }

    /// <summary>The field an answer's errors are reported under, e.g. "answers.Q2".</summary>
    public static string Field(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return $"answers.Q{question.Number.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

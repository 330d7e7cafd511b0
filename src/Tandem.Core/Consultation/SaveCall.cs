using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Sharing;

namespace Tandem.Core.Consultation;

public sealed record QuestionInput(QuestionKind? Kind, string? TextEn, string? TextJa = null, bool Required = false, IReadOnlyList<string>? Options = null,
    decimal? Min = null, decimal? Max = null, int? MaxLength = null);

/// <summary>What the secretariat states for a call. Owner, author, state and id are never taken from it.</summary>
public sealed record CallInput(Guid? TrackId, string? TitleEn, string? TitleJa, string? DescriptionEn, string? DescriptionJa, DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt, CallAudience? Audience, IReadOnlyList<Guid>? InvitedOrganisations, IReadOnlyList<QuestionInput>? Questions, LabelInput? Label,
    int? Version = null);

/// <summary>
/// Creates a call (as a draft) and edits it. Questions and the label are fixed once the call opens,
/// so every answer matches the question it was given to; texts, the closing time and invitations
/// stay editable until the call closes.
/// </summary>
public static class SaveCall
{
    public const int MaxQuestions = 50;
    public const int MaxOptions = 50;

    public static async Task<Result<CallDto>> Create(TandemDbContext db, Actor actor, TimeProvider clock, CallInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ConsultationAccess.IsSecretariat(actor) || actor.AgencyId is not { } agency || actor.UserId is not { } author)
        {
            return Error.Forbidden("Only the secretariat creates calls for input.");
        }

        var validation = new Validation();
        var track = input.TrackId is { } trackId ? await db.Tracks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == trackId, ct) : null;
        if (track is null)
        {
            validation.Add("trackId", "trackId is required and must be a track.");
        }

        ValidateTexts(validation, input);
        await ValidateInvitations(db, validation, input, ct);
        var questions = ValidateQuestions(validation, input.Questions, required: false);
        var label = Label.Create(input.Label ?? new LabelInput(Tlp.Green), agency, actor.Party ?? "", author);
        if (!label.Succeeded)
        {
            foreach (var (field, messages) in label.Error!.Fields)
            {
                messages.ToList().ForEach(m => validation.Add(field, m));
            }
        }
        else if (!AccessPolicy.CanSee(ConsultationAccess.ViewerOf(actor, clock), label.Value))
        {
            validation.Add("label", "With this label you could not see the call yourself; choose recipients that include you.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var call = new CallForInput
        {
            TrackId = track!.Id,
            ForumId = track.ForumId,
            State = CallState.Draft,
            OwnerAgencyId = agency,
            CreatedBy = author,
            Label = LabelData.From(label.Value),
        };
        Apply(call, input);
        call.Questions = questions.Select((q, i) => ToQuestion(q, call.Id, i + 1)).ToList();
        db.Set<CallForInput>().Add(call);
        await db.SaveChangesAsync(ct);
        return await CallQueries.ToDto(db, actor, call, ct);
    }

    public static async Task<Result<CallDto>> Update(TandemDbContext db, Actor actor, TimeProvider clock, Guid id, CallInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ConsultationAccess.IsSecretariat(actor))
        {
            return Error.Forbidden("Only the secretariat edits calls for input.");
        }

        var found = await ConsultationAccess.FindCall(db, actor, clock, id, Audit.AuditAction.Update, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        if (input.Version is not { } version)
        {
            return Error.Invalid("version", "version is required: the version of the call you edited.");
        }

        var call = await db.Set<CallForInput>().Include(c => c.Questions).Include(c => c.Invitations).AsSplitQuery().FirstAsync(c => c.Id == id, ct);
        if (call.State is CallState.Closed or CallState.Summarised)
        {
            return new Error(ErrorKind.Conflict, "The call is closed: it can no longer be edited.", new Dictionary<string, string[]> { ["state"] = ["The call is closed."] });
        }

        var validation = new Validation();
        if (input.TrackId is { } trackId && trackId != call.TrackId)
        {
            validation.Add("trackId", "A call stays in the track it was created in.");
        }

        ValidateTexts(validation, input);
        await ValidateInvitations(db, validation, input, ct);
        var draft = call.State == CallState.Draft;
        if (!draft && input.Questions is not null)
        {
            validation.Add("questions", "Questions are fixed once the call is open: answers must match the questions they were given to.");
        }

        if (!draft && input.Label is not null)
        {
            validation.Add("label", "The label is fixed once the call is open: submissions already follow it.");
        }

        if (!draft && input.OpensAt is { } opens && opens.UtcDateTime != call.OpensAt)
        {
            validation.Add("opensAt", "The opening time is fixed once the call is open.");
        }

        var questions = draft && input.Questions is not null ? ValidateQuestions(validation, input.Questions, required: false) : [];
        Label? label = null;
        if (draft && input.Label is not null && actor.AgencyId is { } agency && actor.UserId is { } author)
        {
            var created = Label.Create(input.Label, call.OwnerAgencyId, call.Label.OriginatingParty, author);
            if (!created.Succeeded)
            {
                foreach (var (field, messages) in created.Error!.Fields)
                {
                    messages.ToList().ForEach(m => validation.Add(field, m));
                }
            }
            else if (agency != call.OwnerAgencyId)
            {
                validation.Add("label", "Only the agency that created the call may change its label.");
            }
            else
            {
                label = created.Value;
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var result = await Concurrency.SaveAsync(db, call, version, () =>
        {
            Apply(call, input);
            if (label is not null)
            {
                call.Label = LabelData.From(label);
            }

            if (draft && input.Questions is not null)
            {
                db.RemoveRange(call.Questions);
                call.Questions.Clear();
                foreach (var question in questions.Select((q, i) => ToQuestion(q, call.Id, i + 1)))
                {
                    call.Questions.Add(question);
                }
            }

            // Saving child rows alone would not bump the call's version; a changed call always does.
            db.Entry(call).State = EntityState.Modified;
        }, () => true, ct);
        return result.Succeeded ? await CallQueries.ToDto(db, actor, call, ct) : result.Error!;
    }

    private static void Apply(CallForInput call, CallInput input)
    {
        call.TitleEn = input.TitleEn!.Trim();
        call.TitleJa = input.TitleJa?.Trim() ?? "";
        call.DescriptionEn = input.DescriptionEn?.Trim() ?? "";
        call.DescriptionJa = input.DescriptionJa?.Trim() ?? "";
        call.OpensAt = input.OpensAt!.Value.UtcDateTime;
        call.ClosesAt = input.ClosesAt!.Value.UtcDateTime;
        call.Audience = input.Audience ?? CallAudience.AllRegistered;
        var invited = call.Audience == CallAudience.Invited ? (input.InvitedOrganisations ?? []).Distinct().ToHashSet() : [];
        call.Invitations.RemoveAll(i => !invited.Contains(i.OrganisationId));
        foreach (var organisation in invited.Where(o => call.Invitations.All(i => i.OrganisationId != o)))
        {
            call.Invitations.Add(new CallInvitation { CallId = call.Id, OrganisationId = organisation });
        }
    }

    private static void ValidateTexts(Validation validation, CallInput input)
    {
        validation.Required("titleEn", input.TitleEn, CallForInput.TitleLength)
            .Optional("titleJa", input.TitleJa, CallForInput.TitleLength)
            .Optional("descriptionEn", input.DescriptionEn, CallForInput.DescriptionLength)
            .Optional("descriptionJa", input.DescriptionJa, CallForInput.DescriptionLength);
        if (input.OpensAt is null)
        {
            validation.Add("opensAt", "opensAt is required (a date and time with its UTC offset).");
        }

        if (input.ClosesAt is null)
        {
            validation.Add("closesAt", "closesAt is required (a date and time with its UTC offset).");
        }
        else if (input.OpensAt is { } opens && input.ClosesAt <= opens)
        {
            validation.Add("closesAt", "closesAt must be after opensAt.");
        }

        if (input.Audience is { } audience && !Enum.IsDefined(audience))
        {
            validation.Add("audience", "audience must be AllRegistered or Invited.");
        }
    }

    private static async Task ValidateInvitations(TandemDbContext db, Validation validation, CallInput input, CancellationToken ct)
    {
        if (input.Audience != CallAudience.Invited)
        {
            return;
        }

        var invited = (input.InvitedOrganisations ?? []).Distinct().ToList();
        if (invited.Count == 0)
        {
            validation.Add("invitedOrganisations", "Invite at least one organisation, or open the call to all registered organisations.");
            return;
        }

        var known = await db.Set<Organisation>().Where(o => invited.Contains(o.Id) && o.Status == OrganisationStatus.Approved).Select(o => o.Id).ToListAsync(ct);
        foreach (var missing in invited.Except(known))
        {
            validation.Add("invitedOrganisations", $"{missing} is not an approved organisation.");
        }
    }

    private static List<QuestionInput> ValidateQuestions(Validation validation, IReadOnlyList<QuestionInput>? input, bool required)
    {
        var questions = input ?? [];
        if (required && questions.Count == 0)
        {
            validation.Add("questions", "A call needs at least one question.");
        }

        if (questions.Count > MaxQuestions)
        {
            validation.Add("questions", $"A call has at most {MaxQuestions} questions.");
            return [];
        }

        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var field = $"questions[{i}]";
            if (q is null)
            {
                validation.Add(field, $"{field} is empty.");
                continue;
            }

            validation.Required($"{field}.textEn", q.TextEn, Question.TextLength).Optional($"{field}.textJa", q.TextJa, Question.TextLength);
            if (q.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                validation.Add($"{field}.kind", $"{field}.kind is required: {string.Join(", ", Enum.GetNames<QuestionKind>())}.");
                continue;
            }

            var options = (q.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
            if (kind == QuestionKind.Choice)
            {
                if (options.Count < 2 || options.Count > MaxOptions)
                {
                    validation.Add($"{field}.options", $"A choice question needs 2 to {MaxOptions} options.");
                }

                if (options.Any(o => o.Length == 0 || o.Length > Question.OptionLength))
                {
                    validation.Add($"{field}.options", $"Each option needs 1 to {Question.OptionLength} characters.");
                }

                if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
                {
                    validation.Add($"{field}.options", "Options must differ from each other.");
                }
            }
            else if (options.Count > 0)
            {
                validation.Add($"{field}.options", "Only choice questions have options.");
            }

            if (kind != QuestionKind.Numeric && (q.Min is not null || q.Max is not null))
            {
                validation.Add($"{field}.min", "Only numeric questions have a minimum and maximum.");
            }
            else if (q.Min is { } min && q.Max is { } max && min > max)
            {
                validation.Add($"{field}.max", "max must not be less than min.");
            }

            if (q.MaxLength is { } length && (kind != QuestionKind.FreeText || length < 1 || length > SubmissionAnswer.TextLength))
            {
                validation.Add($"{field}.maxLength", $"maxLength applies to free-text questions and is between 1 and {SubmissionAnswer.TextLength}.");
            }
        }

        return questions.ToList();
    }

    private static Question ToQuestion(QuestionInput q, Guid callId, int number) => new()
    {
        CallId = callId,
        Number = number,
        Kind = q.Kind!.Value,
        TextEn = q.TextEn!.Trim(),
        TextJa = q.TextJa?.Trim() ?? "",
        Required = q.Required,
        Options = q.Kind == QuestionKind.Choice ? (q.Options ?? []).Select(o => o.Trim()).ToList() : [],
        Min = q.Kind == QuestionKind.Numeric ? q.Min : null,
        Max = q.Kind == QuestionKind.Numeric ? q.Max : null,
        MaxLength = q.Kind == QuestionKind.FreeText ? q.MaxLength ?? Question.DefaultMaxAnswerLength : Question.DefaultMaxAnswerLength,
    };
}

using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Consultation;

public sealed record OrganisationDecisionInput(bool Approve, string? Code = null, string? Note = null, int? Version = null);

/// <summary>
/// The secretariat approves a self-registration (creating the organisation's private-sector agency,
/// to which its contributors' accounts then belong) or rejects it with a note.
/// </summary>
public static class DecideOrganisation
{
    public static async Task<Result<OrganisationDto>> Handle(TandemDbContext db, Actor actor, Guid id, OrganisationDecisionInput input, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ConsultationAccess.IsSecretariat(actor))
        {
            return Error.Forbidden("Only the secretariat approves organisations.");
        }

        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return Error.NotFound("Organisation");
        }

        if (input.Version is not { } version)
        {
            return Error.Invalid("version", "version is required: the version of the registration you decided on.");
        }

        if (organisation.Status != OrganisationStatus.Pending)
        {
            return new Error(ErrorKind.Conflict, $"The registration was already {organisation.Status.ToString().ToLowerInvariant()}.",
                new Dictionary<string, string[]> { ["status"] = [$"The registration is {organisation.Status}."] });
        }

        var validation = new Validation().Optional("note", input.Note, 1000);
        var code = string.IsNullOrWhiteSpace(input.Code) ? organisation.Code : input.Code.Trim().ToUpperInvariant();
        if (input.Approve)
        {
            var check = await RegisterOrganisation.Validate(db, new OrganisationInput(code, organisation.NameEn, organisation.NameJa, organisation.Party, organisation.Type), codeRequired: true, ct);
            foreach (var (field, messages) in check.Errors)
            {
                messages.ToList().ForEach(m => validation.Add(field, m));
            }

            if (check.IsValid && await db.Agencies.IgnoreQueryFilters().AnyAsync(a => a.Code == code, ct))
            {
                validation.Add("code", $"An agency with code {code} already exists: choose another code.");
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        return await Concurrency.SaveAsync(db, organisation, version, () =>
        {
            organisation.Status = input.Approve ? OrganisationStatus.Approved : OrganisationStatus.Rejected;
            organisation.DecidedAt = now;
            organisation.DecidedBy = actor.UserId;
            organisation.DecisionNote = input.Note?.Trim() ?? "";
            if (input.Approve)
            {
                organisation.Code = code;
                var agency = RegisterOrganisation.NewAgency(organisation);
                db.Agencies.Add(agency);
                organisation.AgencyId = agency.Id;
            }
        }, () => OrganisationQueries.ToDto(organisation), ct);
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Consultation;

/// <summary>
/// What a registration states. <see cref="AgencyCode"/> links an existing private-sector agency
/// (secretariat only); otherwise the secretariat's registration creates one.
/// </summary>
public sealed record OrganisationInput(string? Code, string? NameEn, string? NameJa, string? Party, OrganisationType? Type, string? Website = null,
    string? ContactName = null, string? ContactEmail = null, string? Description = null, string? AgencyCode = null);

/// <summary>
/// Registers an organisation: by the secretariat (approved at once, with its private-sector agency),
/// or through the public form (pending until the secretariat approves it).
/// </summary>
public static partial class RegisterOrganisation
{
    public static async Task<Result<OrganisationDto>> BySecretariat(TandemDbContext db, Actor actor, OrganisationInput input, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!ConsultationAccess.IsSecretariat(actor))
        {
            return Error.Forbidden("Only the secretariat registers organisations directly; others use the registration form.");
        }

        Agency? existing = null;
        if (!string.IsNullOrWhiteSpace(input.AgencyCode))
        {
            var code = input.AgencyCode.Trim();
            existing = await db.Agencies.FirstOrDefaultAsync(a => a.Code == code, ct);
            if (existing is null || existing.Kind != AgencyKind.Private)
            {
                return Error.Invalid("agencyCode", $"'{code}' is not a private-sector agency.");
            }

            if (await db.Set<Organisation>().AnyAsync(o => o.AgencyId == existing.Id, ct))
            {
                return Error.Duplicate("agencyCode", $"{code} is already registered.");
            }

            input = input with { Code = existing.Code, Party = existing.Party, NameEn = input.NameEn ?? existing.NameEn, NameJa = input.NameJa ?? existing.NameJa };
        }

        var validation = await Validate(db, input, codeRequired: true, ct);
        if (existing is null && !string.IsNullOrWhiteSpace(input.Code) && await db.Agencies.IgnoreQueryFilters().AnyAsync(a => a.Code == input.Code.Trim(), ct))
        {
            validation.Add("code", $"An agency with code {input.Code.Trim()} already exists.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var organisation = New(input, selfRegistered: false, actor.UserId);
        var agency = existing;
        if (agency is null)
        {
            agency = NewAgency(organisation);
            db.Agencies.Add(agency);
        }
        else
        {
            organisation.Code = agency.Code;
        }

        organisation.AgencyId = agency.Id;
        organisation.Status = OrganisationStatus.Approved;
        organisation.DecidedAt = now;
        organisation.DecidedBy = actor.UserId;
        db.Set<Organisation>().Add(organisation);
        await db.SaveChangesAsync(ct);
        return OrganisationQueries.ToDto(organisation);
    }

    /// <summary>The public form: anyone may ask; nothing is visible to the asker beyond the receipt.</summary>
    public static async Task<Result<RegistrationReceiptDto>> SelfRegister(TandemDbContext db, Actor actor, OrganisationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        // An existing agency is linked only by the secretariat: the public cannot claim one.
        var validation = await Validate(db, input with { AgencyCode = null }, codeRequired: false, ct);
        if (string.IsNullOrWhiteSpace(input.ContactEmail))
        {
            validation.Add("contactEmail", "contactEmail is required: the secretariat answers there.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var organisation = New(input with { AgencyCode = null }, selfRegistered: true, actor.UserId);
        db.Set<Organisation>().Add(organisation);
        await db.SaveChangesAsync(ct);
        return new RegistrationReceiptDto(organisation.Id, organisation.NameEn, organisation.Status, organisation.CreatedAt);
    }

    internal static Agency NewAgency(Organisation organisation) => new()
    {
        Code = organisation.Code,
        Party = organisation.Party,
        Kind = AgencyKind.Private,
        NameEn = organisation.NameEn,
        NameJa = organisation.NameJa,
    };

    internal static async Task<Validation> Validate(TandemDbContext db, OrganisationInput input, bool codeRequired, CancellationToken ct)
    {
        var validation = new Validation()
            .Required("nameEn", input.NameEn, Organisation.NameLength)
            .Optional("nameJa", input.NameJa, Organisation.NameLength)
            .Optional("website", input.Website, 400)
            .Optional("contactName", input.ContactName, 200)
            .Optional("contactEmail", input.ContactEmail, 256)
            .Optional("description", input.Description, 4000);
        if (codeRequired && string.IsNullOrWhiteSpace(input.Code))
        {
            validation.Add("code", "code is required: the short code the organisation is shown under (e.g. ACME).");
        }
        else if (!string.IsNullOrWhiteSpace(input.Code) && !CodePattern().IsMatch(input.Code.Trim()))
        {
            validation.Add("code", "code must be 2–32 letters, digits or hyphens.");
        }

        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            validation.Add("type", $"type is required: {string.Join(", ", Enum.GetNames<OrganisationType>())}.");
        }

        var party = input.Party?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(party))
        {
            validation.Add("party", "party is required (ISO 3166 alpha-3, e.g. JPN).");
        }
        else if (!await db.Parties.AnyAsync(p => p.Iso3 == party, ct))
        {
            validation.Add("party", $"'{party}' is not a party of any forum.");
        }

        if (!string.IsNullOrWhiteSpace(input.ContactEmail) && !input.ContactEmail.Contains('@', StringComparison.Ordinal))
        {
            validation.Add("contactEmail", "contactEmail must be an e-mail address.");
        }

        if (!string.IsNullOrWhiteSpace(input.Website) && !(Uri.TryCreate(input.Website.Trim(), UriKind.Absolute, out var site) && site.Scheme is "https" or "http"))
        {
            validation.Add("website", "website must be an http(s) address.");
        }

        return validation;
    }

    private static Organisation New(OrganisationInput input, bool selfRegistered, Guid? by) => new()
    {
        Code = input.Code?.Trim().ToUpperInvariant() ?? "",
        Type = input.Type!.Value,
        Status = OrganisationStatus.Pending,
        NameEn = input.NameEn!.Trim(),
        NameJa = input.NameJa?.Trim() ?? "",
        Party = input.Party!.Trim().ToUpperInvariant(),
        Website = input.Website?.Trim() ?? "",
        ContactName = input.ContactName?.Trim() ?? "",
        ContactEmail = input.ContactEmail?.Trim() ?? "",
        Description = input.Description?.Trim() ?? "",
        SelfRegistered = selfRegistered,
        RegisteredBy = by,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{1,31}$")]
    private static partial Regex CodePattern();
}

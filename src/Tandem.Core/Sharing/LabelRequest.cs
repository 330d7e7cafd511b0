using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Sharing;

/// <summary>
/// A label as a form or a JSON body states it: the level by name, recipient agencies by code (or id),
/// recipient people by e-mail (or id). <see cref="Resolve"/> turns it into a normalised <see cref="Label"/>
/// whose originator is always the acting agency — never a value from the request.
/// </summary>
public sealed record LabelRequest(
    string? Level,
    IReadOnlyList<string>? ReleasableTo = null,
    bool? OriginatorOnly = null,
    IReadOnlyList<string>? RecipientAgencies = null,
    IReadOnlyList<string>? RecipientUsers = null,
    IReadOnlyList<string>? Caveats = null,
    DateOnly? EmbargoedUntil = null)
{
    public const int MaxRecipients = 100;

    public async Task<Result<Label>> Resolve(TandemDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.AgencyId is not { } agency || actor.UserId is not { } author)
        {
            return Error.Forbidden("Only a signed-in member of an agency can label records.");
        }

        var validation = new Validation();
        Tlp? level = null;
        if (string.IsNullOrWhiteSpace(Level))
        {
            validation.Add("level", "level is required: Clear, Green, Amber, AmberStrict or Red.");
        }
        else if (ParseLevel(Level) is { } parsed)
        {
            level = parsed;
        }
        else
        {
            validation.Add("level", $"level '{Truncate(Level)}' is not a TLP level: use Clear, Green, Amber, AmberStrict or Red.");
        }

        var agencies = new List<Guid>();
        foreach (var value in Clean(RecipientAgencies, "recipientAgencies", validation))
        {
            var id = Guid.TryParse(value, CultureInfo.InvariantCulture, out var g)
                ? await db.Agencies.Where(a => a.Id == g).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct)
                : await db.Agencies.Where(a => a.Code == value.ToUpperInvariant()).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                validation.Add("recipientAgencies", $"'{Truncate(value)}' is not an agency code.");
            }
            else
            {
                agencies.Add(id.Value);
            }
        }

        var users = new List<Guid>();
        foreach (var value in Clean(RecipientUsers, "recipientUsers", validation))
        {
            var normalized = value.ToUpperInvariant();
            var id = Guid.TryParse(value, CultureInfo.InvariantCulture, out var g)
                ? await db.Users.Where(u => u.Id == g).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
                : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                validation.Add("recipientUsers", $"'{Truncate(value)}' is not a user's e-mail.");
            }
            else
            {
                users.Add(id.Value);
            }
        }

        var releasable = Clean(ReleasableTo, "releasableTo", validation).ToList();
        var caveats = Clean(Caveats, "caveats", validation).ToList();
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var created = Label.Create(new LabelInput(level, releasable, OriginatorOnly ?? false, agencies, users, caveats, EmbargoedUntil), agency, actor.Party ?? "", author);
        if (created.Succeeded)
        {
            return created;
        }

        // Label.Create names fields "label.x"; requests name them "x".
        var fields = created.Error!.Fields.ToDictionary(f => f.Key.StartsWith("label.", StringComparison.Ordinal) ? f.Key["label.".Length..] : f.Key, f => f.Value, StringComparer.Ordinal);
        return new Error(ErrorKind.Invalid, created.Error.Message, fields);
    }

    /// <summary>Accepts the enum names and the markings people type ("amber+strict", "TLP:RED").</summary>
    public static Tlp? ParseLevel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim().ToUpperInvariant().Replace("TLP:", "", StringComparison.Ordinal).Replace("+", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return v switch
        {
            "CLEAR" or "WHITE" => Tlp.Clear,
            "GREEN" => Tlp.Green,
            "AMBER" => Tlp.Amber,
            "AMBERSTRICT" => Tlp.AmberStrict,
            "RED" => Tlp.Red,
            _ => null,
        };
    }

    /// <summary>The request a label came from, so an edit form starts with the current label.</summary>
    public static async Task<LabelRequest> Describe(TandemDbContext db, Label label, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(label);
        var agencyIds = (label.Agencies ?? []).Where(a => a != label.Originator).ToList();
        var userIds = (label.Users ?? []).ToList();
        var codes = await db.Agencies.IgnoreQueryFilters().Where(a => agencyIds.Contains(a.Id)).Select(a => a.Code).ToListAsync(ct);
        var emails = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Email ?? "").ToListAsync(ct);
        List<string> parties = label.OriginatorOnly ? [] : [.. label.Parties ?? []];
        return new LabelRequest(label.Level.ToString(), parties, label.OriginatorOnly, codes.Order(StringComparer.Ordinal).ToList(),
            emails.Order(StringComparer.Ordinal).ToList(), label.Caveats.ToList(), label.EmbargoedUntil);
    }

    private static IEnumerable<string> Clean(IReadOnlyList<string>? values, string field, Validation validation)
    {
        var list = (values ?? []).SelectMany(v => (v ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > MaxRecipients)
        {
            validation.Add(field, $"{field} may list at most {MaxRecipients} values.");
            return [];
        }

        if (list.Any(v => v.Length > 256))
        {
            validation.Add(field, $"{field} has a value longer than 256 characters.");
        }

        return list.Where(v => v.Length <= 256);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

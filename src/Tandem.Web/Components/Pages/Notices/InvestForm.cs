using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tandem.Core.Common;
using Tandem.Core.Sharing;

namespace Tandem.Web.Components.Pages.Notices;

/// <summary>Reading the investment and notice forms: numbers, dates, lists and the label, with errors naming the field.</summary>
public static class InvestForm
{
    public static string Text(IFormCollection form, string name) => form[name].ToString().Trim();

    public static IReadOnlyList<string> List(IFormCollection form, string name) =>
        Text(form, name).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static DateOnly? Date(IFormCollection form, string name, Validation validation, bool required = false)
    {
        var text = Text(form, name);
        if (text.Length == 0)
        {
            if (required)
            {
                validation.Add(name, $"{name} is required (yyyy-MM-dd).");
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        validation.Add(name, $"{name} '{Cut(text)}' is not a date (yyyy-MM-dd).");
        return null;
    }

    public static int? WholeNumber(IFormCollection form, string name, Validation validation)
    {
        var text = Text(form, name);
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        validation.Add(name, $"{name} '{Cut(text)}' is not a whole number.");
        return null;
    }

    public static TEnum? Enum<TEnum>(IFormCollection form, string name, Validation validation)
        where TEnum : struct, System.Enum
    {
        var text = Text(form, name);
        if (text.Length == 0)
        {
            return null;
        }

        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        validation.Add(name, $"{name} must be one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }

    /// <summary>The label part of a form: level, releasability and originator-only; AMBER shares with the agencies named by code.</summary>
    public static LabelInput Label(IFormCollection form, Validation validation, IReadOnlyDictionary<string, Guid> agencyIds)
    {
        var level = Enum<Tlp>(form, "level", validation);
        var agencies = new List<Guid>();
        foreach (var code in List(form, "recipientAgencies"))
        {
            if (agencyIds.TryGetValue(code.ToUpperInvariant(), out var id))
            {
                agencies.Add(id);
            }
            else
            {
                validation.Add("recipientAgencies", $"'{Cut(code)}' is not an agency code.");
            }
        }

        var parties = List(form, "releasableTo");
        return new LabelInput(level ?? Tlp.Green, parties.Count > 0 ? parties : null, Text(form, "originatorOnly") == "true", agencies);
    }

    public static Dictionary<string, string[]> Merge(Validation validation, Error? error)
    {
        var merged = validation.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var (field, messages) in error?.Fields ?? new Dictionary<string, string[]>())
        {
            var key = field.StartsWith("label.", StringComparison.Ordinal) ? field["label.".Length..] : field;
            merged[key] = merged.TryGetValue(key, out var existing) ? [.. existing, .. messages] : messages;
        }

        return merged;
    }

    public static string Money(decimal amount, string currency) =>
        amount >= 1_000_000_000m
            ? string.Create(CultureInfo.CurrentCulture, $"{currency} {amount / 1_000_000_000m:N2} bn")
            : amount >= 1_000_000m
                ? string.Create(CultureInfo.CurrentCulture, $"{currency} {amount / 1_000_000m:N1} m")
                : string.Create(CultureInfo.CurrentCulture, $"{currency} {amount:N0}");

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

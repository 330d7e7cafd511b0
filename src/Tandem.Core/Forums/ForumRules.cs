using System.Text.RegularExpressions;
using Tandem.Core.Common;

namespace Tandem.Core.Forums;

/// <summary>Field rules shared by the create and update use cases of the forum model.</summary>
internal static partial class ForumRules
{
    public const int NameLength = 200;
    public const int LongNameLength = 300;
    public const int CodeLength = 32;
    public const int DescriptionLength = 4000;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]*$")]
    private static partial Regex CodePattern();

    public static Validation Code(this Validation v, string field, string? code)
    {
        v.Required(field, code, CodeLength);
        if (!string.IsNullOrWhiteSpace(code) && code.Length <= CodeLength && !CodePattern().IsMatch(code))
        {
            v.Add(field, $"{field} may contain only capital letters, digits, '-' and '_', starting with a letter or digit.");
        }

        return v;
    }

    public static Validation TimeZone(this Validation v, string field, string? zone, bool required)
    {
        if (string.IsNullOrWhiteSpace(zone))
        {
            if (required)
            {
                v.Add(field, $"{field} is required (an IANA time zone such as Asia/Tokyo).");
            }
        }
        else if (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            v.Add(field, $"{field} '{Truncate(zone)}' is not a known IANA time zone (e.g. America/New_York).");
        }

        return v;
    }

    public static Validation Version(this Validation v, int? version)
    {
        if (version is null or < 1)
        {
            v.Add("version", "version is required: send the version you loaded, so concurrent edits are detected.");
        }

        return v;
    }

    public static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Tandem.Core.Common;
using Tandem.Core.Forums;

namespace Tandem.Core.Programmes;

/// <summary>Field rules and the spellings files use for instruments, stages and statuses.</summary>
public static partial class ProgrammeRules
{
    public const int MinYear = 1950;
    public const int MaxYear = 2100;
    public const int TextLength = 2000;

    /// <summary>Largest amount accepted (a quadrillion units): above it a typo is likelier than a programme.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>Active ISO 4217 currency codes (funds, metals and test codes left out).</summary>
    public static readonly FrozenSet<string> Currencies = ("AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN "
        + "BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF "
        + "GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL "
        + "LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG "
        + "QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS "
        + "UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Instrument> InstrumentAliases = new Dictionary<string, Instrument>
    {
        ["rd"] = Instrument.RdFunding,
        ["research"] = Instrument.RdFunding,
        ["randd"] = Instrument.RdFunding,
        ["subsidy"] = Instrument.Grant,
        ["credit"] = Instrument.TaxCredit,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ValueChainStage> StageAliases = new Dictionary<string, ValueChainStage>
    {
        ["rd"] = ValueChainStage.RnD,
        ["randd"] = ValueChainStage.RnD,
        ["research"] = ValueChainStage.RnD,
        ["atp"] = ValueChainStage.AssemblyTestPackaging,
        ["packaging"] = ValueChainStage.AssemblyTestPackaging,
        ["manufacturing"] = ValueChainStage.Fabrication,
        ["supplychaindiversification"] = ValueChainStage.SupplyDiversification,
    }.ToFrozenDictionary();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex TechnologyCodePattern();

    /// <summary>"Critical minerals" → "critical-minerals": how files and forms may spell a taxonomy code.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new System.Text.StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    public static bool IsCurrency(string? code) => code is not null && Currencies.Contains(code);

    /// <summary>Reads "tax-credit", "TaxCredit", "r&amp;d"… by comparing letters and digits only.</summary>
    public static Instrument? ParseInstrument(string? text) => Parse(text, InstrumentAliases);

    public static ValueChainStage? ParseStage(string? text) => Parse(text, StageAliases);

    public static ProgrammeStatus? ParseStatus(string? text) => Parse<ProgrammeStatus>(text, FrozenDictionary<string, ProgrammeStatus>.Empty);

    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());

    internal static Validation TechnologyCode(this Validation v, string field, string? code)
    {
        v.Required(field, code, 64);
        if (!string.IsNullOrWhiteSpace(code) && code.Length <= 64 && !TechnologyCodePattern().IsMatch(code))
        {
            v.Add(field, $"{field} may contain only lower-case letters, digits and '-' (e.g. critical-minerals).");
        }

        return v;
    }

    internal static Validation Years(this Validation v, int? start, int? end)
    {
        if (start is null)
        {
            v.Add("startYear", "startYear is required.");
        }
        else if (start is < MinYear or > MaxYear)
        {
            v.Add("startYear", $"startYear must be between {MinYear} and {MaxYear}.");
        }

        if (end is null)
        {
            v.Add("endYear", "endYear is required.");
        }
        else if (end is < MinYear or > MaxYear)
        {
            v.Add("endYear", $"endYear must be between {MinYear} and {MaxYear}.");
        }
        else if (start is not null && end < start)
        {
            v.Add("endYear", $"endYear {end} is before startYear {start}.");
        }

        return v;
    }

    internal static Validation Currency(this Validation v, string field, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            v.Add(field, $"{field} is required (an ISO 4217 code such as USD or JPY).");
        }
        else if (!IsCurrency(code.Trim().ToUpperInvariant()))
        {
            v.Add(field, $"{field} '{ForumRules.Truncate(code)}' is not an ISO 4217 currency code.");
        }

        return v;
    }

    internal static Validation Url(this Validation v, string field, string? url)
    {
        if (!string.IsNullOrWhiteSpace(url)
            && (url.Length > 1000 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            v.Add(field, $"{field} must be an absolute http or https address.");
        }

        return v;
    }

    private static T? Parse<T>(string? text, FrozenDictionary<string, T> aliases)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = new string(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        if (aliases.TryGetValue(key, out var alias))
        {
            return alias;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}

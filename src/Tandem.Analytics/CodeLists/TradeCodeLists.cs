using System.Collections.Frozen;
using System.Reflection;
using System.Text;

namespace Tandem.Analytics.CodeLists;

/// <summary>
/// The code lists shipped inside the assembly (see <c>Data/NOTICE.md</c> for sources and licences):
/// HS 2022, ISO 3166 countries and CEPII BACI's country list with its quirks repaired.
/// </summary>
public sealed class TradeCodeLists
{
    /// <summary>BACI's "Other Asia, nes" is Taiwan in all but name (CEPII documents it so).</summary>
    public const int BaciOtherAsiaCode = 490;

    private static readonly Lazy<TradeCodeLists> Shared = new(Load);

    private TradeCodeLists(
        IReadOnlyList<HsProduct> products,
        IReadOnlyList<HsSection> sections,
        IReadOnlyList<IsoCountry> countries,
        IReadOnlyList<BaciCountry> baciCountries)
    {
        Products = products;
        Sections = sections;
        Countries = countries;
        BaciCountries = baciCountries;
        ProductsByCode = products.ToFrozenDictionary(p => p.Hs6, StringComparer.Ordinal);
        BaciByCode = baciCountries.ToFrozenDictionary(c => c.Code);
        var iso3 = new HashSet<string>(countries.Select(c => c.Iso3), StringComparer.Ordinal);
        iso3.UnionWith(baciCountries.Select(c => c.Iso3));
        KnownIso3 = iso3.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The lists loaded once from the embedded resources.</summary>
    public static TradeCodeLists Default => Shared.Value;

    public IReadOnlyList<HsProduct> Products { get; }

    public IReadOnlyList<HsSection> Sections { get; }

    public IReadOnlyList<IsoCountry> Countries { get; }

    public IReadOnlyList<BaciCountry> BaciCountries { get; }

    public FrozenDictionary<string, HsProduct> ProductsByCode { get; }

    public FrozenDictionary<int, BaciCountry> BaciByCode { get; }

    /// <summary>ISO3 codes accepted as parties, suppliers and targets (ISO list plus BACI's historical codes).</summary>
    public FrozenSet<string> KnownIso3 { get; }

    public static Stream OpenResource(string fileName)
    {
        var name = "Tandem.Analytics.Data." + fileName;
        return Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
    }

    public static string ReadResource(string fileName)
    {
        using var stream = OpenResource(fileName);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Repairs text that was UTF-8, read as Latin-1 and written again as UTF-8 ("TÃ¼rkiye" → "Türkiye"),
    /// as in BACI's distributed country list. Text that is not of that shape is returned unchanged.
    /// </summary>
    public static string RepairDoubleEncodedUtf8(string text)
    {
        if (!text.Contains('Ã', StringComparison.Ordinal) && !text.Contains('Â', StringComparison.Ordinal))
        {
            return text;
        }

        foreach (var ch in text)
        {
            if (ch > '\u00FF')
            {
                return text;
            }
        }

        var bytes = Encoding.Latin1.GetBytes(text);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }

    private static TradeCodeLists Load()
    {
        var sections = SimpleCsv.ReadRecords(ReadResource("sections.csv"))
            .Select(r => new HsSection(r["section"], r["name"]))
            .ToList();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var products = new List<HsProduct>(5700);
        foreach (var r in SimpleCsv.ReadRecords(ReadResource("harmonized-system.csv")))
        {
            if (r["level"] == "6" && seen.Add(r["hscode"]))
            {
                products.Add(new HsProduct(r["hscode"], r["description"], r["section"]));
            }
        }

        var countries = SimpleCsv.ReadRecords(ReadResource("country-codes.csv"))
            .Where(r => r["ISO3166-1-Alpha-3"].Length == 3)
            .Select(r => new IsoCountry(
                r["ISO3166-1-Alpha-3"],
                r["ISO3166-1-Alpha-2"],
                int.TryParse(r["ISO3166-1-numeric"], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null,
                r["CLDR display name"].Length > 0 ? r["CLDR display name"] : r["official_name_en"]))
            .ToList();

        var baci = SimpleCsv.ReadRecords(ReadResource("baci_country_codes_V202501.csv"))
            .Select(r =>
            {
                var code = int.Parse(r["country_code"], System.Globalization.CultureInfo.InvariantCulture);
                var iso3 = code == BaciOtherAsiaCode ? "TWN" : r["country_iso3"];
                return new BaciCountry(code, iso3, RepairDoubleEncodedUtf8(r["country_name"]));
            })
            .ToList();

        return new TradeCodeLists(products, sections, countries, baci);
    }
}

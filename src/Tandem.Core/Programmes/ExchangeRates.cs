using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;

namespace Tandem.Core.Programmes;

public sealed record ExchangeRateDto(Guid Id, DateOnly Date, string Currency, decimal PerUsd, string Basis, int Version);

public sealed record ExchangeRateInput(DateOnly? Date, string? Currency, decimal? PerUsd, string? Basis, int? Version = null);

/// <summary>What a CSV import did; nothing is written when <see cref="Problems"/> is not empty.</summary>
public sealed record ImportReport(int Added, int Updated, int Unchanged, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The table of dated exchange rates (units of a currency per U.S. dollar). Rates are reference
/// data, not shared information, so they carry no label; analysts and the secretariat maintain them.
/// CSV layout: <c>date,currency,per_usd[,basis]</c> — ISO dates, ISO 4217 codes, invariant decimals.
/// </summary>
public static class ExchangeRates
{
    public static readonly IReadOnlyList<string> CsvColumns = ["date", "currency", "per_usd", "basis"];

    public static bool CanEdit(Actor actor) =>
        actor is not null && (actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Secretariat) || actor.IsInRole(Roles.Analyst));

    public static IQueryable<ExchangeRateDto> Query(TandemDbContext db, string? currency = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rates = db.Set<ExchangeRate>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(currency))
        {
            var code = currency.Trim().ToUpperInvariant();
            rates = rates.Where(r => r.Currency == code);
        }

        return rates.OrderBy(r => r.Currency).ThenByDescending(r => r.Date)
            .Select(r => new ExchangeRateDto(r.Id, r.Date, r.Currency, r.PerUsd, r.Basis, r.Version));
    }

    public static async Task<Result<ExchangeRateDto>> Get(TandemDbContext db, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rate = await db.Set<ExchangeRate>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return rate is null ? Error.NotFound("Exchange rate") : ToDto(rate);
    }

    public static async Task<Result<ExchangeRateDto>> Create(TandemDbContext db, Actor actor, ExchangeRateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        if (!CanEdit(actor))
        {
            return Error.Forbidden("Only analysts, the secretariat and administrators may maintain exchange rates.");
        }

        var validation = Validate(input);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var currency = input.Currency!.Trim().ToUpperInvariant();
        if (await db.Set<ExchangeRate>().AnyAsync(r => r.Currency == currency && r.Date == input.Date, ct))
        {
            return Error.Duplicate("date", $"A {currency} rate dated {Iso(input.Date!.Value)} already exists; update it instead.");
        }

        var rate = new ExchangeRate { Date = input.Date!.Value, Currency = currency, PerUsd = input.PerUsd!.Value, Basis = input.Basis?.Trim() ?? "" };
        db.Set<ExchangeRate>().Add(rate);
        await db.SaveChangesAsync(ct);
        return ToDto(rate);
    }

    public static async Task<Result<ExchangeRateDto>> Update(TandemDbContext db, Actor actor, Guid id, ExchangeRateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var rate = await db.Set<ExchangeRate>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rate is null)
        {
            return Error.NotFound("Exchange rate");
        }

        if (!CanEdit(actor))
        {
            return Error.Forbidden("Only analysts, the secretariat and administrators may maintain exchange rates.");
        }

        var validation = Validate(input).Version(input.Version);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var currency = input.Currency!.Trim().ToUpperInvariant();
        if (await db.Set<ExchangeRate>().AnyAsync(r => r.Id != id && r.Currency == currency && r.Date == input.Date, ct))
        {
            return Error.Duplicate("date", $"A {currency} rate dated {Iso(input.Date!.Value)} already exists.");
        }

        return await Concurrency.SaveAsync(db, rate, input.Version!.Value, () =>
        {
            rate.Date = input.Date!.Value;
            rate.Currency = currency;
            rate.PerUsd = input.PerUsd!.Value;
            rate.Basis = input.Basis?.Trim() ?? "";
        }, () => ToDto(rate), ct);
    }

    public static async Task<Result<bool>> Delete(TandemDbContext db, Actor actor, Guid id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rate = await db.Set<ExchangeRate>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rate is null)
        {
            return Error.NotFound("Exchange rate");
        }

        if (!CanEdit(actor))
        {
            return Error.Forbidden("Only analysts, the secretariat and administrators may maintain exchange rates.");
        }

        return await Concurrency.SaveAsync(db, rate, version ?? rate.Version, () => db.Set<ExchangeRate>().Remove(rate), () => true, ct);
    }

    /// <summary>Adds or updates rates from CSV (<c>date,currency,per_usd[,basis]</c>); all rows or none.</summary>
    public static async Task<Result<ImportReport>> Import(TandemDbContext db, Actor actor, TextReader csv, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(csv);
        if (!CanEdit(actor))
        {
            return Error.Forbidden("Only analysts, the secretariat and administrators may maintain exchange rates.");
        }

        var records = Csv.ReadRecords(csv);
        var problems = new List<string>();
        if (records.Count == 0)
        {
            return Error.Invalid("file", "The file has no rows: expected a header 'date,currency,per_usd[,basis]' and one rate per line.");
        }

        foreach (var column in CsvColumns.Take(3).Where(c => !records[0].ContainsKey(c)))
        {
            problems.Add($"the header has no '{column}' column (expected date,currency,per_usd[,basis]).");
        }

        if (problems.Count > 0)
        {
            return new ImportReport(0, 0, 0, problems);
        }

        var parsed = new List<ExchangeRateInput>();
        var seen = new HashSet<(string, DateOnly)>();
        foreach (var record in records)
        {
            var line = record["__line"];
            var date = DateOnly.TryParseExact(record["date"].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            var rate = decimal.TryParse(record["per_usd"].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) ? r : (decimal?)null;
            var input = new ExchangeRateInput(date, record["currency"].Trim(), rate, record.GetValueOrDefault("basis")?.Trim());
            if (date is null)
            {
                problems.Add($"line {line}: date '{ForumRules.Truncate(record["date"])}' is not a date (yyyy-MM-dd).");
            }

            if (rate is null)
            {
                problems.Add($"line {line}: per_usd '{ForumRules.Truncate(record["per_usd"])}' is not a positive decimal number.");
            }

            if (date is not null && rate is not null)
            {
                foreach (var (_, messages) in Validate(input).Errors)
                {
                    problems.AddRange(messages.Select(m => $"line {line}: {m}"));
                }

                if (!seen.Add((input.Currency!.ToUpperInvariant(), date.Value)))
                {
                    problems.Add($"line {line}: a second {input.Currency} rate dated {Iso(date.Value)}.");
                }
            }

            parsed.Add(input);
        }

        if (problems.Count > 0)
        {
            return new ImportReport(0, 0, 0, problems);
        }

        var existing = await db.Set<ExchangeRate>().ToListAsync(ct);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var input in parsed)
        {
            var currency = input.Currency!.ToUpperInvariant();
            var current = existing.FirstOrDefault(e => e.Currency == currency && e.Date == input.Date);
            if (current is null)
            {
                db.Set<ExchangeRate>().Add(new ExchangeRate { Date = input.Date!.Value, Currency = currency, PerUsd = input.PerUsd!.Value, Basis = input.Basis ?? "" });
                added++;
            }
            else if (current.PerUsd != input.PerUsd || current.Basis != (input.Basis ?? ""))
            {
                current.PerUsd = input.PerUsd!.Value;
                current.Basis = input.Basis ?? "";
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new ImportReport(added, updated, unchanged, []);
    }

    /// <summary>Loads every rate once, for converting many amounts.</summary>
    public static async Task<FxTable> LoadTable(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rates = await db.Set<ExchangeRate>().AsNoTracking().Select(r => new { r.Currency, r.Date, r.PerUsd }).ToListAsync(ct);
        return new FxTable(rates.ToDictionary(r => (r.Currency, r.Date), r => r.PerUsd));
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Validation Validate(ExchangeRateInput input)
    {
        var validation = new Validation().Currency("currency", input.Currency).Optional("basis", input.Basis, 300);
        if (input.Date is null)
        {
            validation.Add("date", "date is required (yyyy-MM-dd).");
        }
        else if (input.Date.Value.Year is < ProgrammeRules.MinYear or > ProgrammeRules.MaxYear)
        {
            validation.Add("date", $"date must be between {ProgrammeRules.MinYear} and {ProgrammeRules.MaxYear}.");
        }

        if (string.Equals(input.Currency?.Trim(), "USD", StringComparison.OrdinalIgnoreCase))
        {
            validation.Add("currency", "USD needs no rate: every rate is a number of currency units per U.S. dollar.");
        }

        if (input.PerUsd is null)
        {
            validation.Add("perUsd", "perUsd is required: units of the currency that one U.S. dollar buys.");
        }
        else if (input.PerUsd <= 0 || input.PerUsd > 1_000_000_000m)
        {
            validation.Add("perUsd", "perUsd must be a positive number of currency units per U.S. dollar.");
        }

        return validation;
    }

    private static ExchangeRateDto ToDto(ExchangeRate r) => new(r.Id, r.Date, r.Currency, r.PerUsd, r.Basis, r.Version);
}

/// <summary>
/// Converts amounts through the U.S. dollar with the rates of one date. A missing rate is an error
/// naming the currency and the date: Tandem never adds amounts of different currencies silently.
/// </summary>
public sealed class FxTable(IReadOnlyDictionary<(string Currency, DateOnly Date), decimal> rates)
{
    public const string Usd = "USD";

    public bool Has(string currency, DateOnly date) => currency == Usd || rates.ContainsKey((currency, date));

    public IReadOnlyList<DateOnly> DatesOf(string currency) =>
        rates.Keys.Where(k => k.Currency == currency).Select(k => k.Date).OrderDescending().ToList();

    /// <summary>
    /// The rate date to use when the reader chose none: the latest date on which every needed
    /// currency has a rate. <paramref name="field"/> names the input blamed when there is none.
    /// </summary>
    public Result<DateOnly> LatestCommonDate(IEnumerable<string> currencies, string field)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        var needed = currencies.Where(c => c != Usd).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (needed.Count == 0)
        {
            return DateOnly.FromDateTime(DateTime.UtcNow);
        }

        HashSet<DateOnly>? common = null;
        foreach (var currency in needed)
        {
            var dates = DatesOf(currency);
            if (dates.Count == 0)
            {
                return Error.Invalid(field, $"There is no exchange rate for {currency} on any date: add one (units of {currency} per USD) to the exchange-rate table.");
            }

            common = common is null ? [.. dates] : [.. common.Intersect(dates)];
        }

        if (common!.Count == 0)
        {
            return Error.Invalid(field, $"{string.Join(", ", needed)} have no exchange rate dated the same day: add rates for one common date.");
        }

        return common.Max();
    }

    public Result<decimal> Convert(decimal amount, string from, string to, DateOnly date, string field = "rateDate")
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from == to)
        {
            return amount;
        }

        foreach (var currency in new[] { from, to })
        {
            if (!Has(currency, date))
            {
                return Error.Invalid(field, $"There is no {currency} exchange rate dated {ExchangeRates.Iso(date)}: add one to the exchange-rate table or choose another rate date.");
            }
        }

        var usd = from == Usd ? amount : amount / rates[(from, date)];
        return to == Usd ? usd : usd * rates[(to, date)];
    }
}

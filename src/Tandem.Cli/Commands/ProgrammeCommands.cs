using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Analytics.Export;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Forums;
using Tandem.Core.Programmes;
using Tandem.Core.Sharing;

namespace Tandem.Cli.Commands;

/// <summary><c>tandem programmes …</c>: the investment programme registry and its coordination matrix (C7).</summary>
internal static class ProgrammeCommands
{
    public static Command Build(IConfiguration? configuration = null, TextWriter? output = null)
    {
        var programmes = new Command("programmes", "Investment programmes: import the registry and exchange rates, export the technology × stage matrix");
        programmes.Subcommands.Add(Import(configuration, output));
        programmes.Subcommands.Add(Matrix(configuration, output));
        programmes.Subcommands.Add(Rates(configuration, output));
        return programmes;
    }

    /// <summary>The reader a command acts for: a user named with --as (the access policy applies to them), or the operator.</summary>
    internal static async Task<Result<Actor>> ActorFor(IServiceProvider services, string? email, string what, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return Actor.System(what);
        }

        var db = services.GetRequiredService<TandemDbContext>();
        var users = services.GetRequiredService<UserManager<TandemUser>>();
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.Disabled)
        {
            return Error.Invalid("--as", $"--as: no active user with e-mail {email.Trim()}.");
        }

        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == user.AgencyId, ct);
        var roles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        return new Actor(user.Id, user.Email, user.AgencyId, agency?.Party, roles, agency?.Kind == AgencyKind.Private);
    }

    private static Command Import(IConfiguration? configuration, TextWriter? output)
    {
        var command = new Command("import", "Register or update programmes from CSV, matched by code; nothing is written unless every row is valid. "
            + "Columns: code,party,agency,name_en,[name_ja],instrument,technology,value_chain_stage,amount,currency,start_year,end_year,"
            + "[status],[legal_basis],[source],[source_url],[confidence],[label],[releasable_to]");
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file" };
        var label = new Option<string?>("--label") { Description = "Label of rows without a label column: clear, green (default), amber or amber-strict" };
        command.Arguments.Add(file);
        command.Options.Add(label);
        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CliOutput.Fail($"FILE: {path.FullName} does not exist.");
            }

            Tlp level;
            switch (parse.GetValue(label)?.Trim().ToLowerInvariant())
            {
                case null or "" or "green": level = Tlp.Green; break;
                case "clear": level = Tlp.Clear; break;
                case "amber": level = Tlp.Amber; break;
                case "amber-strict" or "amber+strict": level = Tlp.AmberStrict; break;
                default: return CliOutput.Fail("--label: use clear, green, amber or amber-strict.");
            }

            await using var services = CliServices.Create(configuration);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            using var reader = path.OpenText();
            var report = await ImportProgrammes.Handle(db, Actor.System("cli:programmes import"), reader, level, DateOnly.FromDateTime(DateTime.UtcNow), ct);
            return Report(report, "programmes", output);
        }));
        return command;
    }

    private static Command Rates(IConfiguration? configuration, TextWriter? output)
    {
        var rates = new Command("rates", "Dated exchange rates (units of a currency per U.S. dollar)");
        var import = new Command("import", "Add or update rates from CSV with the header date,currency,per_usd[,basis] (ISO dates, ISO 4217 codes, '.' decimals)");
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file" };
        import.Arguments.Add(file);
        import.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                return CliOutput.Fail($"FILE: {path.FullName} does not exist.");
            }

            await using var services = CliServices.Create(configuration);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            using var reader = path.OpenText();
            return Report(await ExchangeRates.Import(db, Actor.System("cli:programmes rates import"), reader, ct), "rates", output);
        }));
        rates.Subcommands.Add(import);
        return rates;
    }

    private static Command Matrix(IConfiguration? configuration, TextWriter? output)
    {
        var command = new Command("matrix", "Export the technology × stage × party matrix (totals in one currency, overlap and gap flags) as CSV or XLSX");
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency of the totals", DefaultValueFactory = _ => "USD" };
        var rateDate = new Option<string?>("--rate-date") { Description = "Date of the exchange rates (yyyy-MM-dd); default: the latest date with every rate needed" };
        var fromYear = new Option<int?>("--from-year") { Description = "Only programmes running in or after this year" };
        var toYear = new Option<int?>("--to-year") { Description = "Only programmes running in or before this year" };
        var outFile = new Option<FileInfo>("--out") { Description = "Output file: .csv or .xlsx", Required = true };
        var asUser = new Option<string?>("--as") { Description = "Read as this user (e-mail): the matrix then includes what they may see; default: public programmes only" };
        foreach (var option in new Option[] { currency, rateDate, fromYear, toYear, outFile, asUser })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            var path = parse.GetValue(outFile)!.FullName;
            var format = ResultWriter.FormatFor(path);
            if (!format.IsSuccess || format.Value == ExportFormat.Json)
            {
                return CliOutput.Fail("--out: the file must end in .csv or .xlsx.");
            }

            DateOnly? date = null;
            if (parse.GetValue(rateDate) is { Length: > 0 } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    return CliOutput.Fail($"--rate-date: '{text}' is not a date (yyyy-MM-dd).");
                }

                date = d;
            }

            await using var services = CliServices.Create(configuration);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TandemDbContext>();
            await SchemaMigrator.MigrateAsync(db.Database, ct);
            var actor = await ActorFor(scope.ServiceProvider, parse.GetValue(asUser), "cli:programmes matrix", ct);
            if (!actor.Succeeded)
            {
                return CliOutput.Fail(actor.Error!);
            }

            var matrix = await ProgrammeCoordination.Matrix(db, actor.Value,
                new CoordinationQuery(parse.GetValue(currency), date, parse.GetValue(fromYear), parse.GetValue(toYear)), DateOnly.FromDateTime(DateTime.UtcNow), ct);
            if (!matrix.Succeeded)
            {
                return CliOutput.Fail(matrix.Error!);
            }

            var written = ResultWriter.Write(ToTable(matrix.Value), path);
            if (!written.IsSuccess)
            {
                return CliOutput.Fail("--out: " + written.Failure!.Message);
            }

            (output ?? Console.Out).WriteLine($"Wrote {written.Value}: {matrix.Value.Rows.Count} technologies × {matrix.Value.Stages.Count} stages × {matrix.Value.Parties.Count} parties "
                + $"in {matrix.Value.Currency} at the rates of {ExchangeRates.Iso(matrix.Value.RateDate)}; {matrix.Value.Overlaps.Count} overlaps, {matrix.Value.Gaps.Count} gaps.");
            return CliOutput.Ok;
        }));
        return command;
    }

    /// <summary>One row per technology × stage × party; text cells are neutralised for spreadsheets in both formats.</summary>
    internal static ResultTable ToTable(MatrixDto matrix)
    {
        var columns = new List<TableColumn>
        {
            new("technology", CellKind.Text), new("technology_name", CellKind.Text), new("prioritised", CellKind.Boolean), new("stage", CellKind.Text),
            new("party", CellKind.Text), new("total", CellKind.Number), new("programmes", CellKind.WholeNumber), new("programme_codes", CellKind.Text),
            new("overlap", CellKind.Boolean), new("gap", CellKind.Boolean), new("currency", CellKind.Text), new("rate_date", CellKind.Text),
        };
        var rows = new List<object?[]>();
        foreach (var row in matrix.Rows)
        {
            foreach (var cell in row.Cells)
            {
                foreach (var party in cell.Parties)
                {
                    rows.Add([Csv.SafeText(row.Technology), Csv.SafeText(row.NameEn), row.Prioritised, cell.Stage.ToString(), party.Party, (double)party.Total,
                        (long)party.Count, Csv.SafeText(string.Join(" ", party.Programmes.Select(p => p.Code).Order(StringComparer.Ordinal))), cell.Overlap, cell.Gap, matrix.Currency,
                        ExchangeRates.Iso(matrix.RateDate)]);
                }
            }
        }

        var about = new List<KeyValuePair<string, string>>
        {
            new("analysis", "programme matrix (technology × value-chain stage × party)"),
            new("currency", matrix.Currency),
            new("rate date", ExchangeRates.Iso(matrix.RateDate)),
            new("years", $"{matrix.FromYear?.ToString(CultureInfo.InvariantCulture) ?? "any"}–{matrix.ToYear?.ToString(CultureInfo.InvariantCulture) ?? "any"}"),
        };
        about.AddRange(matrix.Overlaps.Select(o => new KeyValuePair<string, string>("overlap",
            $"{o.Technology} {o.Stage}: {o.First.Code} ({o.First.Party}) and {o.Second.Code} ({o.Second.Party}), {o.FromYear}–{o.ToYear}")));
        about.AddRange(matrix.Gaps.Select(g => new KeyValuePair<string, string>("gap", $"{g.Technology} {g.Stage}: no programme")));
        return new ResultTable("matrix", columns, rows, about, new { matrix.Currency, matrix.RateDate, matrix.FromYear, matrix.ToYear });
    }

    private static int Report(Result<ImportReport> result, string what, TextWriter? output)
    {
        if (!result.Succeeded)
        {
            return CliOutput.Fail(result.Error!);
        }

        if (!result.Value.Succeeded)
        {
            foreach (var problem in result.Value.Problems)
            {
                Console.Error.WriteLine("tandem: " + problem);
            }

            Console.Error.WriteLine($"tandem: nothing imported ({result.Value.Problems.Count} problem(s)).");
            return CliOutput.Failed;
        }

        (output ?? Console.Out).WriteLine($"Imported {what}: {result.Value.Added} added, {result.Value.Updated} updated, {result.Value.Unchanged} unchanged.");
        return CliOutput.Ok;
    }
}

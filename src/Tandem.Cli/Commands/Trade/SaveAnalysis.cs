using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Analytics.Export;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Evidence;
using Tandem.Core.Sharing;

namespace Tandem.Cli.Commands.Trade;

/// <summary>
/// <c>--as EMAIL</c> and the label options of <c>trade screen</c> and <c>trade scenario</c>: the result is also saved
/// to the platform database (the web app's, see <see cref="CliServices"/>) as a labelled analysis by that analyst,
/// through the same use case as the web app, audited in the analyst's name with the operator noted.
/// </summary>
internal sealed class SaveAnalysis
{
    /// <summary>Where the web app shows a saved analysis.</summary>
    public const string WebPath = "/evidence/analyses/";

    private static readonly Dictionary<string, string> OptionOfField = new(StringComparer.Ordinal)
    {
        ["level"] = "--tlp",
        ["releasableTo"] = "--releasable-to",
        ["recipientAgencies"] = "--recipient-agencies",
        ["recipientUsers"] = "--recipient-users",
        ["caveats"] = "--caveats",
        ["originatorOnly"] = "--originator-only",
    };

    private readonly Option<string?> _as = new("--as")
    {
        HelpName = "EMAIL",
        Description = "Also save the result to the platform as a labelled analysis by this analyst (e-mail of an Analyst or Secretariat user); "
            + "it then appears in the web app under Evidence. Uses the web app's database (ConnectionStrings__Tandem, default ./data/tandem.db)",
    };

    private readonly Option<string?> _title = new("--title") { HelpName = "TEXT", Description = "Title of the saved analysis (default: says what was run, e.g. \"GeoDep screening of JPN, 2022\")" };

    private readonly Option<string?> _tlp = new("--tlp")
    {
        HelpName = "LEVEL",
        Description = "Label of the saved analysis: clear (public), green (default: every member agency of the forum), "
            + "amber (your agency and --recipient-agencies), amber-strict, or red (you and --recipient-users)",
    };

    private readonly Option<string?> _releasableTo = new("--releasable-to") { HelpName = "ISO3,…", Description = "Parties the saved analysis is releasable to (ISO3,…; default any party)" };

    private readonly Option<string?> _agencies = new("--recipient-agencies") { HelpName = "CODES", Description = "amber: further agencies that may see it (agency codes, comma-separated)" };

    private readonly Option<string?> _users = new("--recipient-users") { HelpName = "EMAILS", Description = "red: further people who may see it (e-mails, comma-separated)" };

    private readonly Option<string?> _caveats = new("--caveats") { HelpName = "CAVEATS", Description = "Caveats: CBI, PRE-DECISIONAL" };

    private readonly Option<bool> _originatorOnly = new("--originator-only") { Description = "The saved analysis stays with your own party" };

    private Option[] LabelOptions => [_title, _tlp, _releasableTo, _agencies, _users, _caveats, _originatorOnly];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_as);
        foreach (var option in LabelOptions)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Before any work: without <c>--as</c>, nothing to save (null); with it, the analyst and the label are resolved
    /// against the platform database, so an unknown user or a bad label fails before the result is computed.
    /// </summary>
    public async Task<(Target? Target, int Exit)> Prepare(ParseResult parse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var email = parse.GetValue(_as)?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            var given = LabelOptions.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
            return given is null ? (null, TradeCli.Ok) : (null, TradeCli.Fail(parse, $"{given.Name} labels the saved analysis: add --as EMAIL to save the result to the platform"));
        }

        ServiceProvider? services = null;
        try
        {
            services = CliServices.Create();
            var scope = services.CreateAsyncScope();
            var target = new Target(services, scope, parse.GetValue(_title));
            services = null;
            var exit = await target.Resolve(parse, this, email, ct);
            if (exit != TradeCli.Ok)
            {
                await target.DisposeAsync();
                return (null, exit);
            }

            return (target, TradeCli.Ok);
        }
        catch (ConfigurationException e)
        {
            return (null, TradeCli.Fail(parse, e.Message));
        }
        catch (System.Data.Common.DbException e)
        {
            return (null, TradeCli.Fail(parse, $"--as: cannot open the platform database ({DatabaseSettings.ConnectionStringKey}): {e.Message.Split('\n')[0]}"));
        }
        finally
        {
            if (services is not null)
            {
                await services.DisposeAsync();
            }
        }
    }

    /// <summary>One line: without <c>--as</c> the result is only in the file; say how to put it on the platform.</summary>
    public static void Hint(ParseResult parse) =>
        parse.InvocationConfiguration.Output.WriteLine("not saved to the platform: add --as EMAIL (an analyst's account) to save it as a labelled analysis the web app shows under Evidence");

    /// <summary>The analyst, label and database a result is saved to; open from <see cref="Prepare"/> to the save.</summary>
    internal sealed class Target(ServiceProvider services, AsyncServiceScope scope, string? title) : IAsyncDisposable
    {
        private Actor _actor = Actor.Anonymous;
        private Label? _label;

        private TandemDbContext Db => scope.ServiceProvider.GetRequiredService<TandemDbContext>();

        public async Task<int> Resolve(ParseResult parse, SaveAnalysis options, string email, CancellationToken ct)
        {
            await SchemaMigrator.MigrateAsync(Db.Database, ct);
            var actor = await ProgrammeCommands.ActorFor(scope.ServiceProvider, email, "cli:trade", ct);
            if (!actor.Succeeded)
            {
                return TradeCli.Fail(parse, actor.Error!.Fields.SelectMany(f => f.Value).FirstOrDefault() ?? actor.Error.Message);
            }

            if (!AnalysisUseCases.CanRun(actor.Value) || actor.Value.AgencyId is not { } agencyId)
            {
                return TradeCli.Fail(parse, $"--as: {email} may not save analyses: that needs the Analyst or Secretariat role");
            }

            _actor = actor.Value;
            var request = new LabelRequest(
                parse.GetValue(options._tlp) ?? nameof(Tlp.Green),
                List(parse.GetValue(options._releasableTo)),
                parse.GetValue(options._originatorOnly),
                List(parse.GetValue(options._agencies)),
                List(parse.GetValue(options._users)),
                List(parse.GetValue(options._caveats)));
            var label = await request.Resolve(Db, _actor, ct);
            if (!label.Succeeded)
            {
                var errors = label.Error!.Fields.SelectMany(f => f.Value.Select(m => $"{OptionOfField.GetValueOrDefault(f.Key, f.Key)}: {m}")).ToList();
                errors.DefaultIfEmpty(label.Error.Message).ToList().ForEach(e => parse.InvocationConfiguration.Error.WriteLine("error: " + e));
                return TradeCli.InvalidInput;
            }

            _label = label.Value;
            var audit = scope.ServiceProvider.GetRequiredService<AuditContext>();
            audit.Actor = _actor with { Email = $"{_actor.Email} (cli:{Environment.UserName})" };
            audit.ActorAgencyCode = await Db.Agencies.IgnoreQueryFilters().Where(a => a.Id == agencyId).Select(a => a.Code).FirstOrDefaultAsync(ct) ?? "";
            return TradeCli.Ok;
        }

        /// <summary>Saves the result and prints its id, marking and web path; non-zero when the platform refused it.</summary>
        public async Task<int> Save(ParseResult parse, AnalysisDraft draft, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(draft);
            var input = new AnalysisInput(string.IsNullOrWhiteSpace(title) ? draft.Title : title.Trim(), Enum.Parse<AnalysisKind>(draft.Kind),
                draft.Summary, draft.ParametersJson, draft.DataSources, draft.Csv, draft.Rows, _label);
            var saved = await AnalysisUseCases.Save(Db, _actor, input, DateOnly.FromDateTime(DateTime.UtcNow), ct);
            if (!saved.Succeeded)
            {
                var message = saved.Error!.Fields.SelectMany(f => f.Value.Select(m => $"{(f.Key == "title" ? "--title" : f.Key)}: {m}")).FirstOrDefault() ?? saved.Error.Message;
                return TradeCli.Fail(parse, "not saved to the platform: " + message);
            }

            var analysis = saved.Value;
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"saved as analysis {analysis.Id} \"{analysis.Title}\" [{analysis.Marking}] by {_actor.Email} ({analysis.OwnerAgency})");
            output.WriteLine($"  web: {WebPath}{analysis.Id} (in the web app: Evidence → Saved analyses)");
            return TradeCli.Ok;
        }

        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await services.DisposeAsync();
        }

        private static List<string>? List(string? text) =>
            text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}

using Tandem.Analytics.Export;
using Tandem.Analytics.Scenario;
using Tandem.Analytics.Screening;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Evidence;
using Tandem.Core.Sharing;

namespace Tandem.Web.Evidence;

/// <summary>What an analyst asks of the trade store, as a form or a JSON body states it.</summary>
public sealed record ScreeningForm(
    string? Party,
    IReadOnlyList<string>? Bloc,
    int? Year,
    string? Preset,
    string? Basket,
    IReadOnlyList<string>? Concern,
    IReadOnlyList<string>? Allies,
    string? Title,
    LabelRequest? Label);

public sealed record ScenarioForm(
    IReadOnlyList<string>? Suppliers,
    IReadOnlyList<string>? Targets,
    IReadOnlyList<string>? Products,
    string? Basket,
    double? Cut,
    double? Redirect,
    int? Year,
    string? Title,
    LabelRequest? Label);

public sealed record EvidenceRun(AnalysisDto Analysis, int Rows, int Dependent, int Persistent);

/// <summary>
/// Runs a screening or a scenario on the trade store (Tandem.Analytics) and saves the result as a
/// labelled analysis (Tandem.Core), recording the parameters and the data versions it came from.
/// </summary>
public static class RunEvidence
{
    public static async Task<Result<EvidenceRun>> Screen(TandemDbContext db, Actor actor, TradeStoreAccess trade, ScreeningForm form, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(trade);
        if (!AnalysisUseCases.CanRun(actor))
        {
            return Error.Forbidden("Only analysts and the secretariat may run screenings.");
        }

        var validation = new Validation();
        var bloc = Codes(form.Bloc);
        var party = form.Party?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(party) && bloc.Count == 0)
        {
            validation.Add("party", "party (ISO3) or bloc (ISO3 list) is required.");
        }

        if (form.Year is not { } year || year is < 1990 or > 2100)
        {
            validation.Add("year", "year is required (e.g. 2022).");
            year = 0;
        }

        var preset = ScreeningPreset.GeoDep;
        if (!string.IsNullOrWhiteSpace(form.Preset) && !TryPreset(form.Preset, out preset))
        {
            validation.Add("preset", $"preset '{form.Preset}' is unknown: use geodep or eu2021.");
        }

        var label = await ResolveLabel(db, actor, form.Label, validation, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var parameters = new ScreeningParameters { Preset = preset };
        if (Codes(form.Concern) is { Count: > 0 } concern)
        {
            parameters = parameters with { ConcernCountries = concern };
        }

        if (Codes(form.Allies) is { Count: > 0 } allies)
        {
            parameters = parameters with { LikeMinded = allies };
        }

        var request = new ScreeningRequest(year)
        {
            Parties = string.IsNullOrEmpty(party) ? null : [party],
            Bloc = bloc.Count > 0 ? bloc : null,
            Basket = string.IsNullOrWhiteSpace(form.Basket) ? null : form.Basket.Trim(),
            Parameters = parameters,
        };
        var run = await trade.Use(store => ScreenDependencies.Run(store, request), ct);
        if (!run.IsSuccess)
        {
            return ToError(run.Failure!);
        }

        var result = run.Value;
        var saved = await AnalysisUseCases.Save(db, actor, Input(result.ToDraft(), form.Title, label), today, ct);
        return saved.Map(a => new EvidenceRun(a, result.Rows.Count, result.Rows.Count(r => r.Dependent), result.Rows.Count(r => r.Persistent)));
    }

    public static async Task<Result<EvidenceRun>> Scenario(TandemDbContext db, Actor actor, TradeStoreAccess trade, ScenarioForm form, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(trade);
        if (!AnalysisUseCases.CanRun(actor))
        {
            return Error.Forbidden("Only analysts and the secretariat may run scenarios.");
        }

        var validation = new Validation();
        var suppliers = Codes(form.Suppliers);
        var targets = Codes(form.Targets);
        if (suppliers.Count == 0)
        {
            validation.Add("suppliers", "suppliers (ISO3 list) is required.");
        }

        if (targets.Count == 0)
        {
            validation.Add("targets", "targets (ISO3 list) is required.");
        }

        if (form.Year is not { } year || year is < 1990 or > 2100)
        {
            validation.Add("year", "year is required (e.g. 2022).");
            year = 0;
        }

        if (form.Cut is < 0 or > 1)
        {
            validation.Add("cut", "cut must be a fraction between 0 and 1.");
        }

        if (form.Redirect is < 0 or > 1)
        {
            validation.Add("redirect", "redirect must be a fraction between 0 and 1.");
        }

        var label = await ResolveLabel(db, actor, form.Label, validation, ct);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var request = new ScenarioRequest(suppliers, targets, year)
        {
            Products = Codes(form.Products) is { Count: > 0 } p ? p : null,
            Basket = string.IsNullOrWhiteSpace(form.Basket) ? null : form.Basket.Trim(),
            Cut = form.Cut ?? 1.0,
            Redirect = form.Redirect ?? 0.25,
        };
        var run = await trade.Use(store => RunDisruptionScenario.Run(store, request), ct);
        if (!run.IsSuccess)
        {
            return ToError(run.Failure!);
        }

        var draft = run.Value.ToDraft();
        var saved = await AnalysisUseCases.Save(db, actor, Input(draft, form.Title, label), today, ct);
        return saved.Map(a => new EvidenceRun(a, draft.Rows, 0, 0));
    }

    /// <summary>The analysis to save: the draft the trade store's result makes, under the analyst's title and label.</summary>
    private static AnalysisInput Input(AnalysisDraft draft, string? title, Label? label)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new AnalysisInput(string.IsNullOrWhiteSpace(title) ? draft.Title : title, Enum.Parse<AnalysisKind>(draft.Kind),
            draft.Summary, draft.ParametersJson, draft.DataSources, draft.Csv, draft.Rows, label);
    }

    private static async Task<Label?> ResolveLabel(TandemDbContext db, Actor actor, LabelRequest? request, Validation validation, CancellationToken ct)
    {
        if (request is null)
        {
            return null;
        }

        var resolved = await request.Resolve(db, actor, ct);
        if (resolved.Succeeded)
        {
            return resolved.Value;
        }

        foreach (var (field, messages) in resolved.Error!.Fields)
        {
            messages.ToList().ForEach(m => validation.Add("label." + field, m));
        }

        if (resolved.Error.Fields.Count == 0)
        {
            validation.Add("label", resolved.Error.Message);
        }

        return null;
    }

    private static Error ToError(Tandem.Analytics.Failure failure) => failure.Kind switch
    {
        Tandem.Analytics.FailureKind.NotFound => Error.Invalid("store", failure.Message),
        _ => Error.Invalid("request", failure.Message),
    };

    private static bool TryPreset(string text, out ScreeningPreset preset)
    {
        var normalized = text.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        (var ok, preset) = normalized switch
        {
            "GEODEP" => (true, ScreeningPreset.GeoDep),
            "EU2021" => (true, ScreeningPreset.Eu2021),
            _ => (false, ScreeningPreset.GeoDep),
        };
        return ok;
    }

    private static List<string> Codes(IReadOnlyList<string>? values) =>
        (values ?? []).SelectMany(v => (v ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
            .Select(v => v.Trim().ToUpperInvariant()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}

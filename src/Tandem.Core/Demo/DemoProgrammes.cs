using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Programmes;
using Tandem.Core.Sharing;

namespace Tandem.Core.Demo;

/// <summary>
/// The demo's investment programmes (C7): the 11 EPCC programmes of <c>programmes.csv</c>, public
/// facts marked with their source and confidence, yen rates for the years they need, and one joint
/// project. Loading twice changes nothing.
/// </summary>
public static class DemoProgrammes
{
    /// <summary>
    /// Demo values, not an official series: approximate calendar-year averages of yen per U.S.
    /// dollar, rounded to 0.1 (recalled from the Federal Reserve H.10 release; to verify before any real use).
    /// </summary>
    public static readonly IReadOnlyList<(DateOnly Date, string Currency, decimal PerUsd)> Rates =
    [
        (new DateOnly(2021, 12, 31), "JPY", 109.8m),
        (new DateOnly(2022, 12, 31), "JPY", 131.5m),
        (new DateOnly(2023, 12, 31), "JPY", 140.5m),
        (new DateOnly(2024, 12, 31), "JPY", 151.4m),
    ];

    public const string RateBasis = "demo value: approximate calendar-year average JPY per USD (recalled from Federal Reserve H.10; verify before use)";

    public static async Task<ImportReport> Load(TandemDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var actor = Actor.System("demo loader");
        foreach (var (date, currency, perUsd) in Rates)
        {
            if (!await db.Set<ExchangeRate>().AnyAsync(r => r.Currency == currency && r.Date == date, ct))
            {
                db.Set<ExchangeRate>().Add(new ExchangeRate { Date = date, Currency = currency, PerUsd = perUsd, Basis = RateBasis });
            }
        }

        await db.SaveChangesAsync(ct);
        using var reader = DemoScenario.OpenEmbedded("programmes.csv")
            ?? throw new InvalidOperationException("programmes.csv is missing from the demo scenario.");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var report = await ImportProgrammes.Handle(db, actor, reader, Tlp.Clear, today, ct);
        if (!report.Succeeded || !report.Value.Succeeded)
        {
            var problems = report.Succeeded ? report.Value.Problems : [report.Error!.Message];
            throw new InvalidOperationException("The demo programmes did not load: " + string.Join("; ", problems));
        }

        const string jointName = "U.S.-Japan next-generation semiconductor R&D cooperation";
        if (!await db.Set<JointProject>().AnyAsync(j => j.NameEn == jointName, ct))
        {
            var joint = await JointProjectUseCases.Create(db, actor, new JointProjectInput(jointName, "日米次世代半導体研究開発協力",
                "Develop 2 nm-class logic and advanced packaging jointly (NSTC and LSTC), as announced in the EPCC's 2022 action plan. Demo data: compiled from public statements.",
                ["US-CHIPS-RD", "JP-RAPIDUS"], new LabelInput(Tlp.Clear)), today, ct);
            if (!joint.Succeeded)
            {
                throw new InvalidOperationException("The demo joint project did not load: " + joint.Error!.Message);
            }
        }

        return report.Value;
    }
}

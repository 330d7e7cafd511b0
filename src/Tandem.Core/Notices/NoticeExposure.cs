using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Accounts;
using Tandem.Core.Common;
using Tandem.Core.Data;
using Tandem.Core.Evidence;
using Tandem.Core.Sharing;

namespace Tandem.Core.Notices;

/// <summary>
/// One forum party × product: its imports, those from the notice's source country and their share,
/// the concentration of its suppliers (HHI), and what allies could make up if the source cut every
/// shipment (the C6 disruption scenario). Values in thousand U.S. dollars, as in the trade store.
/// </summary>
public sealed record ExposureRow(string Party, string Hs6, string Description, double Imports, double FromSource, double SourceShare, double Hhi,
    double LostValue, double SubstitutionCapacity, double ResidualGap);

/// <summary>A party's totals over the notice's products: share = Σ from source / Σ imports.</summary>
public sealed record ExposurePartyTotal(string Party, double Imports, double FromSource, double SourceShare, double ResidualGap);

/// <summary>What the trade store produced for a notice, and from which data.</summary>
public sealed record ExposureComputation(int Year, string TradeSource, string DataSources, string ParametersJson, IReadOnlyList<string> Parties, IReadOnlyList<ExposureRow> Rows);

/// <summary>The outcome handed back by the host that reads the trade store (Core does not reference it).</summary>
public sealed record ExposureOutcome(ExposureStatus Status, string Note, ExposureComputation? Computation = null)
{
    public static ExposureOutcome NoData(string note) => new(ExposureStatus.NoTradeData, note);

    public static ExposureOutcome Unavailable(string note) => new(ExposureStatus.Unavailable, note);
}

public sealed record ExposureViewDto(Guid AnalysisId, int Year, string TradeSource, string DataSources, IReadOnlyList<ExposureRow> Rows,
    IReadOnlyList<ExposurePartyTotal> Totals, DateTime ComputedAt, string Marking);

/// <summary>What the host needs to compute a notice's exposure.</summary>
public sealed record ExposureRequest(Guid NoticeId, string SourceCountry, IReadOnlyList<string> Products, string Basket, IReadOnlyList<string> Parties);

/// <summary>
/// Exposure of the forum's parties to a disrupted supply (C8 × C6), saved as an analysis of kind
/// Exposure carrying exactly the notice's label (so whoever may read the notice may read its
/// exposure, and nobody else) and linked to the notice.
/// </summary>
public static class NoticeExposure
{
    public static readonly IReadOnlyList<string> Columns =
        ["party", "hs6", "description", "imports_kusd", "from_source_kusd", "source_share", "hhi", "lost_kusd", "substitution_capacity_kusd", "residual_gap_kusd"];

    public static bool CanCompute(Actor actor, DisruptionNotice notice)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(notice);
        return actor.AgencyId == notice.NotifyingAgencyId || AnalysisUseCases.CanRun(actor);
    }

    /// <summary>The products and parties to compute for, if the reader may see the notice and compute.</summary>
    public static async Task<Result<ExposureRequest>> Prepare(TandemDbContext db, Actor actor, Guid noticeId, DateOnly today, CancellationToken ct)
    {
        var notice = await NoticeUseCases.Find(db, actor, noticeId, today, ct);
        if (notice is null)
        {
            return Error.NotFound("Notice");
        }

        if (!CanCompute(actor, notice))
        {
            return Error.Forbidden("The notifying agency, analysts and the secretariat compute a notice's exposure.");
        }

        var parties = notice.Forum?.Parties.Select(p => p.Party).Order(StringComparer.Ordinal).ToList() ?? [];
        return new ExposureRequest(notice.Id, notice.SourceCountry, notice.Products, notice.Basket, parties);
    }

    public static async Task<Result<ExposureStatus>> Record(TandemDbContext db, Actor actor, Guid noticeId, ExposureOutcome outcome, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(outcome);
        var notice = await NoticeUseCases.Find(db, actor, noticeId, DateOnly.FromDateTime(now), ct);
        if (notice is null)
        {
            return Error.NotFound("Notice");
        }

        if (!CanCompute(actor, notice))
        {
            return Error.Forbidden("The notifying agency, analysts and the secretariat compute a notice's exposure.");
        }

        notice.ExposureStatus = outcome.Status;
        notice.ExposureNote = outcome.Note.Length > 1000 ? outcome.Note[..1000] : outcome.Note;
        notice.ExposureComputedAt = now;
        if (outcome.Status == ExposureStatus.Computed && outcome.Computation is { } computation)
        {
            var analysis = new Analysis
            {
                Title = Truncate($"Exposure to a disruption from {notice.SourceCountry}: {notice.Title}", 300),
                Kind = AnalysisKind.Exposure,
                Summary = Truncate(Summary(computation, notice.SourceCountry), 4000),
                ParametersJson = computation.ParametersJson,
                DataSources = Truncate(computation.DataSources, 8000),
                ResultCsv = ToCsv(computation.Rows),
                ResultRows = computation.Rows.Count,
                OwnerAgencyId = notice.NotifyingAgencyId,
                CreatedBy = actor.UserId ?? Guid.Empty,

                // Exactly the notice's label: not re-created from the computing actor, whose agency may differ.
                Label = notice.Label.Clone(),
            };
            analysis.Links.Add(new AnalysisLink { AnalysisId = analysis.Id, TargetType = "Notice", TargetId = notice.Id, LinkedAt = now, LinkedBy = actor.UserId ?? Guid.Empty });
            db.Set<Analysis>().Add(analysis);
            notice.ExposureAnalysisId = analysis.Id;
        }

        await db.SaveChangesAsync(ct);
        return notice.ExposureStatus;
    }

    /// <summary>The latest exposure of a notice, read back from its analysis (if the reader may see that analysis).</summary>
    public static async Task<ExposureViewDto?> Read(TandemDbContext db, Actor actor, DisruptionNotice notice, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.ExposureAnalysisId is not { } id)
        {
            return null;
        }

        var analysis = await db.Set<Analysis>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (analysis is null || !AccessPolicy.CanSee(Viewer.Of(actor, today), analysis.Label))
        {
            return null;
        }

        var rows = Parse(analysis.ResultCsv);
        var parameters = System.Text.Json.JsonDocument.Parse(analysis.ParametersJson).RootElement;
        var year = parameters.TryGetProperty("year", out var y) ? y.GetInt32() : 0;
        var source = parameters.TryGetProperty("tradeSource", out var s) ? s.GetString() ?? "" : "";
        return new ExposureViewDto(analysis.Id, year, source, analysis.DataSources, rows, Totals(rows), analysis.CreatedAt, analysis.Label.ToLabel().Marking);
    }

    public static List<ExposurePartyTotal> Totals(IReadOnlyList<ExposureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.GroupBy(r => r.Party).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var imports = g.Sum(r => r.Imports);
            var from = g.Sum(r => r.FromSource);
            return new ExposurePartyTotal(g.Key, imports, from, imports == 0 ? 0 : from / imports, g.Sum(r => r.ResidualGap));
        }).ToList();
    }

    public static string ToCsv(IReadOnlyList<ExposureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var r in rows)
        {
            csv.Append(string.Join(",", Csv.Cell(r.Party), Csv.Cell(r.Hs6), Csv.Cell(r.Description), N(r.Imports), N(r.FromSource), N(r.SourceShare), N(r.Hhi),
                N(r.LostValue), N(r.SubstitutionCapacity), N(r.ResidualGap))).Append('\n');
        }

        return csv.ToString();
    }

    public static List<ExposureRow> Parse(string csv)
    {
        using var reader = new StringReader(csv);
        return Csv.ReadRecords(reader).Select(r => new ExposureRow(r["party"], r["hs6"], r["description"], D(r["imports_kusd"]), D(r["from_source_kusd"]),
            D(r["source_share"]), D(r["hhi"]), D(r["lost_kusd"]), D(r["substitution_capacity_kusd"]), D(r["residual_gap_kusd"]))).ToList();
    }

    private static string Summary(ExposureComputation computation, string source)
    {
        var totals = Totals(computation.Rows);
        var parts = computation.Parties.Select(p => totals.FirstOrDefault(t => t.Party == p) is { } t
            ? $"{p}: {t.SourceShare.ToString("P1", CultureInfo.InvariantCulture)} of {t.Imports.ToString("N0", CultureInfo.InvariantCulture)} kUSD imports from {source}"
            : $"{p}: no imports of these products");
        return $"Year {computation.Year}. " + string.Join("; ", parts) + ".";
    }

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double D(string value) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}

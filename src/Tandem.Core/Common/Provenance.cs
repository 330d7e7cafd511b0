using Microsoft.EntityFrameworkCore;
using Tandem.Core.Commitments;
using Tandem.Core.Data;
using Tandem.Core.Meetings;

namespace Tandem.Core.Common;

/// <summary>Where a fact of imported history comes from and how sure it is, as a detail page shows it.</summary>
public sealed record ProvenanceDto(string SourceUrl, string Confidence, string JapaneseSource)
{
    public static readonly ProvenanceDto None = new("", "", "");

    /// <summary>The fact was inferred or approximated, not read in its source: pages mark it so nobody takes it for a record.</summary>
    public bool IsApproximation => Provenance.IsApproximation(Confidence);

    public bool IsUnofficialTranslation => JapaneseSource == Provenance.UnofficialTranslation;

    /// <summary>The address of the official Japanese text, when one was published and cited.</summary>
    public string? OfficialJapaneseUrl => JapaneseSource.StartsWith("http", StringComparison.Ordinal) ? JapaneseSource : null;
}

/// <summary>
/// The vocabulary of confidence for facts compiled from public texts: <see cref="Seen"/> (read in the cited text),
/// <see cref="Reported"/> (read in a secondary source), <see cref="Reconstructed"/> (inferred) and <see cref="Approximate"/>
/// (a date, time or length near the real one). A confidence may add a qualifier after a semicolon ("seen; time approximate").
/// </summary>
public static class Provenance
{
    public const string Seen = "seen";
    public const string Reported = "reported";
    public const string Reconstructed = "reconstructed";
    public const string Approximate = "approximate";

    /// <summary>The value of a JapaneseSource column for Japanese text that is a translation, not one published by a Japanese authority.</summary>
    public const string UnofficialTranslation = "unofficial";

    public static readonly IReadOnlyList<string> Levels = [Seen, Reported, Reconstructed, Approximate];

    public static bool IsApproximation(string? confidence) =>
        !string.IsNullOrEmpty(confidence)
        && (confidence.Contains(Reconstructed, StringComparison.OrdinalIgnoreCase) || confidence.Contains(Approximate, StringComparison.OrdinalIgnoreCase));

    /// <summary>The level a confidence starts with ("seen; time approximate" → "seen"), or null when it uses another word.</summary>
    public static string? Level(string? confidence)
    {
        var head = (confidence ?? "").Split(';', 2)[0].Trim();
        return Levels.FirstOrDefault(l => l.Equals(head, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The provenance of a meeting and of each of its agenda items (read after the page found the meeting through the access policy).</summary>
    public static async Task<(ProvenanceDto Meeting, Dictionary<Guid, ProvenanceDto> Agenda)> OfMeeting(TandemDbContext db, Guid meetingId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await db.Set<Meeting>().AsNoTracking().Where(m => m.Id == meetingId)
            .Select(m => new ProvenanceDto(m.SourceUrl, m.Confidence, m.JapaneseSource)).FirstOrDefaultAsync(ct) ?? ProvenanceDto.None;
        var agenda = await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == meetingId)
            .Select(a => new { a.Id, Provenance = new ProvenanceDto(a.SourceUrl, a.Confidence, a.JapaneseSource) }).ToListAsync(ct);
        return (meeting, agenda.ToDictionary(a => a.Id, a => a.Provenance));
    }

    /// <summary>The provenance of a commitment (read after the page found it through the access policy).</summary>
    public static async Task<ProvenanceDto> OfCommitment(TandemDbContext db, Guid commitmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<Commitment>().AsNoTracking().Where(c => c.Id == commitmentId)
            .Select(c => new ProvenanceDto(c.SourceUrl, c.Confidence, c.JapaneseSource)).FirstOrDefaultAsync(ct) ?? ProvenanceDto.None;
    }
}

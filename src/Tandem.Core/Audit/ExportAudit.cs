using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Audit;

/// <summary>
/// Writes audit entries as JSON lines (one object per line, sequence order), streaming in batches so
/// an export of years of log needs no more memory than a page. The export itself is audited.
/// </summary>
public static class ExportAudit
{
    public static async Task<Result<long>> Handle(TandemDbContext db, Actor actor, DateTime? from, DateTime? to, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(output);
        var range = new AuditFilter(from, to).Describe();
        if (!AuditAccess.CanRead(actor))
        {
            db.Audit(AuditAction.Export, AuditAccess.LogObject, "", AuditDecision.Denied, details: range);
            await db.SaveChangesAsync(ct);
            return Error.Forbidden("Only auditors may export the audit log.");
        }

        long written = 0;
        long after = 0;
        var buffer = new ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            while (true)
            {
                var last = after;
                var batch = await AuditQueries.Apply(db.AuditEntries.AsNoTracking(), new AuditFilter(from, to))
                    .Where(e => e.Sequence > last).OrderBy(e => e.Sequence).Take(VerifyAuditChain.BatchSize).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var entry in batch)
                {
                    Write(json, entry);
                    await json.FlushAsync(ct);
                    await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), ct);
                    buffer.ResetWrittenCount();
                    json.Reset(buffer);
                    written++;
                }

                after = batch[^1].Sequence;
            }
        }

        await output.FlushAsync(ct);
        db.Audit(AuditAction.Export, AuditAccess.LogObject, "", details: string.Create(CultureInfo.InvariantCulture, $"{written} entries: {range}"));
        await db.SaveChangesAsync(ct);
        return written;
    }

    private static void Write(Utf8JsonWriter json, AuditEntry e)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", e.Sequence);
        json.WriteString("at", AuditChain.Normalize(e.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        if (e.ActorUserId is { } id)
        {
            json.WriteString("actorUserId", id.ToString("D"));
        }
        else
        {
            json.WriteNull("actorUserId");
        }

        json.WriteString("actorName", e.ActorName);
        json.WriteString("actorAgency", e.ActorAgency);
        json.WriteString("action", e.Action);
        json.WriteString("objectType", e.ObjectType);
        json.WriteString("objectId", e.ObjectId);
        json.WriteString("label", e.Label);
        json.WriteString("decision", e.Decision);
        json.WriteString("requestId", e.RequestId);
        json.WriteString("details", e.Details);
        json.WriteString("previousHash", e.PreviousHash);
        json.WriteString("hash", e.Hash);
        json.WriteEndObject();
    }
}

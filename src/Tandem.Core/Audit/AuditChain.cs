using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tandem.Core.Audit;

/// <summary>The canonical serialisation and hash of audit entries; the one place both writer and verifier use.</summary>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Databases keep microseconds at best: hash what will be read back.</summary>
    public static DateTime Normalize(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>The one text form of an audit instant (microseconds, UTC), in hashes, digests and exports.</summary>
    public static string FormatInstant(DateTime at) => Normalize(at).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Canonical(AuditEntry e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(e.Sequence);
            json.WriteStringValue(FormatInstant(e.At));
            json.WriteStringValue(e.ActorUserId?.ToString("D") ?? "");
            json.WriteStringValue(e.ActorName);
            json.WriteStringValue(e.ActorAgency);
            json.WriteStringValue(e.Action);
            json.WriteStringValue(e.ObjectType);
            json.WriteStringValue(e.ObjectId);
            json.WriteStringValue(e.Label);
            json.WriteStringValue(e.Decision);
            json.WriteStringValue(e.RequestId);
            json.WriteStringValue(e.Details);
            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    public static string ComputeHash(AuditEntry e, string previousHash)
    {
        var canonical = Canonical(e);
        var previous = Convert.FromHexString(previousHash);
        var input = new byte[canonical.Length + previous.Length];
        canonical.CopyTo(input, 0);
        previous.CopyTo(input, canonical.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    public static byte[] CheckpointPayload(long sequence, string hash) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"tandem-audit-checkpoint\n{sequence}\n{hash}"));

    /// <summary>What a witnessed head digest signs; a different prefix from checkpoints, so neither signature can pass for the other.</summary>
    public static byte[] DigestPayload(long sequence, string hash, DateTime at) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"tandem-audit-witness\n{sequence}\n{hash}\n{FormatInstant(at)}"));
}

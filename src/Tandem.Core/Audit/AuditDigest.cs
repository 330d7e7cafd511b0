using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tandem.Core.Audit;

/// <summary>
/// A signed statement "at <see cref="At"/> the audit chain ended at <see cref="Sequence"/> with <see cref="Hash"/>":
/// one line of the witness file, and what <c>tandem audit digest</c> prints for the other party to keep.
/// </summary>
public sealed record AuditDigest(long Sequence, string Hash, DateTime At, string KeyId, string Signature)
{
    /// <summary>Longer lines are not digests; refusing them keeps a damaged file from costing memory.</summary>
    public const int MaxLineLength = 1024;

    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", Sequence);
            json.WriteString("hash", Hash);
            json.WriteString("at", AuditChain.FormatInstant(At));
            json.WriteString("keyId", KeyId);
            json.WriteString("signature", Signature);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads one line; a torn or foreign line is not a digest (null), never an exception.</summary>
    public static AuditDigest? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > MaxLineLength || string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("sequence", out var sequence) || sequence.ValueKind != JsonValueKind.Number || !sequence.TryGetInt64(out var number) || number < 1
                || Text(root, "hash") is not { Length: 64 } hash
                || Text(root, "at") is not { } at
                || !DateTime.TryParseExact(at, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when)
                || Text(root, "keyId") is not { } keyId
                || Text(root, "signature") is not { } signature)
            {
                return null;
            }

            return new AuditDigest(number, hash, DateTime.SpecifyKind(when, DateTimeKind.Utc), keyId, signature);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A digest as found in a witness file, with where it was found (for messages).</summary>
public sealed record WitnessedDigest(AuditDigest Digest, string File, int Line)
{
    public string Where => string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(File)} line {Line}");
}

/// <summary>The digests read from one or more witness files, before their signatures are checked.</summary>
public sealed record WitnessReading(IReadOnlyList<WitnessedDigest> Digests, int UnreadableLines, IReadOnlyList<string> Files)
{
    public static readonly WitnessReading None = new([], 0, []);

    public WitnessReading Add(WitnessReading other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new WitnessReading([.. Digests, .. other.Digests], UnreadableLines + other.UnreadableLines, [.. Files, .. other.Files]);
    }
}

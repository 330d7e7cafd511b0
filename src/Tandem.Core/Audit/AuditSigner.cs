using System.Security.Cryptography;

namespace Tandem.Core.Audit;

public sealed class AuditOptions
{
    /// <summary>PEM file of the ECDSA P-256 checkpoint key, outside the database; created on first run.</summary>
    public string KeyPath { get; set; } = Path.Combine("data", "audit-signing-key.pem");

    /// <summary>A signed checkpoint is written every this many entries.</summary>
    public int CheckpointInterval { get; set; } = 100;

    /// <summary>
    /// JSON-lines file, outside the database, to which signed head digests are appended; empty means
    /// <c>audit-witness.jsonl</c> beside the signing key (so <c>data/audit-witness.jsonl</c> by default).
    /// </summary>
    public string? WitnessPath { get; set; }

    public string WitnessFile => Path.GetFullPath(string.IsNullOrWhiteSpace(WitnessPath)
        ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(KeyPath)) ?? "", "audit-witness.jsonl")
        : WitnessPath);
}

/// <summary>
/// Signs audit checkpoints with a key kept outside the database, so someone who can edit the
/// database cannot forge a consistent chain end.
/// </summary>
public sealed class AuditSigner : IDisposable
{
    private readonly ECDsa _key;

    private AuditSigner(ECDsa key, int checkpointInterval)
    {
        _key = key;
        CheckpointInterval = checkpointInterval;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public string KeyId { get; }

    public int CheckpointInterval { get; }

    public static AuditSigner LoadOrCreate(AuditOptions options)
    {
        if (options.CheckpointInterval < 1)
        {
            throw new InvalidOperationException("Tandem:Audit:CheckpointInterval must be 1 or more.");
        }

        var key = ECDsa.Create();
        var path = Path.GetFullPath(options.KeyPath);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            key.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new AuditSigner(key, options.CheckpointInterval);
    }

    /// <summary>
    /// Loads the existing key without creating one: a verifier that made itself a new key would call
    /// every genuine checkpoint forged.
    /// </summary>
    public static AuditSigner LoadExisting(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.KeyPath);
        if (!File.Exists(path))
        {
            throw new Data.ConfigurationException($"Tandem:Audit:KeyPath: no checkpoint key at {path}; point it at the key the web app signs with.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new Data.ConfigurationException($"Tandem:Audit:KeyPath: {path} is not an ECDSA PEM key ({e.Message}).");
        }

        return new AuditSigner(key, Math.Max(1, options.CheckpointInterval));
    }

    public string Sign(long sequence, string hash) =>
        Convert.ToBase64String(_key.SignData(AuditChain.CheckpointPayload(sequence, hash), HashAlgorithmName.SHA256));

    /// <summary>Signs "the chain ended at <paramref name="sequence"/> with <paramref name="hash"/> at <paramref name="at"/>", for the witness.</summary>
    public AuditDigest SignDigest(long sequence, string hash, DateTime at)
    {
        var when = AuditChain.Normalize(at);
        var signature = Convert.ToBase64String(_key.SignData(AuditChain.DigestPayload(sequence, hash, when), HashAlgorithmName.SHA256));
        return new AuditDigest(sequence, hash, when, KeyId, signature);
    }

    public bool Verify(AuditDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        try
        {
            return string.Equals(digest.KeyId, KeyId, StringComparison.Ordinal)
                && _key.VerifyData(AuditChain.DigestPayload(digest.Sequence, digest.Hash, digest.At), Convert.FromBase64String(digest.Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public bool Verify(long sequence, string hash, string signature)
    {
        try
        {
            return _key.VerifyData(AuditChain.CheckpointPayload(sequence, hash), Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}

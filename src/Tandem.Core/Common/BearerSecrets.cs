using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tandem.Core.Common;

/// <summary>
/// Secrets that are themselves the credential (access tokens, calendar addresses): 256 random bits, URL-safe, with
/// a prefix that says what they are. Only their SHA-256 is stored; with that much randomness no salt is needed.
/// </summary>
public static class BearerSecrets
{
    public static string New(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

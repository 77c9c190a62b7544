using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PersonalizedLine.Silo.Auth;

/// <summary>
/// The key format: <c>pl_{id}_{secret}</c>, the id 12 hex characters, the secret 32 random bytes in base64url. 256
/// random bits make a key that cannot be guessed, so one SHA-256 (no slow KDF) is enough to store it safely.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "pl_";
    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    /// <summary>A new key and its id.</summary>
    public static (string Id, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        return (id, $"{Prefix}{id}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}");
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The id inside a key, or null when the text is not shaped like one of our keys.</summary>
    public static string? IdOf(string? key)
    {
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 200)
        {
            return null;
        }

        var end = key.IndexOf('_', Prefix.Length);
        var id = end < 0 ? null : key[Prefix.Length..end];
        return id is { Length: IdBytes * 2 } && id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    /// <summary>Whether <paramref name="key"/> is the key <paramref name="stored"/> was made from, in constant time.</summary>
    public static bool Matches(string key, ApiKey stored) =>
        CryptographicOperations.FixedTimeEquals(Hash(key), stored.Hash);
}

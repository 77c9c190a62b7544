using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// The <c>PersonalizedLine-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>,
/// the scheme Stripe uses. The timestamp is inside the signed content, so a captured delivery cannot be replayed
/// later with a fresh timestamp, and a receiver rejects one older than its tolerance.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "PersonalizedLine-Signature";

    /// <summary>A receiver's usual tolerance between the signed timestamp and its own clock.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> (the exact bytes sent, as UTF-8) signed at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, DateTimeOffset timestamp, string body)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(secret, seconds, body))}";
    }

    /// <summary>
    /// What a receiver does: the header parses, one of its <c>v1</c> signatures matches the body under the secret
    /// (compared in constant time), and its timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        long? seconds = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            var (key, value) = (part[..equals], part[(equals + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                seconds = t;
            }
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigitLower))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (seconds is not { } signedAt || signatures.Count == 0
            || (now - DateTimeOffset.FromUnixTimeSeconds(signedAt)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Compute(secret, signedAt, body);
        return signatures.Any(signature => CryptographicOperations.FixedTimeEquals(signature, expected));
    }

    private static byte[] Compute(string secret, long seconds, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{seconds.ToString(CultureInfo.InvariantCulture)}.{body}"));
}

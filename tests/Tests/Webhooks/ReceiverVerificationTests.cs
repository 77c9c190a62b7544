using System.Security.Cryptography;
using System.Text;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>The README's C# receiver check, as printed there, against what the sender signs.</summary>
public sealed class ReceiverVerificationTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private const string Body = """{"id":"evt_1","type":"job.completed"}""";

    [Fact]
    public void The_readme_check_accepts_a_fresh_delivery_and_rejects_a_changed_body_another_secret_and_an_old_timestamp()
    {
        var now = DateTimeOffset.UtcNow;
        var header = WebhookSignature.Sign(Secret, now, Body);

        Assert.True(IsGenuine(Secret, header, Body));
        Assert.False(IsGenuine(Secret, header, Body.Replace("completed", "failed", StringComparison.Ordinal)));
        Assert.False(IsGenuine("whsec_other_0123456789abcdef", header, Body));
        Assert.False(IsGenuine(Secret, WebhookSignature.Sign(Secret, now.AddMinutes(-10), Body), Body));
    }

    // Copied from README.md ("Verifying a delivery"); keep the two the same.
    private static bool IsGenuine(string secret, string signatureHeader, string rawBody, long toleranceSeconds = 300)
    {
        var pairs = signatureHeader.Split(',').Select(part => part.Split('=', 2)).Where(pair => pair.Length == 2).ToList();
        var t = pairs.FirstOrDefault(pair => pair[0] == "t")?[1];
        if (!long.TryParse(t, out var signedAt) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - signedAt) > toleranceSeconds)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{rawBody}"));
        return pairs.Any(pair => pair[0] == "v1" && pair[1].Length == 64 && pair[1].All(char.IsAsciiHexDigitLower)
            && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(pair[1]), expected));
    }
}

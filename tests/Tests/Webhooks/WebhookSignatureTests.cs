using System.Text.RegularExpressions;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private const string Body = """{"id":"evt_1"}""";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void The_header_carries_the_timestamp_and_the_hmac_of_timestamp_dot_body_in_lower_hex()
    {
        // Computed apart from the product: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_0123456789abcdef', b'1700000000.{\"id\":\"evt_1\"}', hashlib.sha256).hexdigest())"
        Assert.Equal("t=1700000000,v1=950d8e5fabb3af089049297d5e94a2a84e25776792dfb61711758872d45f2336", WebhookSignature.Sign(Secret, SignedAt, Body));
    }

    [Fact]
    public void A_receiver_accepts_what_was_signed_within_the_tolerance_either_side()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.True(WebhookSignature.Verify(Secret, header, Body, SignedAt, WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(4), WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(-4), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_changed_body_fails()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.False(WebhookSignature.Verify(Secret, header, """{"id":"evt_2"}""", SignedAt, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, Body + " ", SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Another_secret_fails()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.False(WebhookSignature.Verify("whsec_other_0123456789abcdef", header, Body, SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_timestamp_outside_the_tolerance_fails_even_with_a_correct_signature()
    {
        var header = WebhookSignature.Sign(Secret, SignedAt, Body);

        Assert.False(WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(6), WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, Body, SignedAt.AddMinutes(-6), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_replayed_signature_under_a_fresh_timestamp_fails()
    {
        var v1 = Regex.Match(WebhookSignature.Sign(Secret, SignedAt, Body), "v1=([0-9a-f]{64})").Groups[1].Value;
        var later = SignedAt.AddHours(1);

        Assert.False(WebhookSignature.Verify(Secret, $"t={later.ToUnixTimeSeconds()},v1={v1}", Body, later, WebhookSignature.DefaultTolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=950d8e5fabb3af089049297d5e94a2a84e25776792dfb61711758872d45f2336")]
    [InlineData("t=1700000000")]
    [InlineData("t=abc,v1=950d8e5fabb3af089049297d5e94a2a84e25776792dfb61711758872d45f2336")]
    [InlineData("t=1700000000,v1=950D8E5FABB3AF089049297D5E94A2A84E25776792DFB61711758872D45F2336")]
    [InlineData("t=1700000000,v1=950d8e")]
    [InlineData("garbage")]
    public void A_malformed_header_fails(string? header) =>
        Assert.False(WebhookSignature.Verify(Secret, header, Body, SignedAt, WebhookSignature.DefaultTolerance));

    [Fact]
    public void One_matching_v1_among_several_passes_so_secrets_can_be_rotated()
    {
        var signed = WebhookSignature.Sign(Secret, SignedAt, Body);
        var header = signed.Replace(",v1=", $",v1={new string('0', 64)},v1=", StringComparison.Ordinal);

        Assert.True(WebhookSignature.Verify(Secret, header, Body, SignedAt, WebhookSignature.DefaultTolerance));
    }
}

using System.Net;
using System.Net.Http.Headers;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

public sealed class RateLimitDelayTests
{
    [Fact]
    public void Retry_after_seconds_wins_over_groq_headers()
    {
        using var response = TooManyRequests();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        response.Headers.Add(RateLimitDelay.ResetTokensHeader, "20s");
        Assert.Equal(TimeSpan.FromSeconds(3), RateLimitDelay.FromHeaders(response, TimeProvider.System));
    }

    [Fact]
    public void Retry_after_http_date_is_measured_from_now()
    {
        using var response = TooManyRequests();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30));
        var delay = RateLimitDelay.FromHeaders(response, TimeProvider.System)!.Value;
        Assert.InRange(delay, TimeSpan.FromSeconds(28), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Longer_of_the_groq_reset_headers_is_used()
    {
        using var response = TooManyRequests();
        response.Headers.Add(RateLimitDelay.ResetRequestsHeader, "250ms");
        response.Headers.Add(RateLimitDelay.ResetTokensHeader, "7.66s");
        Assert.Equal(TimeSpan.FromMilliseconds(7660), RateLimitDelay.FromHeaders(response, TimeProvider.System));
    }

    [Fact]
    public void No_hint_gives_no_delay_so_the_limiter_uses_its_fallback_pause()
    {
        using var response = TooManyRequests();
        Assert.Null(RateLimitDelay.FromHeaders(response, TimeProvider.System));
    }

    private static HttpResponseMessage TooManyRequests() => new(HttpStatusCode.TooManyRequests);
}

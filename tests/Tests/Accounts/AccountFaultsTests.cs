using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>Where an ordinary rate limit ends and an account problem begins, answer by answer.</summary>
public sealed class AccountFaultsTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(14, false)]
    [InlineData(15, true)]
    [InlineData(123, true)]
    public async Task A_retry_after_at_or_past_the_threshold_is_an_exhausted_quota(int minutes, bool exhausted)
    {
        using var response = Answer(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(minutes));

        var fault = await Classify(response);

        Assert.Equal(exhausted, fault is not null);
        if (fault is not null)
        {
            Assert.Equal(AccountProblemKind.QuotaExhausted, fault.Kind);
            Assert.Equal(TimeSpan.FromMinutes(minutes), fault.ResetIn);
        }
    }

    [Fact]
    public async Task A_far_request_reset_counts_only_when_no_request_is_left()
    {
        // A per-minute tokens 429 from Groq: the day's request counter is hours from a full reset but has room.
        using var tokens = Answer(HttpStatusCode.TooManyRequests);
        tokens.Headers.Add("x-ratelimit-remaining-requests", "9000");
        tokens.Headers.Add("x-ratelimit-reset-requests", "5h10m");
        tokens.Headers.Add("x-ratelimit-reset-tokens", "7.66s");
        using var requests = Answer(HttpStatusCode.TooManyRequests);
        requests.Headers.Add("x-ratelimit-remaining-requests", "0");
        requests.Headers.Add("x-ratelimit-reset-requests", "5h10m");

        Assert.Null(await Classify(tokens));
        var fault = await Classify(requests);
        Assert.Equal(AccountProblemKind.QuotaExhausted, fault!.Kind);
        Assert.Equal(new TimeSpan(5, 10, 0), fault.ResetIn);
    }

    [Fact]
    public async Task A_short_retry_after_wins_over_a_far_request_reset()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(6));
        response.Headers.Add("x-ratelimit-remaining-requests", "0");
        response.Headers.Add("x-ratelimit-reset-requests", "5h10m");

        Assert.Null(await Classify(response));
    }

    [Theory]
    [InlineData("{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":null}}")]
    [InlineData("{\"error\":{\"message\":\"quota\",\"type\":\"requests\",\"code\":\"insufficient_quota\"}}")]
    public async Task Insufficient_quota_in_code_or_type_is_out_of_credit_even_with_a_short_retry_after(string body)
    {
        using var response = Answer(HttpStatusCode.TooManyRequests, body);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1));

        var fault = await Classify(response);

        Assert.Equal(AccountProblemKind.OutOfCredit, fault!.Kind);
        Assert.Equal("quota", fault.ProviderSaid);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.OK)]
    public async Task Other_answers_are_not_about_the_account(HttpStatusCode status)
    {
        using var response = Answer(status, "{\"error\":{\"message\":\"no\",\"code\":\"rate_limit_exceeded\"}}");
        Assert.Null(await Classify(response));
    }

    [Fact]
    public async Task The_body_stays_readable_after_classification()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests, "{\"error\":{\"message\":\"slow down\"}}");

        Assert.Null(await Classify(response));
        Assert.Equal("{\"error\":{\"message\":\"slow down\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_success_with_no_request_left_for_hours_is_a_used_up_quota()
    {
        using var response = Answer(HttpStatusCode.OK);
        response.Headers.Add("x-ratelimit-remaining-requests", "0");
        response.Headers.Add("x-ratelimit-reset-requests", "2h3m0s");
        using var soon = Answer(HttpStatusCode.OK);
        soon.Headers.Add("x-ratelimit-remaining-requests", "0");
        soon.Headers.Add("x-ratelimit-reset-requests", "2m59.56s");

        Assert.Equal(new TimeSpan(2, 3, 0), AccountFaults.QuotaUsedUp(response, Threshold)!.ResetIn);
        Assert.Null(AccountFaults.QuotaUsedUp(soon, Threshold));
    }

    private static ValueTask<AccountFault?> Classify(HttpResponseMessage response) =>
        AccountFaults.ClassifyAsync(response, Threshold, TimeProvider.System, CancellationToken.None);

    private static HttpResponseMessage Answer(HttpStatusCode status, string body = "{}") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}

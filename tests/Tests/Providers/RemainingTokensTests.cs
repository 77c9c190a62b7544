using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Tests.Providers;

/// <summary>
/// Groq's <c>x-ratelimit-remaining-tokens</c> and <c>x-ratelimit-reset-tokens</c> on a successful answer: when what is
/// left cannot hold the next request, the silo holds its calls until the reset instead of spending one on a certain
/// 429. Measured at the emulator, whose quota computes the headers from its own sliding window.
/// </summary>
public sealed class RemainingTokensTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Tokens_left_below_the_next_requests_cost_hold_the_next_call_until_the_reset()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Reset();
        var request = ProviderTestHost.Line();
        // As the emulator counts it: prompt tokens plus max_tokens (the host's default of 120).
        var cost = DefaultAnswers.Tokens(request.SystemPrompt) + DefaultAnswers.Tokens(request.UserPrompt) + 120;
        // One request fits; after it, half a request's tokens are left until it leaves the 3 s window.
        host.Emulator.Llm.Quota = new QuotaPolicy { TokensPerWindow = cost + (cost / 2), Window = Window };

        for (var i = 0; i < 3; i++)
        {
            await host.Writer.WriteLineAsync(request, CancellationToken.None);
        }

        var arrivals = host.Emulator.Llm.Requests;
        Assert.Equal(3, arrivals.Count);
        Assert.Equal(0, host.Emulator.Llm.QuotaRejections);
        Assert.Equal(3, host.Emulator.Llm.AdmittedRequests);
        for (var i = 1; i < arrivals.Count; i++)
        {
            var gap = arrivals[i].SinceStart - arrivals[i - 1].SinceStart;
            Assert.True(gap >= TimeSpan.FromSeconds(1.5), $"call {i + 1} arrived {gap} after the one before; the reset was about {Window}");
        }
    }

    [Fact]
    public async Task The_token_limit_the_provider_announces_is_remembered_per_model()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Reset();
        var request = ProviderTestHost.Line();
        host.Emulator.Llm.Quota = new QuotaPolicy { TokensPerWindow = 6_000, Window = TimeSpan.FromMinutes(1) };
        var advertised = host.Services.GetRequiredService<PersonalizedLine.Grains.Limits.AdvertisedTokenLimits>();
        Assert.Null(advertised.For(request.Model));

        await host.Writer.WriteLineAsync(request, CancellationToken.None);

        Assert.Equal(6_000, advertised.For(request.Model));
        Assert.Null(advertised.For("another-model"));
    }
}

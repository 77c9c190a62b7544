using PersonalizedLine.ProviderEmulator;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>The chat endpoint's token window: charged like Groq admits a request, prompt plus <c>max_tokens</c>.</summary>
public sealed class TokenWindowTests
{
    [Fact]
    public async Task Token_window_charges_prompt_tokens_plus_max_tokens()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { TokensPerWindow = 1_000 };

        var first = await calls.ChatAsync("key-a", maxTokens: 100);
        Assert.Equal(200, first.Status);
        var cost = first.PromptTokens + 100;
        Assert.Equal(cost, emulator.Llm.AdmittedTokens);
        Assert.Equal(1_000 - cost, first.LongHeader("x-ratelimit-remaining-tokens"));

        var admitted = 1;
        Answer answer;
        while ((answer = await calls.ChatAsync("key-a", maxTokens: 100)).Status == 200)
        {
            admitted++;
            Assert.True(admitted <= 1_000 / cost, $"admitted {admitted} requests of {cost} tokens under a 1000-token window");
        }

        Assert.Equal(1_000 / cost, admitted);
        Assert.Equal(429, answer.Status);
        Assert.Equal("tokens", answer.ErrorType);
        Assert.Contains($"on tokens per minute (TPM): Limit 1000, Used {admitted * cost}, Requested {cost}.", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(admitted * cost, emulator.Llm.AdmittedTokens);
        Assert.Equal(1, emulator.Llm.QuotaRejections);
    }

    [Fact]
    public async Task Max_completion_tokens_is_charged_too_and_no_limit_charges_the_prompt_alone()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { TokensPerWindow = 10_000 };

        var withCompletionLimit = await calls.ChatAsync("key-a", maxTokens: 250, maxTokensField: "max_completion_tokens");
        var withoutLimit = await calls.ChatAsync("key-a", maxTokens: null);

        Assert.Equal(withCompletionLimit.PromptTokens + 250 + withoutLimit.PromptTokens, emulator.Llm.AdmittedTokens);
        Assert.Equal(
            [withCompletionLimit.PromptTokens + 250, withoutLimit.PromptTokens],
            emulator.Llm.AdmittedLog.Select(a => a.Tokens));
    }

    [Fact]
    public async Task A_request_larger_than_the_token_window_alone_is_answered_413()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { TokensPerWindow = 50 };

        var answer = await calls.ChatAsync("key-a", n: 1, maxTokens: 100);

        Assert.Equal(413, answer.Status);
        Assert.Equal("tokens", answer.ErrorType);
        Assert.Equal("rate_limit_exceeded", answer.ErrorCode);
        Assert.StartsWith("Request too large for model `llama-3.1-8b-instant`", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"tokens per minute (TPM): Limit 50, Requested {EmulatorCalls.PromptTokens(1) + 100}", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, emulator.Llm.TooLargeRejections);
        Assert.Equal(0, emulator.Llm.QuotaRejections);
        Assert.Equal(0, emulator.Llm.AdmittedRequests);
        Assert.Equal(413, Assert.Single(emulator.Llm.Requests).QuotaStatus);

        // The oversized request took nothing from the window.
        Assert.Equal(200, (await calls.ChatAsync("key-a", maxTokens: 50 - EmulatorCalls.PromptTokens(1))).Status);
    }
}

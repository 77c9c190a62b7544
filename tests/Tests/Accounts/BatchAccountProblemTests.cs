using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Tests.Providers;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>The real Files and Batches client meeting a refused key at the emulator's Batch API.</summary>
public sealed class BatchAccountProblemTests
{
    [Fact]
    public async Task A_refused_key_on_the_batch_api_is_an_account_problem_named_by_its_step()
    {
        var tap = new TransportTap();
        await using var host = await ProviderTestHost.StartAsync(s => s["Llm:ApiKey"] = "not-the-key", tap.AddTo);

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Batches.GetBatchAsync("batch_abc", CancellationToken.None));

        Assert.Equal(AccountProblemKind.InvalidKey, error.Problem.Kind);
        Assert.Equal(AccountProvider.LlmBatchApi, error.Problem.Provider);
        Assert.StartsWith("llm-batch-api 127.0.0.1:", error.Problem.LimitKey, StringComparison.Ordinal);
        Assert.StartsWith(
            "Getting batch batch_abc: LLM Batch API rejected the API key (HTTP 401 Unauthorized). Check Llm__ApiKey / GROQ_API_KEY",
            error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, error.Problem.Message);
        Assert.Equal(1, tap.Count("GET /v1/batches/batch_abc"));
    }
}

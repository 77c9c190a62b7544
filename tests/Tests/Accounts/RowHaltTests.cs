using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Rows;
using PersonalizedLine.Grains.SharedRequests;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Providers;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>
/// A row processed by the real <see cref="RowProcessor"/> and provider clients against the emulator: a refused account
/// halts the row (not processed, the reason kept) where any other provider failure fails it.
/// </summary>
public sealed class RowHaltTests
{
    [Fact]
    public async Task A_revoked_llm_key_halts_the_row_with_the_reason_and_keeps_its_research()
    {
        await using var host = await StartAsync();
        host.Emulator.Llm.AccountFault = Fault.InvalidApiKey();

        var result = await Process(host, Row(7));

        Assert.Equal(RowStatus.Halted, result.Status);
        Assert.False(result.IsFinal);
        Assert.Equal(string.Empty, result.Line);
        var problem = Assert.IsType<AccountProblem>(result.AccountProblem);
        Assert.Equal(AccountProblemKind.InvalidKey, problem.Kind);
        Assert.Equal(AccountProvider.Llm, problem.Provider);
        Assert.Equal(problem.Message, result.Error);
        Assert.StartsWith("LLM rejected the API key (HTTP 401 Unauthorized). Check Llm__ApiKey / GROQ_API_KEY", result.Error, StringComparison.Ordinal);
        // The research was paid for before the LLM refused: it stays in the row's usage.
        Assert.Equal(1, result.Usage.SearchCalls);
        Assert.Equal(0, result.Usage.LlmRequests);
        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task A_search_account_out_of_credit_halts_the_row_before_the_llm_is_asked()
    {
        await using var host = await StartAsync();
        host.Emulator.Search.AccountFault = Fault.PaymentRequired();

        var result = await Process(host, Row(8));

        Assert.Equal(RowStatus.Halted, result.Status);
        Assert.Equal(AccountProblemKind.OutOfCredit, result.AccountProblem!.Kind);
        Assert.Equal(AccountProvider.Research, result.AccountProblem.Provider);
        Assert.StartsWith("Search API account is out of credit (HTTP 402 Payment Required)", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Any_other_provider_failure_still_fails_the_row()
    {
        await using var host = await StartAsync();
        host.Emulator.Llm.FaultWhen(_ => Fault.Status(400, "{\"error\":{\"message\":\"bad things\"}}"));

        var result = await Process(host, Row(9));

        Assert.Equal(RowStatus.Failed, result.Status);
        Assert.True(result.IsFinal);
        Assert.Null(result.AccountProblem);
        Assert.Equal("LLM rejected the request (HTTP 400). Provider said: bad things", result.Error);
    }

    [Fact]
    public async Task A_halted_row_runs_again_once_the_key_is_restored()
    {
        await using var host = await StartAsync(s => s["Llm:AccountFaultHold"] = "00:00:01");
        host.Emulator.Llm.AccountFault = Fault.InsufficientQuota();
        Assert.Equal(RowStatus.Halted, (await Process(host, Row(10))).Status);

        host.Emulator.Llm.AccountFault = null;
        var result = await Support.Eventually.ReturnsAsync(
            () => Process(host, Row(10)), r => r.Status != RowStatus.Halted, TimeSpan.FromSeconds(30), "the row to run once the key works");

        Assert.Equal(RowStatus.Ok, result.Status);
        Assert.Contains("Ada", result.Line, StringComparison.Ordinal);
    }

    private static Task<ProviderTestHost> StartAsync(Action<Dictionary<string, string?>>? configure = null) =>
        ProviderTestHost.StartAsync(configure, services =>
        {
            services.AddOptions<ProcessingOptions>();
            services.AddSingleton<RowConcurrencyLimiter>();
            services.AddSingleton<SharedRequestBatcher>();
            services.AddSingleton<RowLineSender>();
            services.AddSingleton<RowProcessor>();
        });

    private static async Task<RowResult> Process(ProviderTestHost host, RowRequest request) =>
        await host.Services.GetRequiredService<RowProcessor>().ProcessAsync(request, CancellationToken.None, CancellationToken.None)
        ?? throw new InvalidOperationException("The row was abandoned.");

    private static RowRequest Row(long number) => new(
        "account-job/0",
        number,
        "Acme Robotics",
        "Write one opening line for Ada at Acme Robotics.",
        new Dictionary<string, string> { ["first_name"] = "Ada", ["company"] = "Acme Robotics", ["title"] = "CTO" },
        "llama-3.1-8b-instant");
}

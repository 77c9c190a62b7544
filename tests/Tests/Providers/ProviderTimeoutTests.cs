using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Tests.Providers;

/// <summary>
/// Slow and hung providers against the real clients: the LLM's defaults leave room for a slow model, and a timed-out
/// attempt is retried only MaxTimeoutRetries times (once for the LLM, whose timed-out attempt may have been billed).
/// </summary>
public sealed class ProviderTimeoutTests
{
    [Fact]
    public async Task A_model_that_takes_45_seconds_completes_with_the_default_timeouts()
    {
        await using var host = await ProviderTestHost.StartAsync(s =>
        {
            s.Remove("Llm:AttemptTimeout");
            s.Remove("Llm:TotalTimeout");
        });
        var options = host.Services.GetRequiredService<IOptions<LlmOptions>>().Value;
        Assert.Equal((TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10)), (options.AttemptTimeout, options.TotalTimeout));
        host.Emulator.Reset();
        host.Emulator.Llm.Latency = TimeSpan.FromSeconds(45);
        var request = ProviderTestHost.Line("Grace", $"Slow{Guid.NewGuid():N}");

        var draft = await host.Writer.WriteLineAsync(request, CancellationToken.None);

        Assert.Equal(DefaultAnswers.LineFor(request.UserPrompt), draft.Text);
        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task A_timed_out_llm_attempt_is_retried_once_although_more_retries_are_allowed()
    {
        await using var host = await ProviderTestHost.StartAsync(s =>
        {
            s["Llm:AttemptTimeout"] = "00:00:02";
            s["Llm:MaxRetries"] = "4";
        });
        host.Emulator.Reset();
        host.Emulator.Llm.FaultEveryNth = 1;
        host.Emulator.Llm.PeriodicFault = Fault.Hang();

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.Equal("LLM did not answer within 2s (2 attempts).", error.Message);
        Assert.Equal(2, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task A_timed_out_llm_attempt_may_be_retried_once_and_that_retry_can_succeed()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Llm:AttemptTimeout"] = "00:00:02");
        host.Emulator.Reset();
        host.Emulator.Llm.EnqueueFaults(Fault.Hang());
        var request = ProviderTestHost.Line();

        var draft = await host.Writer.WriteLineAsync(request, CancellationToken.None);

        Assert.Equal(DefaultAnswers.LineFor(request.UserPrompt), draft.Text);
        Assert.Equal(2, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Only_timeouts_count_against_MaxTimeoutRetries_server_errors_between_them_are_retried_as_usual()
    {
        await using var host = await ProviderTestHost.StartAsync(s =>
        {
            s["Llm:AttemptTimeout"] = "00:00:02";
            s["Llm:MaxRetries"] = "4";
        });
        host.Emulator.Reset();
        host.Emulator.Llm.EnqueueFaults(Fault.Status(500), Fault.Hang(), Fault.Status(503), Fault.Hang());

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        // The second timeout ends the call, with a retry of MaxRetries still left.
        Assert.Equal("LLM did not answer within 2s (4 attempts).", error.Message);
        Assert.Equal(4, host.Emulator.Llm.TotalRequests);
        Assert.Equal(0, host.Emulator.Llm.PendingFaults);
    }

    [Fact]
    public async Task A_hung_search_is_retried_MaxRetries_times()
    {
        await using var host = await ProviderTestHost.StartAsync(s =>
        {
            s["Research:AttemptTimeout"] = "00:00:02";
            s["Research:MaxRetries"] = "2";
        });
        host.Emulator.Reset();
        host.Emulator.Search.FaultEveryNth = 1;
        host.Emulator.Search.PeriodicFault = Fault.Hang();

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Research.ResearchAsync($"Hung{Guid.NewGuid():N}", CancellationToken.None));

        Assert.Equal("Search API did not answer within 2s (3 attempts).", error.Message);
        Assert.Equal(3, host.Emulator.Search.TotalRequests);
    }
}

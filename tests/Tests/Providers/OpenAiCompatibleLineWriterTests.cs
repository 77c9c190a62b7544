using PersonalizedLine.Grains.Providers;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Tests.Providers;

/// <summary>The real chat completions client and resilience pipeline against the emulator over HTTP.</summary>
public sealed class OpenAiCompatibleLineWriterTests
{
    [Fact]
    public async Task Success_returns_the_line_and_token_usage()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var request = ProviderTestHost.Line();

        var draft = await host.Writer.WriteLineAsync(request, CancellationToken.None);

        Assert.False(host.Writer.IsOffline);
        Assert.Equal(DefaultAnswers.LineFor(request.UserPrompt), draft.Text);
        Assert.Contains("Ada", draft.Text, StringComparison.Ordinal);
        Assert.Contains("Acme Robotics", draft.Text, StringComparison.Ordinal);
        Assert.Equal(DefaultAnswers.Tokens(request.SystemPrompt) + DefaultAnswers.Tokens(request.UserPrompt), draft.PromptTokens);
        Assert.Equal(DefaultAnswers.Tokens(draft.Text), draft.CompletionTokens);

        // Reaching the emulator at all proves the base path (/v1) was kept; check what was sent.
        var sent = Assert.Single(host.Emulator.Llm.Requests);
        Assert.Equal(request.UserPrompt, sent.Text);
        Assert.Equal(ProviderTestHost.LlmKey, sent.Credential);
        Assert.Contains("\"max_tokens\":120", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"llama-3.1-8b-instant\"", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"system\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.RateLimited(retryAfter: TimeSpan.FromSeconds(1)));

        await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);

        var requests = host.Emulator.Llm.Requests;
        Assert.Equal(2, requests.Count);
        var gap = requests[1].SinceStart - requests[0].SinceStart;
        Assert.True(gap >= TimeSpan.FromMilliseconds(980), $"second attempt came after {gap}");
    }

    [Fact]
    public async Task Groq_reset_header_is_honoured_when_there_is_no_retry_after()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.RateLimited(retryAfter: null, groqResetHeader: "700ms"));

        await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);

        var requests = host.Emulator.Llm.Requests;
        Assert.Equal(2, requests.Count);
        var gap = requests[1].SinceStart - requests[0].SinceStart;
        Assert.True(gap >= TimeSpan.FromMilliseconds(690), $"second attempt came after {gap}");
    }

    [Fact]
    public async Task Garbage_then_success_is_retried_and_persistent_garbage_fails_clearly()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.Garbage());
        var draft = await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);
        Assert.Contains("Ada", draft.Text, StringComparison.Ordinal);
        Assert.Equal(2, host.Emulator.Llm.TotalRequests);

        host.Emulator.Llm.ResetCounters();
        host.Emulator.Llm.FaultEveryNth = 1;
        host.Emulator.Llm.PeriodicFault = Fault.Garbage();
        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));
        Assert.Equal("LLM answer was not valid JSON after 4 attempts.", error.Message);
        Assert.Equal(4, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Attempts_that_always_hang_fail_with_the_attempt_timeout()
    {
        await using var host = await ProviderTestHost.StartAsync(s =>
        {
            // Long enough for each attempt to reach the emulator before it times out, however busy the machine.
            s["Llm:AttemptTimeout"] = "00:00:02";
            s["Llm:MaxRetries"] = "1";
        });
        host.Emulator.Llm.FaultEveryNth = 1;
        host.Emulator.Llm.PeriodicFault = Fault.Hang();

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.Equal("LLM did not answer within 2s (2 attempts).", error.Message);
        Assert.Equal(2, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Total_timeout_bounds_the_whole_call()
    {
        await using var host = await ProviderTestHost.StartAsync(s =>
        {
            s["Llm:AttemptTimeout"] = "00:00:00.300";
            s["Llm:TotalTimeout"] = "00:00:00.500";
        });
        host.Emulator.Llm.FaultEveryNth = 1;
        host.Emulator.Llm.PeriodicFault = Fault.Hang();

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        // How many attempts fit in 500 ms depends on scheduling (one, or a second cut short), so only the budget is exact.
        Assert.StartsWith("LLM gave no usable answer within 500ms in total (", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"\(\d attempts?, 0 rate-limited\)", error.Message);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Rejected_key_fails_at_once_and_names_the_setting(int status)
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.Status(status, "{\"error\":{\"message\":\"Invalid API Key\"}}"));

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.StartsWith($"LLM rejected the API key (HTTP {status} ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check Llm__ApiKey / GROQ_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" Provider said: Invalid API Key", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Wrong_key_is_rejected_by_the_emulator_like_groq()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Llm:ApiKey"] = "not-the-key");

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.StartsWith("LLM rejected the API key (HTTP 401 Unauthorized). Check Llm__ApiKey / GROQ_API_KEY,", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
    }

    [Theory]
    [InlineData(400, "LLM rejected the request (HTTP 400). Provider said: bad things")]
    [InlineData(404, "LLM answered HTTP 404 (not found). Check Llm__BaseUrl")]
    [InlineData(413, "LLM refused the request as too large (HTTP 413)")]
    public async Task Other_client_errors_are_not_retried(int status, string expectedStart)
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.Status(status, "{\"error\":{\"message\":\"bad things\"}}"));

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Empty_and_scripted_content_are_returned_as_given()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.EmptyContent(), Fault.Content("  =cmd|' /C calc'!A0  "));

        var empty = await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);
        var scripted = await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);

        Assert.Equal(string.Empty, empty.Text);
        Assert.Equal(0, empty.CompletionTokens);
        Assert.Equal("  =cmd|' /C calc'!A0  ", scripted.Text);
    }

    [Fact]
    public async Task Unreachable_provider_names_the_url_setting()
    {
        var emulator = await PersonalizedLine.ProviderEmulator.ProviderEmulator.StartAsync();
        var closedBaseUrl = emulator.LlmBaseUrl.ToString();
        await emulator.DisposeAsync();
        await using var services = ProviderTestHost.BuildServices(new()
        {
            ["Llm:BaseUrl"] = closedBaseUrl,
            ["Llm:ApiKey"] = "key",
            ["Llm:MaxRetries"] = "2",
            ["Llm:RetryBaseDelay"] = "00:00:00.010",
        });
        var writer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ILineWriter>(services);

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.StartsWith($"LLM could not be reached at {closedBaseUrl} after 3 attempts (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Check Llm__BaseUrl and the network.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thousand_concurrent_calls_all_complete()
    {
        await using var host = await ProviderTestHost.StartAsync();
        // Each answer takes long enough that the time a call spends in transit (slow on a busy machine) is small next
        // to the time the emulator holds it, so the emulator sees nearly every call the client has open.
        host.Emulator.Llm.Latency = TimeSpan.FromSeconds(1);
        var requests = Enumerable.Range(0, 1000).Select(i => ProviderTestHost.Line($"Lead{i}", $"Company {i}")).ToList();

        var drafts = await Task.WhenAll(requests.Select(request => host.Writer.WriteLineAsync(request, CancellationToken.None)));

        // Every call got the answer to its own prompt: no answer lost, swapped or repeated.
        Assert.All(requests.Zip(drafts), pair => Assert.Equal(DefaultAnswers.LineFor(pair.First.UserPrompt), pair.Second.Text));
        Assert.Equal(1000, drafts.Select(draft => draft.Text).Distinct().Count());
        Assert.Equal(1000, host.Emulator.Llm.TotalRequests);
        // The silo's slow start (32 calls, one more per answer) allows at most 32 + c of the 1000 − c calls left after c
        // answers, so about 516 at once; 400 leaves room for calls in transit and still rules out a connection cap.
        Assert.True(host.Emulator.Llm.MaxInFlight >= 400, $"peak concurrency was only {host.Emulator.Llm.MaxInFlight}");
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

/// <summary>Whether mode=batch can be used, asked of the real client, and what it tells a person when not.</summary>
public sealed class ProviderBatchAvailabilityTests
{
    [Fact]
    public async Task A_provider_with_a_batch_api_is_available()
    {
        await using var host = await ProviderTestHost.StartAsync();

        var availability = await host.Batches.CheckAvailableAsync(CancellationToken.None);

        Assert.True(availability.IsAvailable, availability.Message);
        Assert.Equal(BatchApiStatus.Available, availability.Status);
        Assert.Null(availability.Problem);
    }

    [Fact]
    public async Task A_provider_answering_404_has_no_batch_api_and_the_message_names_mode_and_base_url()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Batches.Disabled = true;

        var availability = await host.Batches.CheckAvailableAsync(CancellationToken.None);

        Assert.False(availability.IsAvailable);
        Assert.Equal(BatchApiStatus.NotOffered, availability.Status);
        Assert.Equal(availability.Message, availability.Problem);
        Assert.Contains("mode=batch", availability.Message, StringComparison.Ordinal);
        Assert.Contains("mode=online", availability.Message, StringComparison.Ordinal);
        Assert.Contains(host.Emulator.LlmBaseUrl.ToString().TrimEnd('/'), availability.Message, StringComparison.Ordinal);
        Assert.Contains("Llm__BaseUrl", availability.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_reported_as_rejected_with_the_settings_to_check()
    {
        await using var host = await ProviderTestHost.StartAsync(settings => settings["Llm:ApiKey"] = "not-the-key");

        var availability = await host.Batches.CheckAvailableAsync(CancellationToken.None);

        Assert.Equal(BatchApiStatus.KeyRejected, availability.Status);
        Assert.Contains("HTTP 401", availability.Message, StringComparison.Ordinal);
        Assert.Contains("Llm__ApiKey / GROQ_API_KEY", availability.Message, StringComparison.Ordinal);
        Assert.Contains("mode=batch", availability.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_llm_key_batch_mode_needs_a_real_llm_and_every_call_says_so()
    {
        await using var services = ProviderTestHost.BuildServices([]);
        var client = services.GetRequiredService<IProviderBatchClient>();

        var availability = await client.CheckAvailableAsync(CancellationToken.None);
        var upload = await Assert.ThrowsAsync<ProviderCallException>(() => client.UploadAsync("rows.jsonl", new MemoryStream(), CancellationToken.None));
        var read = await Assert.ThrowsAsync<ProviderCallException>(async () =>
        {
            await foreach (var _ in client.ReadResultsAsync("file-1", CancellationToken.None))
            {
            }
        });

        Assert.IsType<NoKeyBatchClient>(client);
        Assert.Equal(BatchApiStatus.NoApiKey, availability.Status);
        Assert.Equal(
            "mode=batch needs a real LLM: set Llm__ApiKey (or GROQ_API_KEY). Without a key, lines are written offline and there is no provider to send batches to.",
            availability.Message);
        Assert.Equal(availability.Message, upload.Message);
        Assert.Equal(availability.Message, read.Message);
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_is_reported_as_unreachable_not_as_missing()
    {
        // A port that was just free: nothing listens there, so the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var services = ProviderTestHost.BuildServices(new()
        {
            ["Llm:BaseUrl"] = $"http://127.0.0.1:{port}/v1",
            ["Llm:ApiKey"] = ProviderTestHost.LlmKey,
            ["Llm:MaxRetries"] = "1",
            ["Llm:RetryBaseDelay"] = "00:00:00.010",
        });

        var availability = await services.GetRequiredService<IProviderBatchClient>().CheckAvailableAsync(CancellationToken.None);

        Assert.Equal(BatchApiStatus.Unreachable, availability.Status);
        Assert.Contains("could not be reached", availability.Message, StringComparison.Ordinal);
        Assert.Contains("Try again later", availability.Message, StringComparison.Ordinal);
    }
}

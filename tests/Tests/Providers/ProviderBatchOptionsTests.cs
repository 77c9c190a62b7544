using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

/// <summary>The batch-mode settings: documented defaults, binding by name, and start-up checks that name the setting.</summary>
public sealed class ProviderBatchOptionsTests
{
    [Fact]
    public async Task Defaults_are_the_documented_ones()
    {
        await using var services = ProviderTestHost.BuildServices([]);

        var llm = services.GetRequiredService<IOptions<LlmOptions>>().Value;

        Assert.Equal(JobMode.Online, llm.Mode);
        Assert.Equal("24h", llm.BatchCompletionWindow);
        Assert.Equal(50_000, llm.MaxRequestsPerBatch);
        Assert.Equal(100L * 1024 * 1024, llm.MaxBatchFileBytes);
        Assert.Equal(TimeSpan.FromMinutes(1), llm.BatchPollInterval);
        Assert.Equal(BatchRetryMode.Online, llm.BatchRetry);
        Assert.Equal(TimeSpan.FromMinutes(30), llm.BatchUploadTimeout);
    }

    [Fact]
    public async Task Settings_bind_by_name()
    {
        await using var services = ProviderTestHost.BuildServices(new()
        {
            ["Llm:Mode"] = "batch",
            ["Llm:BatchRetry"] = "Batch",
            ["Llm:BatchCompletionWindow"] = "7d",
            ["Llm:BatchPollInterval"] = "00:00:05",
        });

        var llm = services.GetRequiredService<IOptions<LlmOptions>>().Value;

        Assert.Equal(JobMode.Batch, llm.Mode);
        Assert.Equal(BatchRetryMode.Batch, llm.BatchRetry);
        Assert.Equal("7d", llm.BatchCompletionWindow);
        Assert.Equal(TimeSpan.FromSeconds(5), llm.BatchPollInterval);
    }

    [Theory]
    [InlineData("BatchCompletionWindow", "12h", "Llm__BatchCompletionWindow must be hours or days between 24h and 7d")]
    [InlineData("BatchCompletionWindow", "8d", "Llm__BatchCompletionWindow")]
    [InlineData("BatchCompletionWindow", "1 day", "Llm__BatchCompletionWindow")]
    [InlineData("MaxRequestsPerBatch", "50001", "Llm__MaxRequestsPerBatch must be between 1 and 50000")]
    [InlineData("MaxRequestsPerBatch", "0", "Llm__MaxRequestsPerBatch")]
    [InlineData("MaxBatchFileBytes", "209715201", "Llm__MaxBatchFileBytes must be between 1024 and 209715200")]
    [InlineData("BatchPollInterval", "00:00:00", "Llm__BatchPollInterval must be more than zero")]
    [InlineData("BatchPollInterval", "02:00:00", "Llm__BatchPollInterval")]
    [InlineData("BatchUploadTimeout", "00:00:00", "Llm__BatchUploadTimeout must be a positive duration")]
    public async Task Values_the_batch_api_would_refuse_fail_start_up_naming_the_setting(string key, string value, string expected)
    {
        await using var services = ProviderTestHost.BuildServices(new() { [$"Llm:{key}"] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}

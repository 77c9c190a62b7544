using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

public sealed class ProviderRegistrationTests
{
    [Fact]
    public async Task Missing_keys_choose_the_offline_providers_and_warn_once()
    {
        var logs = new ListLoggerProvider();
        var configuration = new Dictionary<string, string?> { ["Research:ApiKey"] = "   " };
        await using var services = BuildWithLogs(configuration, logs);

        Assert.IsType<OfflineResearchProvider>(services.GetRequiredService<IResearchProvider>());
        Assert.True(services.GetRequiredService<IResearchProvider>().IsOffline);
        Assert.IsType<OfflineLineWriter>(services.GetRequiredService<ILineWriter>());
        Assert.True(services.GetRequiredService<ILineWriter>().IsOffline);

        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("LLM", StringComparison.Ordinal));
        Assert.Equal(
            "No LLM key configured (Llm__ApiKey or GROQ_API_KEY): using the OFFLINE line writer; lines are placeholders, not AI-written.",
            warning.Message);
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("OFFLINE research", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conventional_key_variables_are_a_fallback()
    {
        await using var services = ProviderTestHost.BuildServices(new()
        {
            ["SERPER_API_KEY"] = "serper-from-env",
            ["GROQ_API_KEY"] = "groq-from-env",
        });

        Assert.IsType<SerperResearchProvider>(services.GetRequiredService<IResearchProvider>());
        Assert.IsType<OpenAiCompatibleLineWriter>(services.GetRequiredService<ILineWriter>());
        Assert.Equal("serper-from-env", services.GetRequiredService<IOptions<ResearchOptions>>().Value.ApiKey);
        Assert.Equal("groq-from-env", services.GetRequiredService<IOptions<LlmOptions>>().Value.ApiKey);
    }

    [Fact]
    public async Task Section_key_wins_over_the_conventional_variable()
    {
        await using var services = ProviderTestHost.BuildServices(new()
        {
            ["Llm:ApiKey"] = "from-section",
            ["GROQ_API_KEY"] = "from-env",
        });

        Assert.Equal("from-section", services.GetRequiredService<IOptions<LlmOptions>>().Value.ApiKey);
    }

    [Fact]
    public async Task Defaults_are_the_documented_ones_and_valid()
    {
        await using var services = ProviderTestHost.BuildServices([]);

        var research = services.GetRequiredService<IOptions<ResearchOptions>>().Value;
        var llm = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        Assert.Equal("https://google.serper.dev", research.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(20), research.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), research.RateLimitFallbackDelay);
        Assert.Equal(1200, research.SummaryMaxChars);
        Assert.Equal("https://api.groq.com/openai/v1", llm.BaseUrl);
        Assert.Equal("llama-3.1-8b-instant", llm.Model);
        Assert.Equal(TimeSpan.FromMinutes(4), llm.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), llm.TotalTimeout);
        Assert.Equal(1, llm.MaxTimeoutRetries);
        Assert.Equal(4, llm.MaxRetries);
        Assert.Equal(20, llm.MaxRateLimitWaits);
    }

    [Fact]
    public void Research_validator_rejects_a_bad_url_and_a_negative_timeout()
    {
        var result = new ResearchOptionsValidator().Validate(null, new ResearchOptions
        {
            BaseUrl = "google.serper.dev",
            AttemptTimeout = TimeSpan.FromSeconds(-1),
            ResultsPerQuery = 0,
        });

        Assert.True(result.Failed);
        Assert.Contains("Research__BaseUrl must be an absolute http(s) URL, but is 'google.serper.dev'.", result.Failures!);
        Assert.Contains("Research__AttemptTimeout must be a positive duration (e.g. 00:00:20), but is -00:00:01.", result.Failures!);
        Assert.Contains("Research__ResultsPerQuery must be a positive number, but is 0.", result.Failures!);
    }

    [Fact]
    public async Task Invalid_llm_settings_fail_when_options_are_read()
    {
        await using var services = ProviderTestHost.BuildServices(new()
        {
            ["Llm:BaseUrl"] = "ftp://example.com/v1",
            ["Llm:TotalTimeout"] = "-00:00:05",
            ["Llm:ApiKey"] = "key",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains("Llm__BaseUrl must be an absolute http(s) URL, but is 'ftp://example.com/v1'.", error.Failures);
        Assert.Contains("Llm__TotalTimeout must be a positive duration (e.g. 00:00:20), but is -00:00:05.", error.Failures);
    }

    [Fact]
    public void Valid_settings_pass()
    {
        Assert.True(new LlmOptionsValidator().Validate(null, new LlmOptions { BaseUrl = "http://localhost:11434/v1" }).Succeeded);
        Assert.True(new ResearchOptionsValidator().Validate(null, new ResearchOptions()).Succeeded);
    }

    private static ServiceProvider BuildWithLogs(Dictionary<string, string?> settings, ListLoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddLeadProviders(configuration);
        return services.BuildServiceProvider();
    }
}

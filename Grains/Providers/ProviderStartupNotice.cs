using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Says at start-up which providers are in use, and loudly (once, as a Warning) when one runs offline, so nobody
/// mistakes placeholder lines for AI-written ones. Resolving the providers here also builds them before the
/// first row needs them.
/// </summary>
public sealed partial class ProviderStartupNotice(
    IResearchProvider research,
    ILineWriter writer,
    IOptions<ResearchOptions> researchOptions,
    IOptions<LlmOptions> llmOptions,
    ILogger<ProviderStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (research.IsOffline)
        {
            LogOfflineResearch(logger);
        }
        else
        {
            LogResearch(logger, researchOptions.Value.BaseUrl);
        }

        if (writer.IsOffline)
        {
            LogOfflineWriter(logger);
        }
        else
        {
            LogWriter(logger, llmOptions.Value.BaseUrl, llmOptions.Value.Model);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No search key configured (Research__ApiKey or SERPER_API_KEY): using OFFLINE research; lines will not be based on web research.")]
    private static partial void LogOfflineResearch(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No LLM key configured (Llm__ApiKey or GROQ_API_KEY): using the OFFLINE line writer; lines are placeholders, not AI-written.")]
    private static partial void LogOfflineWriter(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Research: search API at {BaseUrl}")]
    private static partial void LogResearch(ILogger logger, string baseUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lines: LLM at {BaseUrl}, model {Model}")]
    private static partial void LogWriter(ILogger logger, string baseUrl, string model);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// Adds to a running job's progress the provider limits it is held to and, when rows are queued behind one, an ETA
/// from what the limits allow rather than from the rows in flight (behind a 30-requests-a-minute plan the in-flight
/// count says nothing about when the job ends). The limits are the cluster's, shared by every job using the same
/// provider key: with several jobs at once the ETA is a lower bound.
/// </summary>
public sealed partial class ProviderLimitProgress(
    ProviderLimiters limiters, IGrainFactory grains, IOptions<LlmOptions> llm, ILogger<ProviderLimitProgress> logger)
{
    public async Task<JobProgress> AddToAsync(JobProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Status != JobStatus.Running)
        {
            return progress;
        }

        ProviderLimitStatus search, model;
        try
        {
            var statuses = await Task.WhenAll(
                grains.GetGrain<IProviderLimitGrain>(limiters.ResearchSettings().Key).GetStatus(),
                grains.GetGrain<IProviderLimitGrain>(limiters.LlmSettings(progress.Model).Key).GetStatus());
            (search, model) = (statuses[0], statuses[1]);
        }
        catch (Exception ex)
        {
            // Progress without the limits beats no progress: the coordinators come back on the next call.
            LogLimitsUnavailable(logger, ex, progress.JobId);
            return progress;
        }

        var eta = progress.EstimatedTimeRemaining;
        if ((search.WaitingRequests > 0 || model.WaitingRequests > 0) && RowsPerSecondAllowed(search, model, progress) is { } allowed)
        {
            eta = TimeSpan.FromSeconds((progress.TotalRows - progress.ProcessedRows) / allowed);
        }

        return progress with { ProviderLimits = [search, model], EstimatedTimeRemaining = eta };
    }

    /// <summary>The rows a second the limits let through, from the job's own mix so far (cache hits need no search).</summary>
    private double? RowsPerSecondAllowed(ProviderLimitStatus search, ProviderLimitStatus model, JobProgress progress)
    {
        var usage = progress.Usage;
        // Rows that share requests: as many as the job asked for until its own mix says otherwise.
        var rowsPerRequest = usage.LlmRequests == 0
            ? progress.RowsPerRequest
            : Math.Clamp((double)progress.ProcessedRows / usage.LlmRequests, 1, Math.Max(1, progress.RowsPerRequest));
        double? allowed = null;
        if (search.Limited && search.RequestsPerSecond > 0)
        {
            var researched = usage.SearchCalls + usage.CachedSearches;
            var searchesPerRow = researched == 0 ? 1 : Math.Max(0.01, (double)usage.SearchCalls / researched);
            allowed = search.RequestsPerSecond / searchesPerRow;
        }

        if (model.Limited && model.RequestsPerSecond > 0)
        {
            allowed = Math.Min(allowed ?? double.MaxValue, model.RequestsPerSecond * rowsPerRequest);
        }

        if (model.Limited && model.TokensPerSecond > 0)
        {
            // Providers admit a request for its prompt plus max_tokens.
            var promptPerRow = usage.LlmRequests == 0 ? 0 : (double)usage.PromptTokens / usage.LlmRequests / rowsPerRequest;
            allowed = Math.Min(allowed ?? double.MaxValue, model.TokensPerSecond / Math.Max(1, promptPerRow + llm.Value.MaxTokens));
        }

        return allowed is > 0 and < double.MaxValue ? allowed : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider limits of job {JobId} could not be read; its progress shows none this time")]
    private static partial void LogLimitsUnavailable(ILogger logger, Exception exception, string jobId);
}

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// The upload client's settings: one attempt, no retry of any kind (a stream that has been read cannot be sent again; the
/// caller looks the file up by name and uploads again), and <see cref="LlmOptions.BatchUploadTimeout"/> for both the
/// attempt and the call, since a large file on a slow link takes many minutes.
/// </summary>
public sealed class BatchUploadResilience : ProviderResilienceOptions
{
    public static BatchUploadResilience From(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BatchUploadResilience
        {
            AttemptTimeout = options.BatchUploadTimeout,
            TotalTimeout = options.BatchUploadTimeout,
            MaxRetries = 0,
            MaxTimeoutRetries = 0,
            MaxRateLimitWaits = 0,
            RateLimitFallbackDelay = options.RateLimitFallbackDelay,
            RetryBaseDelay = options.RetryBaseDelay,
            AccountPauseThreshold = options.AccountPauseThreshold,
            AccountFaultHold = options.AccountFaultHold,
        };
    }
}

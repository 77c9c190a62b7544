namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>Which failed rows a retry runs again.</summary>
[GenerateSerializer, Alias("retry-scope")]
public enum RetryScope
{
    /// <summary>Every row whose status is failed.</summary>
    AllFailed = 0,

    /// <summary>Only rows that failed on something that may pass next time: timeouts, 5xx, rate limits, cancellation.</summary>
    Transient = 1,
}

namespace PersonalizedLine.ProviderEmulator;

/// <summary>Start-up settings for <see cref="ProviderEmulator"/>; everything else can change while it runs.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The only <c>X-API-KEY</c> accepted by <c>/search</c>; null accepts any non-blank key.</summary>
    public string? SearchApiKey { get; init; }

    /// <summary>
    /// The only bearer token accepted by <c>/v1/chat/completions</c> and the Files and Batches API; null accepts any
    /// non-blank token.
    /// </summary>
    public string? LlmApiKey { get; init; }

    /// <summary>Initial latency of every search answer.</summary>
    public TimeSpan SearchLatency { get; init; }

    /// <summary>Initial latency of every LLM answer.</summary>
    public TimeSpan LlmLatency { get; init; }

    /// <summary>How many recent requests each endpoint keeps in <see cref="EndpointBehavior.Requests"/>.</summary>
    public int RecordedRequestLimit { get; init; } = 10_000;

    /// <summary>
    /// How many admitted requests each endpoint keeps in <see cref="EndpointBehavior.AdmittedLog"/> (16 bytes each);
    /// past it the oldest quarter is dropped. The counters keep counting.
    /// </summary>
    public int AdmittedLogLimit { get; init; } = 1_000_000;

    /// <summary>How long a batch stays <c>validating</c> (initial <see cref="BatchApi.BatchBehavior.ValidatingTime"/>).</summary>
    public TimeSpan BatchValidatingTime { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a batch stays <c>in_progress</c> (initial <see cref="BatchApi.BatchBehavior.ProcessingTime"/>).</summary>
    public TimeSpan BatchProcessingTime { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a batch stays <c>finalizing</c> or <c>cancelling</c> (initial <see cref="BatchApi.BatchBehavior.FinalizingTime"/>).</summary>
    public TimeSpan BatchFinalizingTime { get; init; } = TimeSpan.FromMilliseconds(200);
}

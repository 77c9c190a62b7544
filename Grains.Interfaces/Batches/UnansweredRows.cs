namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>What becomes of rows a finished provider batch left without a line (failed, expired or missing requests).</summary>
[GenerateSerializer, Alias("unanswered-rows")]
public enum UnansweredRows
{
    /// <summary>Asked again online, one row per request.</summary>
    RetryOnline = 0,

    /// <summary>Kept for the next provider batch.</summary>
    NextBatch = 1,

    /// <summary>Failed with the provider's reason: no attempt left.</summary>
    Fail = 2,
}

namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// How a job's LLM requests reach the provider. Serialized by name in the API and configuration, so the names are part
/// of the contract.
/// </summary>
[GenerateSerializer, Alias("job-mode")]
public enum JobMode
{
    /// <summary>Chat completions sent as rows become ready; lines arrive within seconds.</summary>
    Online = 0,

    /// <summary>
    /// Requests collected into files for the provider's Batch API: about half the price and outside the online rate
    /// limits, with results within the batch's completion window (up to 24 hours).
    /// </summary>
    Batch = 1,
}

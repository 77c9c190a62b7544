namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>Asks, from a silo (where the provider clients live), whether the LLM provider offers a Batch API.</summary>
public interface IBatchApiProbeGrain : IGrainWithIntegerKey
{
    /// <summary>Null when batch mode can be used; otherwise what stops it, in words a person can act on.</summary>
    Task<string?> ProblemWithBatchMode();
}

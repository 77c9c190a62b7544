namespace PersonalizedLine.Grains.Batches;

/// <summary>A job's provider batches, persisted at every step.</summary>
[GenerateSerializer, Alias("provider-batch-state")]
public sealed class ProviderBatchState
{
    [Id(0)]
    public BatchPhase Phase { get; set; }

    [Id(1)]
    public int Round { get; set; } = 1;

    /// <summary>The chunks this round sends, in order: every researched chunk in round 1, those with rows left after.</summary>
    [Id(2)]
    public List<int> RoundChunks { get; set; } = [];

    /// <summary>Position in <see cref="RoundChunks"/> where the next part starts.</summary>
    [Id(3)]
    public int NextChunk { get; set; }

    [Id(4)]
    public List<ProviderBatchPart> Parts { get; set; } = [];

    /// <summary>Chunks that still have rows waiting for a batch after this round's deliveries.</summary>
    [Id(5)]
    public List<int> ChunksLeft { get; set; } = [];
}

namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>What a reader of a job's output needs: its spec, how many chunks to read, and whether it is done.</summary>
[GenerateSerializer, Immutable, Alias("job-manifest")]
public sealed record class JobManifest(
    [property: Id(0)] JobSpec Spec,
    [property: Id(1)] int ChunkCount,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] long TotalRows);

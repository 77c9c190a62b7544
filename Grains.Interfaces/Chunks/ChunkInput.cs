using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>A slice of a job's rows, persisted once by its chunk grain.</summary>
/// <param name="JobId">The owning job.</param>
/// <param name="ChunkIndex">0-based position of the chunk in the job.</param>
/// <param name="FirstRowNumber">0-based job row number of the first row.</param>
/// <param name="Spec">The job's templates and model, so the chunk can render prompts on its own.</param>
/// <param name="Rows">The rows, in file order.</param>
[GenerateSerializer, Immutable, Alias("chunk-input")]
public sealed record class ChunkInput(
    [property: Id(0)] string JobId,
    [property: Id(1)] int ChunkIndex,
    [property: Id(2)] long FirstRowNumber,
    [property: Id(3)] JobSpec Spec,
    [property: Id(4)] IReadOnlyList<ChunkRow> Rows);

namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>A batch-mode job's provider batches, as its progress shows them.</summary>
/// <param name="Phase">
/// <c>waiting</c> (rows still being researched), <c>uploading</c>, <c>submitted</c> (the provider is working),
/// <c>finished</c> or <c>cancelled</c>.
/// </param>
/// <param name="Round">1, or 2 when failed requests went into a second batch.</param>
/// <param name="Batches">One entry per provider batch (a large job is split into several files).</param>
[GenerateSerializer, Immutable, Alias("provider-batch-progress")]
public sealed record class ProviderBatchProgress(
    [property: Id(0)] string Phase,
    [property: Id(1)] int Round,
    [property: Id(2)] IReadOnlyList<ProviderBatchPartProgress> Batches);
